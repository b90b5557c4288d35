package render

import (
	"bufio"
	"context"
	"fmt"
)

// writeJSON streams one JSON array of objects, `[{"answer":42}]` and a
// newline; an empty result is `[]`. When reading stops early (cancelled, or
// a query error) the array is left unclosed, so the output is visibly
// incomplete.
func writeJSON(ctx context.Context, w *bufio.Writer, src source, opts Options) (int64, error) {
	obj := newObjectWriter(src.columns(), opts)
	if err := w.WriteByte('['); err != nil {
		return 0, fmt.Errorf("write json: %w", err)
	}
	n, err := eachRow(ctx, src, func(row []any) error {
		sep := ""
		if obj.rows > 0 {
			sep = ","
		}
		return obj.write(w, sep, row, "")
	})
	if err != nil {
		return n, err
	}
	if _, err := w.WriteString("]\n"); err != nil {
		return n, fmt.Errorf("write json: %w", err)
	}
	return n, nil
}

// writeJSONL streams one JSON object per line.
func writeJSONL(ctx context.Context, w *bufio.Writer, src source, opts Options) (int64, error) {
	obj := newObjectWriter(src.columns(), opts)
	return eachRow(ctx, src, func(row []any) error {
		return obj.write(w, "", row, "\n")
	})
}

// objectWriter writes rows as JSON objects, keys in column order.
type objectWriter struct {
	keys [][]byte // `"name":` per column, encoded once
	cols []column
	enc  jsoner
	buf  []byte
	rows int64
}

func newObjectWriter(cols []column, opts Options) *objectWriter {
	o := &objectWriter{cols: cols, enc: jsoner{loc: opts.Location}, keys: make([][]byte, len(cols))}
	for i, c := range cols {
		o.keys[i] = append(appendString(nil, c.name), ':')
	}
	return o
}

// write writes before, the object for row, then after.
func (o *objectWriter) write(w *bufio.Writer, before string, row []any, after string) error {
	b := append(o.buf[:0], before...)
	b = append(b, '{')
	for i, v := range row {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, o.keys[i]...)
		b = o.enc.appendValue(b, v, o.cols[i].typ)
	}
	b = append(b, '}')
	b = append(b, after...)
	o.buf = b
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	o.rows++
	return nil
}
