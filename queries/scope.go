package queries

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/store"
	"github.com/flowduck/flowduck/schema"
)

// Names of the temporary objects that apply the filter.
const (
	// filterTable holds the filter values, one (kind, value) row each,
	// inserted with a prepared statement.
	filterTable = "flowduck_report_filter"
)

// scope is the relation a report reads: the filtered temporary view, while
// it exists.
type scope struct {
	conn    *sql.Conn
	created bool
}

// checkFilter reports a filter that reads a field no loaded file has.
func checkFilter(f filter.Filter, have map[string]bool) error {
	for _, t := range f.Terms() {
		if t.Field == "" {
			continue
		}
		field, _ := schema.Lookup(t.Field)
		if err := missing("filter "+t.Name, []schema.Field{field}, have); err != nil {
			return err
		}
	}
	return nil
}

// openScope shadows vpc_flow_logs with a temporary view of the records that
// pass f; with no filter it leaves the database's view alone. The filter
// values are bound into a temporary table; only the shape of the condition
// (which filters are set) is SQL text.
func openScope(ctx context.Context, conn *sql.Conn, f filter.Filter) (*scope, error) {
	s := &scope{conn: conn}
	if f.IsZero() {
		return s, nil
	}
	if _, err := conn.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE "+filterTable+" (kind VARCHAR, value VARCHAR)"); err != nil {
		return nil, fmt.Errorf("apply filters: %w", err)
	}
	s.created = true
	var conds []string
	for _, t := range f.Terms() {
		for _, v := range t.Values {
			if _, err := conn.ExecContext(ctx, "INSERT INTO temp."+filterTable+" VALUES (?, ?)", t.Name, v); err != nil {
				return nil, errors.Join(fmt.Errorf("apply filter %s: %w", t.Name, err), s.close(ctx))
			}
		}
		conds = append(conds, t.Cond(fmt.Sprintf("SELECT value FROM temp.%s WHERE kind = %s", filterTable, store.Literal(t.Name))))
	}
	loaded, err := store.DataColumns(ctx, conn)
	if err != nil {
		return nil, errors.Join(err, s.close(ctx))
	}
	layout, err := schema.LookupLayout("current")
	if err != nil {
		return nil, errors.Join(err, s.close(ctx))
	}
	query, err := store.ViewSQL(layout, loaded)
	if err != nil {
		return nil, errors.Join(err, s.close(ctx))
	}
	view := "CREATE OR REPLACE TEMP VIEW " + store.DefaultView + " AS\n" +
		query + "\nWHERE " + strings.Join(conds, "\n  AND ")
	if _, err := conn.ExecContext(ctx, view); err != nil {
		return nil, errors.Join(fmt.Errorf("apply filters: %w", err), s.close(ctx))
	}
	return s, nil
}

// close drops the temporary view and table, even when ctx is cancelled.
func (s *scope) close(ctx context.Context) error {
	if !s.created {
		return nil
	}
	s.created = false
	ctx = context.WithoutCancel(ctx)
	var errs []error
	for _, stmt := range []string{
		"DROP VIEW IF EXISTS temp." + store.DefaultView,
		"DROP TABLE IF EXISTS temp." + filterTable,
	} {
		if _, err := s.conn.ExecContext(ctx, stmt); err != nil {
			errs = append(errs, fmt.Errorf("remove filters: %w", err))
		}
	}
	return errors.Join(errs...)
}
