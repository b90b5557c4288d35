package insights

import (
	"context"
	"database/sql"
	"fmt"
	"io"

	"github.com/flowduck/flowduck/internal/dialect"
	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/render"
	"github.com/flowduck/flowduck/internal/store"
)

// Prepare translates a query over the flow logs loaded in the database on
// q, narrowed by f.
func Prepare(ctx context.Context, q store.Querier, query string, f filter.Filter) (*Compiled, error) {
	q2, err := Parse(query)
	if err != nil {
		return nil, err
	}
	src, err := LoadSource(ctx, q, f)
	if err != nil {
		return nil, err
	}
	return Compile(query, q2, src)
}

// Run runs a compiled query on conn and renders its result to w. When the
// default limit cut the result, it says so on notices.
func Run(ctx context.Context, conn *sql.Conn, c *Compiled, w, notices io.Writer, opts render.Options) error {
	// A lazy session installs the dialect macros the query names (as the
	// sql command would), so it means what it means in the tests.
	if err := dialect.Ensure(ctx, conn, c.SQL+" "+c.MoreSQL); err != nil {
		return err
	}
	rows, err := conn.QueryContext(ctx, c.SQL)
	if err != nil {
		return fmt.Errorf("run the query: %w", err)
	}
	n, err := render.Rows(ctx, w, rows, opts)
	if cerr := rows.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("run the query: %w", err)
	}
	if !c.DefaultLimit || n < DefaultLimit {
		return nil
	}
	var more bool
	if err := conn.QueryRowContext(ctx, c.MoreSQL).Scan(&more); err != nil {
		return fmt.Errorf("count the query's rows: %w", err)
	}
	if more {
		_, err = fmt.Fprintf(notices, "the result was cut at the default limit of %d rows, as CloudWatch does; end the query with | limit N for another number\n", DefaultLimit)
	}
	return err
}
