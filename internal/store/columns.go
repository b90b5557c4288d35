package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/flowduck/flowduck/schema"
)

// DataColumns returns the data columns of the records table (the fields loaded
// so far), mapped to their DuckDB types, provenance columns excluded.
func DataColumns(ctx context.Context, q Querier) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT column_name, data_type FROM duckdb_columns()
		WHERE schema_name = 'main' AND table_name = ?`, RecordsTable)
	if err != nil {
		return nil, fmt.Errorf("read columns of %s: %w", RecordsTable, err)
	}
	defer rows.Close()
	cols := map[string]string{}
	for rows.Next() {
		var name, typ string
		if err := rows.Scan(&name, &typ); err != nil {
			return nil, fmt.Errorf("read columns of %s: %w", RecordsTable, err)
		}
		if !strings.HasPrefix(name, "_") {
			cols[name] = typ
		}
	}
	return cols, rows.Err()
}

// AddColumns adds to the records table the fields it does not have yet, and
// returns the names it added.
func AddColumns(ctx context.Context, q Querier, fields []schema.Field) ([]string, error) {
	have, err := DataColumns(ctx, q)
	if err != nil {
		return nil, err
	}
	var added []string
	for _, f := range fields {
		if _, ok := have[f.Column]; ok {
			continue
		}
		stmt := fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s %s", RecordsTable, Ident(f.Column), f.DuckType)
		if _, err := q.ExecContext(ctx, stmt); err != nil {
			return nil, fmt.Errorf("add column %s: %w", f.Column, err)
		}
		have[f.Column] = f.DuckType
		added = append(added, f.Column)
	}
	return added, nil
}
