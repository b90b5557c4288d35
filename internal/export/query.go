package export

import (
	"fmt"
	"strings"

	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/store"
	"github.com/flowduck/flowduck/schema"
)

// hourPartition is the name of the hive layout's hour partition, written only
// by hourly exports.
const hourPartition = "hour"

// exportLayout is the hive layout, without its hour partition unless the
// export is hourly (AWS: "if you do not have hourly partitions, remove hour
// from the PARTITIONED BY clause").
func exportLayout(hourly bool) (schema.Layout, error) {
	layout, err := schema.LookupLayout("hive")
	if err != nil {
		return schema.Layout{}, err
	}
	parts := make([]schema.Partition, 0, len(layout.Partitions))
	for _, p := range layout.Partitions {
		if p.Name == hourPartition && !hourly {
			continue
		}
		parts = append(parts, p)
	}
	layout.Partitions = parts
	return layout, nil
}

// exportFields returns the loaded data columns as fields, in catalog order
// (store.ViewFields order without the columns never loaded).
func exportFields(loaded map[string]string) []schema.Field {
	var out []schema.Field
	for _, f := range store.ViewFields(loaded) {
		if _, ok := loaded[f.Column]; ok {
			out = append(out, f)
		}
	}
	return out
}

// checkNames refuses a data column that a partition column would shadow (an
// unknown field named "year", say): Athena cannot have both.
func checkNames(fields []schema.Field, layout schema.Layout) error {
	for _, f := range fields {
		for _, p := range layout.Partitions {
			if strings.EqualFold(f.Column, p.Name) {
				return fmt.Errorf("loaded column %q has the name of partition column %q of the Parquet layout", f.Column, p.Name)
			}
		}
	}
	return nil
}

// copySQL is the one statement that writes every partition: the data columns
// in AWS's Parquet types and catalog order, the partition columns computed
// from the provenance columns (DuckDB writes them as key=value directories,
// NULL as __HIVE_DEFAULT_PARTITION__, and leaves them out of the files), rows
// sorted by partition and start so each partition's rows arrive together and
// its files carry tight min/max statistics on start.
func copySQL(fields []schema.Field, layout schema.Layout, where, target, compression string) (string, error) {
	cols := make([]string, 0, len(fields)+len(layout.Partitions))
	for _, f := range fields {
		cols = append(cols, fmt.Sprintf("CAST(%s AS %s) AS %s", store.Ident(f.Column), parquetType(f), store.Ident(f.Column)))
	}
	keys := make([]string, len(layout.Partitions))
	for i, p := range layout.Partitions {
		expr, err := store.PartitionExpr(layout.Name, p.Name)
		if err != nil {
			return "", err
		}
		cols = append(cols, fmt.Sprintf("%s AS %s", expr, store.Ident(p.Name)))
		keys[i] = store.Ident(p.Name)
	}
	order := []string{store.ColAccount, store.ColRegion, store.ColDate, store.ColHour}
	if hasField(fields, "start") {
		order = append(order, store.Ident("start"))
	}
	q := fmt.Sprintf("SELECT\n  %s\nFROM main.%s", strings.Join(cols, ",\n  "), store.RecordsTable)
	if where != "" {
		q += "\nWHERE " + where
	}
	q += "\nORDER BY " + strings.Join(order, ", ")
	return fmt.Sprintf("COPY (\n%s\n) TO %s (FORMAT parquet, COMPRESSION %s, PARTITION_BY (%s))",
		q, store.Literal(target), compression, strings.Join(keys, ", ")), nil
}

// filterSQL is the WHERE condition of the filter over the records table, or
// "". Times apply to start, as in a load (a record without start is left out
// by a time filter); a table that has no start column is filtered by the
// partition time instead: the record's day, or hour when it is known, must
// overlap [Since, Until). Accounts and regions apply to the provenance the
// loader recorded (the S3 key, else the record's own field).
func filterSQL(f filter.Filter, hasStart bool) string {
	if hasStart {
		return f.Where("start", store.ColAccount, store.ColRegion)
	}
	return f.PartitionWhere(store.ColDate, store.ColHour, store.ColAccount, store.ColRegion)
}

func hasField(fields []schema.Field, column string) bool {
	for _, f := range fields {
		if f.Column == column {
			return true
		}
	}
	return false
}
