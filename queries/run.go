package queries

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/flowduck/flowduck/internal/dialect"
	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/render"
	"github.com/flowduck/flowduck/internal/store"
)

// Call is a report with its parameters bound and its filter validated,
// ready to Run. Make one with Prepare.
type Call struct {
	report Report
	args   []any
	filter filter.Filter
}

// Prepare validates params (the --param values by name; defaults fill the
// rest) against r's declared parameters, and the filter, and binds the
// filter's time range to the $since and $until the report reads (see
// rangeParams). It is the one place a report's arguments are validated: a
// command calls it before it opens the database, and Run trusts its result.
func Prepare(r Report, params map[string]string, f filter.Filter) (Call, error) {
	args, err := r.Bind(params)
	if err != nil {
		return Call{}, err
	}
	if err := f.Validate(); err != nil {
		return Call{}, err
	}
	args = append(args, r.rangeArgs(f)...)
	return Call{report: r, args: args, filter: f}, nil
}

// Run runs the prepared report on conn and renders its result to w. The
// report reads vpc_flow_logs as flowduck's own current-layout view, narrowed
// by the filter, whatever layout the user has given their vpc_flow_logs (see
// scope). Before any SQL runs, Run checks that the loaded data has the
// fields the report and the filter need. Parameter and filter values are
// bound, never spliced into SQL text. The temporary objects Run creates are
// dropped before it returns, even on error. conn must be a session with the
// Athena dialect (duck.Open without Plain), which also has is_private.
func Run(ctx context.Context, conn *sql.Conn, c Call, w io.Writer, opts render.Options) error {
	if err := checkData(ctx, conn, c.report, c.filter); err != nil {
		return err
	}
	if c.report.insights {
		return runInsights(ctx, conn, c, w, opts)
	}
	sc, err := openScope(ctx, conn, c.filter)
	if err != nil {
		return err
	}
	err = query(ctx, conn, c.report, c.args, w, opts)
	return errors.Join(err, sc.close(ctx))
}

// checkData fails when nothing is loaded or a needed field is missing.
func checkData(ctx context.Context, conn *sql.Conn, r Report, f filter.Filter) error {
	if err := store.RequireLoaded(ctx, conn); err != nil {
		return err
	}
	have, err := loadedFields(ctx, conn)
	if err != nil {
		return err
	}
	if err := missing("report "+r.Name, r.Requires, have); err != nil {
		return err
	}
	if err := checkIOC(ctx, conn, r); err != nil {
		return err
	}
	return checkFilter(f, have)
}

// checkIOC fails when the report reads the indicator table (needs=ioc) and
// the session has none.
func checkIOC(ctx context.Context, conn *sql.Conn, r Report) error {
	if r.Detection.Needs != NeedsIOC {
		return nil
	}
	var n int
	err := conn.QueryRowContext(ctx, "SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = ?", IOCTable).Scan(&n)
	if err != nil {
		return fmt.Errorf("report %s: %w", r.Name, err)
	}
	if n == 0 {
		return fmt.Errorf("report %s reads an indicator list: give one with --ioc FILE (flowduck run %s --ioc FILE, or flowduck detect --ioc FILE)", r.Name, r.Name)
	}
	return nil
}

// query runs the report's statement with its bound arguments and renders it.
func query(ctx context.Context, conn *sql.Conn, r Report, args []any, w io.Writer, opts render.Options) error {
	stmt, err := dialect.Rewrite(ctx, conn, r.statement)
	if err != nil {
		return fmt.Errorf("report %s: %w", r.Name, dialect.ExplainError(err))
	}
	if err := dialect.Ensure(ctx, conn, stmt); err != nil {
		return fmt.Errorf("report %s: %w", r.Name, err)
	}
	rows, err := conn.QueryContext(ctx, stmt, args...)
	if err != nil {
		return fmt.Errorf("report %s: %w", r.Name, dialect.ExplainError(err))
	}
	defer rows.Close()
	if _, err := render.Rows(ctx, w, rows, opts); err != nil {
		return fmt.Errorf("report %s: %w", r.Name, dialect.ExplainError(err))
	}
	return rows.Err()
}

// Bind validates params against the report's declared parameters, fills in
// the defaults and returns the values to bind, one sql.NamedArg per
// declared parameter the statement reads (the driver wants exactly those;
// Prepare adds the filter's range).
func (r Report) Bind(params map[string]string) ([]any, error) {
	used := map[string]bool{}
	for _, name := range placeholders(r.statement) {
		used[name] = true
	}
	names := make([]string, 0, len(params))
	for name := range params {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if _, ok := r.Param(name); !ok {
			return nil, &ParamError{Report: r.Name, Name: name, Value: params[name], Reason: r.unknownParam()}
		}
	}
	var args []any
	for _, p := range r.params {
		value, given := params[p.Name]
		if !given {
			if p.Required {
				return nil, &ParamError{Report: r.Name, Name: p.Name, Missing: true, Reason: p.Doc}
			}
			value = p.Default
		}
		v, err := p.Parse(value)
		if err != nil {
			var pe *ParamError
			if errors.As(err, &pe) {
				pe.Report = r.Name
			}
			return nil, err
		}
		if used[p.Name] {
			args = append(args, sql.Named(p.Name, v))
		}
	}
	return args, nil
}

// unknownParam says which parameters the report has.
func (r Report) unknownParam() string {
	if len(r.params) == 0 {
		return fmt.Sprintf("report %s takes no parameters", r.Name)
	}
	names := make([]string, len(r.params))
	for i, p := range r.params {
		names[i] = p.Name
	}
	return fmt.Sprintf("report %s has no such parameter (it has %s)", r.Name, strings.Join(names, ", "))
}

// Statement returns the report's SQL statement without its header.
func (r Report) Statement() string { return r.statement }
