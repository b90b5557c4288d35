package loader

import (
	"context"
	"fmt"

	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/store"
	"github.com/flowduck/flowduck/schema"
)

// parquetRead is the read_parquet call for a Parquet group: files may differ
// in columns (custom formats), so columns are matched by name.
func parquetRead(jobs []*job) string {
	return fmt.Sprintf("read_parquet(%s, union_by_name = true, filename = true, hive_partitioning = false)", pathList(jobs))
}

// parquetFields reads the union of the group's Parquet columns and maps them
// to catalog fields (AWS writes Athena's underscore names; unknown columns
// become string fields).
// It also returns the Parquet column name of each field's column.
func parquetFields(ctx context.Context, q store.Querier, jobs []*job) ([]schema.Field, map[string]string, error) {
	rows, err := q.QueryContext(ctx, "DESCRIBE SELECT * FROM "+parquetRead(jobs))
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, nil, err
	}
	var fields []schema.Field
	source := map[string]string{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, nil, err
		}
		name := fmt.Sprint(vals[0])
		if name == "filename" {
			continue
		}
		f, ok := schema.Lookup(name)
		if !ok {
			f = schema.FieldFor(name)
		}
		if _, dup := source[f.Column]; dup {
			continue
		}
		source[f.Column] = name
		fields = append(fields, f)
	}
	return fields, source, rows.Err()
}

// parquetInserts load a Parquet group, casting each column to its Athena
// type; sourceColumns names the Parquet column of each field. When the
// group has a log status, the records of the other statuses load in a
// second statement, after the OK ones, for the reason status.go gives; the
// second reads only the row groups whose log-status statistics admit such
// a record, and of those, DuckDB reads the other columns only for them.
func parquetInserts(g *group, jobs []*job, f filter.Filter, sourceColumns map[string]string) []string {
	read := func(column string) string {
		i := fieldIndex(g.fields, column)
		if i < 0 {
			return ""
		}
		return fmt.Sprintf("CAST(r.%s AS %s)", store.Ident(sourceColumns[column]), g.fields[i].DuckType)
	}
	from := fmt.Sprintf("%s AS r\nJOIN %s AS p ON r.filename = p.path", parquetRead(jobs), filesTemp)
	targets, where := recordTargets(g.fields, read, ""), recordFilter(read, f)
	status := read(statusColumn)
	if status == "" {
		return []string{insertSQL(targets, from, where)}
	}
	var stmts []string
	for _, cond := range []string{status + " = 'OK'", status + " IS DISTINCT FROM 'OK'"} {
		if where != "" {
			cond += " AND (" + where + ")"
		}
		stmts = append(stmts, insertSQL(targets, from, cond))
	}
	return stmts
}
