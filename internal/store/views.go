package store

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/flowduck/flowduck/schema"
)

// athenaBaseVersion is the highest field version of the table AWS documents
// for Athena: the view always has the v2-v5 columns, loaded or not, so that
// published queries bind even on data that lacks some fields.
const athenaBaseVersion = 5

// ViewFields returns the fields a layout view presents: the catalog's v2-v5
// fields, every other catalog field that has been loaded, then loaded fields
// the catalog does not know, in name order.
func ViewFields(loaded map[string]string) []schema.Field {
	var fields []schema.Field
	seen := map[string]bool{}
	for _, f := range schema.Catalog {
		if _, ok := loaded[f.Column]; ok || f.Version <= athenaBaseVersion {
			fields = append(fields, f)
			seen[f.Column] = true
		}
	}
	var unknown []string
	for col := range loaded {
		if !seen[col] {
			unknown = append(unknown, col)
		}
	}
	sort.Strings(unknown)
	for _, col := range unknown {
		f := schema.FieldFor(col)
		f.DuckType = loaded[col]
		fields = append(fields, f)
	}
	return fields
}

// ViewSQL returns the SELECT that presents the records table in a layout.
func ViewSQL(layout schema.Layout, loaded map[string]string) (string, error) {
	var cols []string
	for _, f := range ViewFields(loaded) {
		if !layout.Includes(f) {
			continue
		}
		name := Ident(layout.ColumnName(f))
		if _, ok := loaded[f.Column]; ok {
			cols = append(cols, fmt.Sprintf("%s AS %s", Ident(f.Column), name))
		} else {
			cols = append(cols, fmt.Sprintf("CAST(NULL AS %s) AS %s", f.DuckType, name))
		}
	}
	for _, p := range layout.Partitions {
		expr, err := PartitionExpr(layout.Name, p.Name)
		if err != nil {
			return "", err
		}
		cols = append(cols, fmt.Sprintf("%s AS %s", expr, Ident(p.Name)))
	}
	return "SELECT\n  " + strings.Join(cols, ",\n  ") + "\nFROM main." + RecordsTable, nil
}

// ErrReservedName means a user view was to take a name flowduck owns (one
// starting with ReservedPrefix, or DecodedView); test with errors.Is.
var ErrReservedName = errors.New("names starting with " + ReservedPrefix + " are flowduck's own tables and views, and so is " + DecodedView + ": choose another name")

// CheckViewName returns ErrReservedName for a name a user view may not
// take. DuckDB compares names without regard to case, and so does this.
func CheckViewName(name string) error {
	if strings.HasPrefix(strings.ToLower(name), ReservedPrefix) || strings.EqualFold(name, DecodedView) {
		return ErrReservedName
	}
	return nil
}

// FlowsQuery returns the SELECT that defines FlowsView: the records table
// in the current layout over its current columns. Reports build their
// vpc_flow_logs from it (package queries).
func FlowsQuery(ctx context.Context, q Querier) (string, error) {
	loaded, err := DataColumns(ctx, q)
	if err != nil {
		return "", err
	}
	return flowsQuery(loaded)
}

// flowsQuery is FlowsQuery over known columns.
func flowsQuery(loaded map[string]string) (string, error) {
	layout, err := schema.LookupLayout("current")
	if err != nil {
		return "", err
	}
	return ViewSQL(layout, loaded)
}

// createFlowsView creates or replaces FlowsView in main.
func createFlowsView(ctx context.Context, q Querier, loaded map[string]string) error {
	query, err := flowsQuery(loaded)
	if err != nil {
		return fmt.Errorf("create view %s: %w", FlowsView, err)
	}
	if _, err := q.ExecContext(ctx, "CREATE OR REPLACE VIEW main."+Ident(FlowsView)+" AS\n"+query); err != nil {
		return fmt.Errorf("create view %s: %w", FlowsView, err)
	}
	return nil
}

// CreateView creates or replaces view name in the given layout, in main and
// as "default".name, and remembers it so later loads keep it current. It
// refuses a reserved name (CheckViewName) and (re)creates FlowsView too.
func CreateView(ctx context.Context, q Querier, name, layoutName string) error {
	if err := CheckViewName(name); err != nil {
		return err
	}
	layout, err := schema.LookupLayout(layoutName)
	if err != nil {
		return err
	}
	if err := Ensure(ctx, q); err != nil {
		return err
	}
	loaded, err := DataColumns(ctx, q)
	if err != nil {
		return err
	}
	if err := createView(ctx, q, name, layout, loaded); err != nil {
		return err
	}
	if err := createFlowsView(ctx, q, loaded); err != nil {
		return err
	}
	if err := createDecodedView(ctx, q); err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, "DELETE FROM "+ViewsTable+" WHERE name = ?", name); err != nil {
		return fmt.Errorf("record view %s: %w", name, err)
	}
	if _, err := q.ExecContext(ctx, "INSERT INTO "+ViewsTable+" VALUES (?, ?)", name, layout.Name); err != nil {
		return fmt.Errorf("record view %s: %w", name, err)
	}
	return nil
}

// RefreshViews recreates FlowsView, vpc_flow_logs and every remembered
// layout view over the current columns of the records table. Loads call it
// after adding columns.
func RefreshViews(ctx context.Context, q Querier) error {
	loaded, err := DataColumns(ctx, q)
	if err != nil {
		return err
	}
	views := map[string]string{DefaultView: "current"}
	rows, err := q.QueryContext(ctx, "SELECT name, layout FROM "+ViewsTable)
	if err != nil {
		return fmt.Errorf("read %s: %w", ViewsTable, err)
	}
	for rows.Next() {
		var name, layout string
		if err := rows.Scan(&name, &layout); err != nil {
			rows.Close()
			return fmt.Errorf("read %s: %w", ViewsTable, err)
		}
		views[name] = layout
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read %s: %w", ViewsTable, err)
	}
	names := make([]string, 0, len(views))
	for name := range views {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		layout, err := schema.LookupLayout(views[name])
		if err != nil {
			return fmt.Errorf("view %s: %w", name, err)
		}
		if err := createView(ctx, q, name, layout, loaded); err != nil {
			return err
		}
	}
	// Last, so that they win over a remembered view of their name that an
	// older flowduck let a user create.
	if err := createFlowsView(ctx, q, loaded); err != nil {
		return err
	}
	return createDecodedView(ctx, q)
}

// createView creates the view in main and its mirror in "default".
func createView(ctx context.Context, q Querier, name string, layout schema.Layout, loaded map[string]string) error {
	query, err := ViewSQL(layout, loaded)
	if err != nil {
		return fmt.Errorf("create view %s: %w", name, err)
	}
	stmts := []string{
		fmt.Sprintf("CREATE OR REPLACE VIEW main.%s AS\n%s", Ident(name), query),
		fmt.Sprintf("CREATE OR REPLACE VIEW %s.%s AS SELECT * FROM main.%s", Ident(AthenaSchema), Ident(name), Ident(name)),
	}
	for _, stmt := range stmts {
		if _, err := q.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("create view %s (layout %s): %w", name, layout.Name, err)
		}
	}
	return nil
}
