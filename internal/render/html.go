package render

import (
	"bufio"
	"context"
	"math/big"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/flowduck/flowduck/internal/htmlpage"
)

// maxHTMLRows is the most rows the html format puts in its table; the chart
// reads every row.
const maxHTMLRows = 10_000

// writeHTML writes one self-contained HTML page of the result: the table
// and, where the result's shape has one, its chart (package htmlpage).
func writeHTML(ctx context.Context, w *bufio.Writer, src source, opts Options) (int64, error) {
	cols := src.columns()
	t := &htmlpage.Table{Columns: make([]htmlpage.Column, len(cols))}
	for i, c := range cols {
		t.Columns[i] = htmlpage.Column{Name: c.name, Kind: htmlKind(c.typ)}
	}
	x := texter{loc: opts.Location}
	n, err := eachRow(ctx, src, func(row []any) error {
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
	title := opts.Title
	if title == "" {
		title = "flowduck result"
	}
	page := htmlpage.ResultPage(title, opts.SQL, opts.Facts, t, opts.Location)
	return n, htmlpage.Write(w, page)
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
