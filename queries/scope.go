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

// filterTable holds the filter values, one (kind, value) row each,
// inserted with a prepared statement; it lives while the scope does.
const filterTable = "flowduck_report_filter"

// scope is what a report reads as vpc_flow_logs: a TEMP view of flowduck's
// own current-layout records (store.FlowsView), narrowed by the filter,
// that lives on the report's connection while the report runs.
//
// Why a TEMP view rather than a rewrite of the report's syntax tree: DuckDB
// resolves an unqualified name through its search path, the connection's
// temp catalog before the database's main schema, so a TEMP view named
// vpc_flow_logs shadows whatever the user made of main.vpc_flow_logs (a
// legacy layout, say) on this connection only and only until close drops
// it. The user's view is never touched, other connections never see the
// shadow, and the report's text runs as published, byte for byte: a
// json_serialize_sql/json_deserialize_sql round trip would run DuckDB's
// re-rendering of every report, the user's saved ones too, and point errors
// at text nobody wrote. The filter needs the same shadow anyway, so every
// report reads records one way. A report that names a schema
// ("default".vpc_flow_logs, main.vpc_flow_logs) reads what it names.
//
// The view's body is store.FlowsQuery, FlowsView's own definition, rather
// than a reference to main.flowduck_vpc_flow_logs: the filters read
// provenance columns of the records table (_account, _region from the S3
// key) that the view does not show, and a definition cannot be broken by a
// user's CREATE OR REPLACE VIEW or be missing from an older database.
type scope struct {
	conn    *sql.Conn
	view    bool // the temp view exists
	table   bool // the temp table (a materialised scope) exists
	filters bool // the filter table exists
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

// openScope creates the scope's temp view. The filter values are bound into
// a temporary table; only the shape of the condition (which filters are set)
// is SQL text. It refuses to replace a temporary vpc_flow_logs the
// connection already has (a shell user's own).
func openScope(ctx context.Context, conn *sql.Conn, f filter.Filter) (*scope, error) {
	return openScopeAs(ctx, conn, f, false)
}

// openScopeAs opens the scope as a temp view, or, when materialize is set,
// as a temp table holding the filtered records (read once, then shared by
// the reports that run while it is open).
func openScopeAs(ctx context.Context, conn *sql.Conn, f filter.Filter, materialize bool) (*scope, error) {
	if err := checkShadow(ctx, conn); err != nil {
		return nil, err
	}
	s := &scope{conn: conn}
	query, err := store.FlowsQuery(ctx, conn)
	if err != nil {
		return nil, err
	}
	if !f.IsZero() {
		conds, err := s.bindFilter(ctx, f)
		if err != nil {
			return nil, errors.Join(err, s.close(ctx))
		}
		query += "\nWHERE " + strings.Join(conds, "\n  AND ")
	}
	kind := "VIEW"
	if materialize {
		kind = "TABLE"
		s.table = true
	} else {
		s.view = true
	}
	view := "CREATE TEMP " + kind + " " + store.DefaultView + " AS\n" + query
	if _, err := conn.ExecContext(ctx, view); err != nil {
		return nil, errors.Join(fmt.Errorf("read %s: %w", store.FlowsView, err), s.close(ctx))
	}
	return s, nil
}

// bindFilter inserts the filter values into the filter table and returns
// the conditions that read them.
func (s *scope) bindFilter(ctx context.Context, f filter.Filter) ([]string, error) {
	if _, err := s.conn.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE "+filterTable+" (kind VARCHAR, value VARCHAR)"); err != nil {
		return nil, fmt.Errorf("apply filters: %w", err)
	}
	s.filters = true
	var conds []string
	for _, t := range f.Terms() {
		for _, v := range t.Values {
			if _, err := s.conn.ExecContext(ctx, "INSERT INTO temp."+filterTable+" VALUES (?, ?)", t.Name, v); err != nil {
				return nil, fmt.Errorf("apply filter %s: %w", t.Name, err)
			}
		}
		conds = append(conds, t.Cond(fmt.Sprintf("SELECT value FROM temp.%s WHERE kind = %s", filterTable, store.Literal(t.Name))))
	}
	return conds, nil
}

// checkShadow fails when the connection already has a temporary table or
// view named vpc_flow_logs, which the scope would replace and then drop.
func checkShadow(ctx context.Context, conn *sql.Conn) error {
	var n int
	err := conn.QueryRowContext(ctx, `SELECT count(*) FROM (
		SELECT view_name AS name FROM duckdb_views() WHERE temporary
		UNION ALL
		SELECT table_name FROM duckdb_tables() WHERE temporary
	) WHERE lower(name) = ?`, store.DefaultView).Scan(&n)
	if err != nil {
		return fmt.Errorf("inspect temporary objects: %w", err)
	}
	if n > 0 {
		return fmt.Errorf("this session has its own temporary %s, and reports read flowduck's view under that name: drop it first", store.DefaultView)
	}
	return nil
}

// close drops the temporary view and table, even when ctx is cancelled.
func (s *scope) close(ctx context.Context) error {
	ctx = context.WithoutCancel(ctx)
	var stmts []string
	if s.view {
		stmts = append(stmts, "DROP VIEW IF EXISTS temp."+store.DefaultView)
	}
	if s.table {
		stmts = append(stmts, "DROP TABLE IF EXISTS temp."+store.DefaultView)
	}
	if s.filters {
		stmts = append(stmts, "DROP TABLE IF EXISTS temp."+filterTable)
	}
	s.view, s.table, s.filters = false, false, false
	var errs []error
	for _, stmt := range stmts {
		if _, err := s.conn.ExecContext(ctx, stmt); err != nil {
			errs = append(errs, fmt.Errorf("clean up after the report: %w", err))
		}
	}
	return errors.Join(errs...)
}
