package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/flowduck/flowduck/schema"
)

// DataColumns returns the data columns of the records table (the fields loaded
// so far), mapped to their DuckDB types, provenance columns excluded; none
// before the first load.
func DataColumns(ctx context.Context, q Querier) (map[string]string, error) {
	all, err := tableColumns(ctx, q, RecordsTable)
	if err != nil {
		return nil, err
	}
	cols := map[string]string{}
	for name, typ := range all {
		if !strings.HasPrefix(name, "_") {
			cols[name] = typ
		}
	}
	return cols, nil
}

// tableColumns returns the columns of table (in main) mapped to their DuckDB
// types, none if there is no such table. It reads pragma_table_info rather
// than duckdb_columns(), whose first call in a database costs ~20 ms (it
// binds every system view to list their columns too).
func tableColumns(ctx context.Context, q Querier, table string) (map[string]string, error) {
	cols := map[string]string{}
	ok, err := tableExists(ctx, q, table)
	if err != nil || !ok {
		return cols, err
	}
	rows, err := q.QueryContext(ctx, `SELECT name, type FROM pragma_table_info(`+Literal("main."+Ident(table))+`)`)
	if err != nil {
		return nil, fmt.Errorf("read columns of %s: %w", table, err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			return nil, fmt.Errorf("read columns of %s: %w", table, err)
		}
		cols[name] = typ
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read columns of %s: %w", table, err)
	}
	return cols, nil
}

// AddColumns adds to the records table the fields it does not have yet, in
// the order given, and returns the names it added. A records table that has
// no data column and no row yet (a new database) is created again with all of
// them in one statement, which is much cheaper than one ALTER TABLE each; the
// result is the same table.
func AddColumns(ctx context.Context, q Querier, fields []schema.Field) ([]string, error) {
	have, err := DataColumns(ctx, q)
	if err != nil {
		return nil, err
	}
	var missing []schema.Field
	for _, f := range fields {
		if _, ok := have[f.Column]; ok {
			continue
		}
		have[f.Column] = f.DuckType
		missing = append(missing, f)
	}
	if len(missing) == 0 {
		return nil, nil
	}
	added := make([]string, len(missing))
	for i, f := range missing {
		added[i] = f.Column
	}
	if len(have) == len(missing) {
		fresh, err := isEmpty(ctx, q)
		if err != nil {
			return nil, err
		}
		if fresh {
			return added, createRecords(ctx, q, missing)
		}
	}
	for _, f := range missing {
		stmt := fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s %s", RecordsTable, Ident(f.Column), f.DuckType)
		if _, err := q.ExecContext(ctx, stmt); err != nil {
			return nil, fmt.Errorf("add column %s: %w", f.Column, err)
		}
	}
	return added, nil
}

// isEmpty reports whether the records table has no row.
func isEmpty(ctx context.Context, q Querier) (bool, error) {
	var any bool
	if err := q.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM "+RecordsTable+")").Scan(&any); err != nil {
		return false, fmt.Errorf("read %s: %w", RecordsTable, err)
	}
	return !any, nil
}

// createRecords replaces the empty records table by one with the provenance
// columns followed by fields, the columns AddColumns would have added.
func createRecords(ctx context.Context, q Querier, fields []schema.Field) error {
	var b strings.Builder
	b.WriteString("CREATE OR REPLACE TABLE " + RecordsTable + " (" + provenanceColumns)
	for _, f := range fields {
		b.WriteString(", " + Ident(f.Column) + " " + f.DuckType)
	}
	b.WriteString(")")
	if _, err := q.ExecContext(ctx, b.String()); err != nil {
		return fmt.Errorf("create %s: %w", RecordsTable, err)
	}
	return nil
}
