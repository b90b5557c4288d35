package render

import (
	"bufio"
	"context"
	"fmt"
	"strings"
)

// writeLine writes DuckDB's `.mode line` layout: one "name = value" line per
// column with the names right-aligned, and a blank line between rows.
func writeLine(ctx context.Context, w *bufio.Writer, src source, opts Options) (int64, error) {
	cols := src.columns()
	g, err := collect(ctx, src, opts, escapeControls)
	if err != nil || len(cols) == 0 {
		return g.total, err
	}
	head, tail, omitted := g.rows()

	names := make([]string, len(cols))
	width := 0
	for i, c := range cols {
		names[i] = escapeControls(c.name)
		width = max(width, displayWidth(names[i]))
	}
	for i, name := range names {
		names[i] = strings.Repeat(" ", width-displayWidth(name)) + name + " = "
	}

	out := &errWriter{w: w}
	first := true
	block := func(text string) {
		if !first {
			out.str("\n")
		}
		first = false
		out.str(text)
	}
	record := func(cells []string) {
		var b strings.Builder
		for i, cell := range cells {
			b.WriteString(names[i])
			b.WriteString(cell)
			b.WriteByte('\n')
		}
		block(b.String())
	}
	for _, r := range head {
		record(r)
	}
	if omitted > 0 {
		block(omittedText(omitted, g.total) + "\n")
	}
	for _, r := range tail {
		record(r)
	}
	if out.err != nil {
		return g.total, fmt.Errorf("write line: %w", out.err)
	}
	return g.total, nil
}
