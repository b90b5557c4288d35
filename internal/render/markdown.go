package render

import (
	"bufio"
	"context"
	"fmt"
	"strings"
)

// writeMarkdown writes a GitHub pipe table: header, delimiter row (numbers
// right-aligned with ---:), then the rows, cells padded to their column.
// Pipes in values are escaped as \| and control characters as in a table.
// With NoHeaders only the data rows are written.
func writeMarkdown(ctx context.Context, w *bufio.Writer, src source, opts Options) (int64, error) {
	cols := src.columns()
	g, err := collect(ctx, src, opts, markdownCell)
	if err != nil || len(cols) == 0 {
		return g.total, err
	}
	head, tail, omitted := g.rows()

	widths := make([]int, len(cols))
	right := make([]bool, len(cols))
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = markdownCell(c.name)
		right[i] = c.typ.numeric()
		widths[i] = minColumnWidth // the delimiter row needs ---
		if !opts.NoHeaders {
			widths[i] = max(widths[i], displayWidth(header[i]))
		}
	}
	var gap []string
	if omitted > 0 {
		gap = make([]string, len(cols))
		gap[0] = omittedText(omitted, g.total)
		for i := 1; i < len(cols); i++ {
			gap[i] = ellipsis
		}
	}
	for _, r := range append(append([][]string{}, head...), tail...) {
		for i, cell := range r {
			widths[i] = max(widths[i], displayWidth(cell))
		}
	}

	out := &errWriter{w: w}
	row := func(cells []string) {
		var b strings.Builder
		for i, cell := range cells {
			b.WriteString("| ")
			b.WriteString(fit(cell, widths[i], right[i]))
			b.WriteByte(' ')
		}
		b.WriteString("|\n")
		out.str(b.String())
	}
	if !opts.NoHeaders {
		row(header)
		var b strings.Builder
		for i, wd := range widths {
			b.WriteString("| ")
			if right[i] {
				b.WriteString(strings.Repeat("-", wd-1) + ":")
			} else {
				b.WriteString(strings.Repeat("-", wd))
			}
			b.WriteByte(' ')
		}
		b.WriteString("|\n")
		out.str(b.String())
	}
	for _, r := range head {
		row(r)
	}
	if gap != nil { // not padded: it would widen its column for every row
		out.str("| " + strings.Join(gap, " | ") + " |\n")
	}
	for _, r := range tail {
		row(r)
	}
	if out.err != nil {
		return g.total, fmt.Errorf("write markdown: %w", out.err)
	}
	return g.total, nil
}

// markdownCell makes text safe inside a pipe-table cell.
func markdownCell(s string) string {
	return strings.ReplaceAll(escapeControls(s), "|", `\|`)
}
