package render

import (
	"bufio"
	"context"
	"fmt"
	"strings"
)

// writeTSV streams tab-separated values with a header row. Backslash, tab,
// newline and carriage return inside values are written as \\, \t, \n and
// \r so every record is one line; NULL is an empty field.
func writeTSV(ctx context.Context, w *bufio.Writer, src source, opts Options) (int64, error) {
	cols := src.columns()
	x := texter{loc: opts.Location}
	var line []byte
	if !opts.NoHeaders {
		for i, c := range cols {
			if i > 0 {
				line = append(line, '\t')
			}
			line = append(line, tsvEscaper.Replace(c.name)...)
		}
		line = append(line, '\n')
		if _, err := w.Write(line); err != nil {
			return 0, fmt.Errorf("write tsv: %w", err)
		}
	}
	return eachRow(ctx, src, func(row []any) error {
		line = line[:0]
		for i, v := range row {
			if i > 0 {
				line = append(line, '\t')
			}
			if v != nil {
				line = append(line, tsvEscaper.Replace(x.text(v, cols[i].typ))...)
			}
		}
		line = append(line, '\n')
		if _, err := w.Write(line); err != nil {
			return fmt.Errorf("write tsv: %w", err)
		}
		return nil
	})
}

// tsvEscaper escapes the characters that would break a TSV record.
var tsvEscaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)
