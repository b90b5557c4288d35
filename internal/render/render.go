package render

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
)

// writeFunc writes every row of src to w in one format and returns the
// number of data rows the result had.
type writeFunc func(ctx context.Context, w *bufio.Writer, src source, opts Options) (int64, error)

// outputBuffer is the size of the buffer between a format and the caller's
// writer; streaming formats flush it whenever it fills.
const outputBuffer = 32 << 10

// Rows renders a query result in opts.Format and returns the number of data
// rows in the result (rows left out by [Options.MaxRows] included). It does
// not close rows. When ctx is done between rows it stops and returns ctx's
// error; what was written so far stays written.
func Rows(ctx context.Context, w io.Writer, rows *sql.Rows, opts Options) (int64, error) {
	if rows == nil {
		return 0, errors.New("render: nil rows")
	}
	src, err := newSQLSource(rows)
	if err != nil {
		return 0, err
	}
	return render(ctx, w, src, opts)
}

// Values renders in-memory data, one []any per row with a value per column,
// exactly as [Rows] would render a result of the same values. Column types
// (and so alignment) are taken from the Go type of each column's first
// non-nil value.
func Values(ctx context.Context, w io.Writer, columns []string, data [][]any, opts Options) (int64, error) {
	src, err := newValuesSource(columns, data)
	if err != nil {
		return 0, err
	}
	return render(ctx, w, src, opts)
}

// render looks up the format and runs it over a buffered writer.
func render(ctx context.Context, w io.Writer, src source, opts Options) (int64, error) {
	opts = opts.withDefaults()
	info, ok := lookup(opts.Format)
	if !ok {
		_, err := ParseFormat(string(opts.Format))
		return 0, err
	}
	bw := bufio.NewWriterSize(w, outputBuffer)
	n, err := info.write(ctx, bw, src, opts)
	if ferr := bw.Flush(); ferr != nil && err == nil {
		err = fmt.Errorf("write %s output: %w", opts.Format, ferr)
	}
	return n, err
}

// eachRow calls fn for every row of src until the rows end, ctx is done or
// fn fails, and returns how many rows fn accepted.
func eachRow(ctx context.Context, src source, fn func(row []any) error) (int64, error) {
	var n int64
	for {
		row, err := src.next(ctx)
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		if err := fn(row); err != nil {
			return n, err
		}
		n++
	}
}
