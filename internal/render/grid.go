package render

import (
	"context"
	"fmt"
)

// grid holds the rows a display format (table, markdown, line) shows, as
// text cells. With a row limit it keeps only the first rows and, in a ring,
// the last ones, so memory stays bounded whatever the result's size.
type grid struct {
	head [][]string
	tail [][]string // ring of the last rows; tail[start] is the oldest
	// start is the index of the oldest row in tail once the ring is full.
	start   int
	headCap int // -1: unlimited
	tailCap int
	total   int64
	// valued tells, per column, whether any row (kept or not) has a
	// non-NULL value in it.
	valued []bool
}

// newGrid keeps every row when maxRows is 0, otherwise the first
// ceil(maxRows/2) and the last floor(maxRows/2) rows.
func newGrid(maxRows int) *grid {
	if maxRows <= 0 {
		return &grid{headCap: -1}
	}
	return &grid{headCap: (maxRows + 1) / 2, tailCap: maxRows / 2}
}

// add stores one row of cells, evicting the oldest tail row when the ring is
// full; it returns the slice the caller may reuse for its next row (the
// evicted one), or nil.
func (g *grid) add(cells []string) []string {
	g.total++
	if g.headCap < 0 || len(g.head) < g.headCap {
		g.head = append(g.head, cells)
		return nil
	}
	if g.tailCap == 0 {
		return cells
	}
	if len(g.tail) < g.tailCap {
		g.tail = append(g.tail, cells)
		return nil
	}
	old := g.tail[g.start]
	g.tail[g.start] = cells
	g.start = (g.start + 1) % g.tailCap
	return old
}

// rows returns the kept rows in order: the head, then the tail oldest
// first, and how many rows between them were dropped.
func (g *grid) rows() (head, tail [][]string, omitted int64) {
	tail = make([][]string, 0, len(g.tail))
	tail = append(tail, g.tail[g.start:]...)
	tail = append(tail, g.tail[:g.start]...)
	return g.head, tail, g.total - int64(len(g.head)) - int64(len(tail))
}

// omittedText is the line shown in place of the rows MaxRows leaves out.
func omittedText(omitted, total int64) string {
	noun := "rows"
	if omitted == 1 {
		noun = "row"
	}
	return fmt.Sprintf("… %d %s omitted (%d total) …", omitted, noun, total)
}

// collect reads every row of src into a grid, formatting each value with
// cell (nil values with null), byte and count columns in human units when
// opts ask for them (see humanUnits).
func collect(ctx context.Context, src source, opts Options, cell func(string) string) (*grid, error) {
	cols := src.columns()
	x := texter{loc: opts.Location}
	human := humanUnits(cols, opts)
	g := newGrid(opts.MaxRows)
	g.valued = make([]bool, len(cols))
	var spare []string
	_, err := eachRow(ctx, src, func(row []any) error {
		cells := spare
		if cells == nil {
			cells = make([]string, len(cols))
		}
		for i, v := range row {
			if v == nil {
				cells[i] = cell(opts.Null)
				continue
			}
			g.valued[i] = true
			if human != nil && human[i] != plain {
				if text, ok := humanText(v, human[i]); ok {
					cells[i] = text
					continue
				}
			}
			cells[i] = cell(x.text(v, cols[i].typ))
		}
		spare = g.add(cells)
		return nil
	})
	return g, err
}
