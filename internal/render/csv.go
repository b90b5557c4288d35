package render

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
)

// writeCSV streams RFC 4180 comma-separated values with a header row; NULL
// is an empty field.
func writeCSV(ctx context.Context, w *bufio.Writer, src source, opts Options) (int64, error) {
	cw := csv.NewWriter(w)
	cols := src.columns()
	x := texter{loc: opts.Location}
	record := make([]string, len(cols))
	if !opts.NoHeaders {
		for i, c := range cols {
			record[i] = c.name
		}
		if err := cw.Write(record); err != nil {
			return 0, fmt.Errorf("write csv: %w", err)
		}
	}
	n, err := eachRow(ctx, src, func(row []any) error {
		for i, v := range row {
			record[i] = ""
			if v != nil {
				record[i] = x.text(v, cols[i].typ)
			}
		}
		if err := cw.Write(record); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
		return nil
	})
	cw.Flush()
	if err == nil && cw.Error() != nil {
		err = fmt.Errorf("write csv: %w", cw.Error())
	}
	return n, err
}
