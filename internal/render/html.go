package render

import (
	"bufio"
	"context"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/flowduck/flowduck/internal/chart"
	"github.com/flowduck/flowduck/internal/htmlpage"
)

// maxHTMLRows is the most rows the html format puts in its table; the chart
// reads every row.
const maxHTMLRows = 10_000

// writeHTML writes one self-contained HTML page of the result: its chart
// where the result has a shape package chart draws (the shapes of the
// chart format), the table, and the title and SQL of opts (package
// htmlpage).
func writeHTML(ctx context.Context, w *bufio.Writer, src source, opts Options) (int64, error) {
	cols := src.columns()
	t := &htmlpage.Table{Columns: make([]htmlpage.Column, len(cols))}
	ccols := make([]chart.Column, len(cols))
	for i, c := range cols {
		t.Columns[i] = htmlpage.Column{Name: c.name, Kind: htmlKind(c.typ)}
		ccols[i] = chart.Column{Name: c.name, Type: c.dbType()}
	}
	shape, shapeErr := chart.Classify(ccols)
	// Labels and series names are written as the table writes them.
	var texts []int
	texts = append(texts, shape.Labels...)
	texts = append(texts, shape.Pivot...)
	x := texter{loc: opts.Location}
	var rows [][]any
	n, err := eachRow(ctx, src, func(row []any) error {
		if shapeErr == nil && len(rows) < MaxChartRows {
			crow := slices.Clone(row)
			for _, c := range texts {
				if crow[c] != nil {
					crow[c] = x.text(crow[c], cols[c].typ)
				}
			}
			rows = append(rows, crow)
		}
		if len(t.Rows) == maxHTMLRows {
			t.Omitted++
			return nil
		}
		cells := make([]htmlpage.Cell, len(row))
		for i, v := range row {
			if v == nil {
				cells[i] = htmlpage.Cell{Text: opts.Null, Null: true}
				continue
			}
			cells[i] = htmlpage.Cell{Text: x.text(v, cols[i].typ)}
			if f, ok := floatOf(v); ok {
				cells[i].Num = f
			}
			if tv, ok := v.(time.Time); ok {
				cells[i].Time = tv
			}
		}
		t.Rows = append(t.Rows, cells)
		return nil
	})
	if err != nil {
		return n, err
	}
	var data *chart.Data
	var note string
	switch {
	case shapeErr != nil:
		note = "No chart: " + strings.TrimPrefix(shapeErr.Error(), "cannot chart this result: ")
		note = strings.TrimSuffix(note, "; use -o table for this result") + "."
	case len(rows) > 0:
		if data, err = chart.Build(shape, ccols, rows, opts.Location); err != nil {
			return n, err
		}
		if n > int64(len(rows)) {
			note = fmt.Sprintf("The chart is drawn from the first %d of %d rows.", len(rows), n)
		}
	}
	title := opts.Title
	if title == "" {
		title = "flowduck result"
	}
	return n, htmlpage.Write(w, htmlpage.ResultPage(title, opts.SQL, opts.Facts, t, data, note))
}

// htmlKind is the page's kind of a column of type t.
func htmlKind(t *colType) htmlpage.Kind {
	switch {
	case t.numeric():
		return htmlpage.Number
	case t.kind == kindTimestamp || t.kind == kindTimestampTZ || t.kind == kindDate:
		return htmlpage.Time
	}
	return htmlpage.Text
}

// floatOf is a number value as a float64.
func floatOf(v any) (float64, bool) {
	switch v := v.(type) {
	case int:
		return float64(v), true
	case int8:
		return float64(v), true
	case int16:
		return float64(v), true
	case int32:
		return float64(v), true
	case int64:
		return float64(v), true
	case uint8:
		return float64(v), true
	case uint16:
		return float64(v), true
	case uint32:
		return float64(v), true
	case uint64:
		return float64(v), true
	case float32:
		return float64(v), true
	case float64:
		return v, true
	case *big.Int:
		if v == nil {
			return 0, false
		}
		f, _ := new(big.Float).SetInt(v).Float64()
		return f, true
	case duckdb.Decimal:
		return v.Float64(), true
	}
	return 0, false
}
