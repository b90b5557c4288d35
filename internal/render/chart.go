package render

import (
	"bufio"
	"context"
	"fmt"
	"slices"

	"github.com/flowduck/flowduck/internal/chart"
)

// MaxChartRows is how many rows the chart format reads into memory; a
// longer result is charted from its first rows and a closing line says so.
const MaxChartRows = 100_000

// writeChart reads the whole result (up to MaxChartRows), classifies its
// columns and draws it (see package chart), labels written as in a table. A result that no chart shape
// fits writes nothing and returns the *chart.UnchartableError.
func writeChart(ctx context.Context, w *bufio.Writer, src source, opts Options) (int64, error) {
	cols := make([]chart.Column, len(src.columns()))
	for i, c := range src.columns() {
		cols[i] = chart.Column{Name: c.name, Type: c.dbType()}
	}
	shape, err := chart.Classify(cols)
	if err != nil {
		return 0, err
	}
	// Labels and series names are written as the table writes them.
	var texts []int
	texts = append(texts, shape.Labels...)
	texts = append(texts, shape.Pivot...)
	x := texter{loc: opts.Location}
	var rows [][]any
	n, err := eachRow(ctx, src, func(row []any) error {
		if len(rows) >= MaxChartRows {
			return nil
		}
		row = slices.Clone(row)
		for _, c := range texts {
			if row[c] != nil {
				row[c] = x.text(row[c], src.columns()[c].typ)
			}
		}
		rows = append(rows, row)
		return nil
	})
	if err != nil {
		return n, err
	}
	data, err := chart.Build(shape, cols, rows, opts.Location)
	if err != nil {
		return n, err
	}
	if err := chart.Draw(w, data, chart.Options{Width: opts.Width, Color: opts.Color}); err != nil {
		return n, err
	}
	if n > int64(len(rows)) {
		fmt.Fprintf(w, "(drawn from the first %d of %d rows; aggregate in SQL or use -o table)\n", len(rows), n)
	}
	return n, nil
}

// kindTypeNames are DuckDB type names for the kinds of in-memory values,
// whose columns carry no type name of their own.
var kindTypeNames = map[kind]string{
	kindBool: "BOOLEAN", kindInt: "BIGINT", kindUint: "UBIGINT", kindFloat: "DOUBLE",
	kindDecimal: "DECIMAL", kindBigInt: "HUGEINT", kindString: "VARCHAR", kindBlob: "BLOB",
	kindUUID: "UUID", kindDate: "DATE", kindTime: "TIME", kindTimeTZ: "TIMETZ",
	kindTimestamp: "TIMESTAMP", kindTimestampTZ: "TIMESTAMPTZ", kindInterval: "INTERVAL",
	kindList: "LIST", kindStruct: "STRUCT", kindMap: "MAP", kindUnion: "UNION", kindJSON: "JSON",
}

// dbType returns the column's DuckDB type name: as the database reported
// it, or one standing for the kind of its in-memory values.
func (c column) dbType() string {
	if c.typeName != "" {
		return c.typeName
	}
	if name, ok := kindTypeNames[c.typ.kind]; ok {
		return name
	}
	return "VARCHAR"
}
