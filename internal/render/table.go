package render

import (
	"bufio"
	"context"
	"fmt"
	"sort"
	"strings"
)

// minColumnWidth is the narrowest a column is shrunk to when fitting a table
// to the terminal (a narrower natural width is kept).
const minColumnWidth = 3

// writeTable writes a box-drawn table: a header row, numbers right-aligned,
// every other value left-aligned. To fit opts.Width it hides all-NULL
// columns, then leaves columns out of the middle behind a "…" column (see
// planColumns) and cuts the cells of what it shows with "…"; a footer then
// says how many columns are shown.
func writeTable(ctx context.Context, w *bufio.Writer, src source, opts Options) (int64, error) {
	cols := src.columns()
	g, err := collect(ctx, src, opts, escapeControls)
	if err != nil || len(cols) == 0 {
		return g.total, err
	}
	head, tail, omitted := g.rows()

	var header []string
	if !opts.NoHeaders {
		header = make([]string, len(cols))
		for i, c := range cols {
			header[i] = escapeControls(c.name)
		}
	}
	natural, heads := make([]int, len(cols)), make([]int, len(cols))
	for i, cell := range header {
		heads[i] = displayWidth(cell)
	}
	for _, r := range append(append([][]string{header}, head...), tail...) {
		for i, cell := range r {
			natural[i] = max(natural[i], displayWidth(cell))
		}
	}
	plan := planColumns(natural, heads, g.valued, g.total, opts.Width)
	var t tableLayout
	for _, i := range plan.show {
		w, right, floor := displayWidth(ellipsis), false, displayWidth(ellipsis)
		if i != elided {
			w, right = natural[i], cols[i].typ.numeric()
			if plan.claims != nil {
				floor = plan.claims[i]
			}
		}
		t.widths, t.right = append(t.widths, w), append(t.right, right)
		if plan.claims != nil {
			t.floors = append(t.floors, floor)
		}
	}
	if plan.shown() < plan.total {
		header = plan.cells(header, nil)
		for _, rows := range [][][]string{head, tail} {
			for j, r := range rows {
				rows[j] = plan.cells(r, nil)
			}
		}
	}

	empty := g.total == 0
	var footer string
	if lines := plan.footers(g.total, opts.AllColumnsHint); lines != nil {
		footer = fitting(lines, opts.Width-4)
	}
	var gap string
	switch {
	case omitted > 0:
		gap = omittedText(omitted, g.total)
	case empty && footer != "":
		gap, footer = footer, ""
	case empty:
		gap = emptyText
	}
	t.fit(opts.Width, max(displayWidth(gap), displayWidth(footer)))

	if header == nil && empty {
		return g.total, nil // nothing to frame
	}
	out := &errWriter{w: w}
	t.border(out, "┌", "┬", "┐")
	if header != nil {
		t.row(out, header)
		if len(head) > 0 {
			t.border(out, "├", "┼", "┤")
		}
	}
	for _, r := range head {
		t.row(out, r)
	}
	if gap != "" {
		t.border(out, "├", "┴", "┤")
		out.str("│ " + center(gap, t.inner()) + " │\n")
		if !empty {
			t.border(out, "├", "┬", "┤")
		}
	}
	for _, r := range tail {
		t.row(out, r)
	}
	switch {
	case footer != "":
		t.border(out, "├", "┴", "┤")
		out.str("│ " + center(footer, t.inner()) + " │\n")
		fallthrough
	case empty:
		out.str("└" + strings.Repeat("─", t.inner()+2) + "┘\n")
	default:
		t.border(out, "└", "┴", "┘")
	}
	if out.err != nil {
		return g.total, fmt.Errorf("write table: %w", out.err)
	}
	return g.total, nil
}

// emptyText is the line a table with no rows shows under its header, as
// DuckDB's shell does.
const emptyText = "0 rows"

// center cuts s to w columns and centres it in them.
func center(s string, w int) string {
	s = strings.TrimRight(fit(s, w, false), " ")
	pad := w - displayWidth(s)
	return strings.Repeat(" ", pad/2) + s + strings.Repeat(" ", pad-pad/2)
}

// tableLayout is the shape of a table: each column's width in terminal
// columns (padding excluded) and alignment.
type tableLayout struct {
	widths []int
	right  []bool
	// floors, when set, are the widths fit keeps each column at (or its
	// own width when narrower) while it can; otherwise minColumnWidth.
	floors []int
}

// total is the width of the whole table, borders included.
func (t *tableLayout) total() int {
	return t.inner() + 4
}

// inner is the width between the outer borders and their padding.
func (t *tableLayout) inner() int {
	sum := 3 * (len(t.widths) - 1)
	for _, w := range t.widths {
		sum += w
	}
	return sum
}

// fit shrinks the widest columns until the table is at most limit wide
// (0: unlimited), never below their floors (or, when the floors do not fit,
// minColumnWidth), and widens the last column when the omitted-rows line
// or the footer needs the room and the limit allows it.
func (t *tableLayout) fit(limit, gapWidth int) {
	if gapWidth > t.inner() {
		extra := gapWidth - t.inner()
		if limit > 0 {
			extra = min(extra, max(limit-t.total(), 0))
		}
		t.widths[len(t.widths)-1] += extra
	}
	if limit <= 0 || t.total() <= limit {
		return
	}
	budget := limit - (t.total() - sum(t.widths))
	floors := t.floorWidths()
	if budget < sum(floors) && t.floors != nil {
		t.floors = nil
		floors = t.floorWidths()
	}
	if budget <= sum(floors) {
		copy(t.widths, floors)
		return
	}
	// Find the highest cap c such that capping every column at c fits.
	c := sort.Search(t.max()+1, func(c int) bool { return t.capped(c, floors) > budget }) - 1
	spare := budget - t.capped(c, floors)
	for i, w := range t.widths {
		if w > c {
			t.widths[i] = max(c, floors[i])
			if spare > 0 && t.widths[i] < w { // hand out what rounding left
				t.widths[i]++
				spare--
			}
		}
	}
}

// floorWidths is the narrowest each column may become.
func (t *tableLayout) floorWidths() []int {
	floors := make([]int, len(t.widths))
	for i, w := range t.widths {
		floors[i] = min(w, minColumnWidth)
		if t.floors != nil {
			floors[i] = min(w, t.floors[i])
		}
	}
	return floors
}

// capped is the sum of the column widths if each were cut to at most c
// (but not below its floor).
func (t *tableLayout) capped(c int, floors []int) int {
	total := 0
	for i, w := range t.widths {
		total += min(w, max(c, floors[i]))
	}
	return total
}

// sum is the total of ints.
func sum(ints []int) int {
	total := 0
	for _, n := range ints {
		total += n
	}
	return total
}

func (t *tableLayout) max() int {
	m := 0
	for _, w := range t.widths {
		m = max(m, w)
	}
	return m
}

// border writes a horizontal rule such as ┌───┬───┐.
func (t *tableLayout) border(out *errWriter, left, mid, right string) {
	var b strings.Builder
	b.WriteString(left)
	for i, w := range t.widths {
		if i > 0 {
			b.WriteString(mid)
		}
		b.WriteString(strings.Repeat("─", w+2))
	}
	b.WriteString(right + "\n")
	out.str(b.String())
}

// row writes one row of cells, each cut and padded to its column.
func (t *tableLayout) row(out *errWriter, cells []string) {
	var b strings.Builder
	for i, cell := range cells {
		b.WriteString("│ ")
		b.WriteString(fit(cell, t.widths[i], t.right[i]))
		b.WriteByte(' ')
	}
	b.WriteString("│\n")
	out.str(b.String())
}
