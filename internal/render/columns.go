package render

import "fmt"

// This file decides which columns a table too wide for the terminal shows:
// first the result's all-NULL columns are hidden, then, if it is still too
// wide, columns from the middle are elided behind one "…" column so that the
// first and last columns are shown whole, and a footer says what is missing.

// elided marks, in a columnPlan, the place of the "…" column.
const elided = -1

// Column claims: when a table is too wide, each column it shows is promised
// its claim, min(its width, max(its header's width, claim)) terminal
// columns, claim being a fifth of the terminal kept within these bounds: a
// long value is cut, but not a header, an address, an id or a timestamp.
const (
	minClaim = 8
	maxClaim = 24
)

// columnPlan is the columns a table shows, in order, as indexes into the
// result's columns, elided standing for the "…" column; and what it leaves
// out.
type columnPlan struct {
	show []int
	// total is the number of columns in the result.
	total int
	// nullHidden is the number of all-NULL columns left out, elided the
	// number of other columns behind the "…" column.
	nullHidden, elided int
	// claims, set when the columns shown must shrink, is each column's
	// claim (by result column).
	claims []int
}

// allColumns is the plan of a table showing each of n columns.
func allColumns(n int) columnPlan {
	p := columnPlan{show: make([]int, n), total: n}
	for i := range p.show {
		p.show[i] = i
	}
	return p
}

// planColumns chooses the columns of a table whose columns need widths
// (padding excluded), of which heads for their headers, to fit limit
// terminal columns (0: unlimited). valued tells which columns hold a
// non-NULL value in some row; rows is the number of rows (all-NULL columns
// are hidden only when there is at least one).
func planColumns(widths, heads []int, valued []bool, rows int64, limit int) columnPlan {
	all := allColumns(len(widths))
	if limit <= 0 || tableWidth(widths, all.show) <= limit {
		return all
	}
	keep := all.show
	if rows > 0 {
		keep = keep[:0:0]
		for i, v := range valued {
			if v {
				keep = append(keep, i)
			}
		}
		if len(keep) == 0 { // nothing but NULL: show the NULLs
			keep = all.show
		}
	}
	p := columnPlan{show: keep, total: len(widths), nullHidden: len(widths) - len(keep)}
	if tableWidth(widths, keep) <= limit {
		return p
	}
	claim := min(max(limit/5, minClaim), maxClaim)
	claims := make([]int, len(widths))
	for i, w := range widths {
		claims[i] = min(w, max(claim, heads[i]))
	}
	p.claims = claims
	if tableWidth(claims, keep) <= limit {
		return p // every column fits at its claim: shrink, leave none out
	}
	// Take columns from both ends in turn, first ones first, while they
	// and the "…" column fit at their claims (when the turn's column does
	// not fit, the other end's may); always at least the first one.
	var first, last []int
	used := tableWidth(claims, []int{elided})
	for lo, hi := 0, len(keep)-1; lo <= hi; {
		fits := func(i int) bool { return len(first) == 0 || used+claims[i]+3 <= limit }
		fromEnd := len(last) < len(first)
		if !fits(keep[lo]) && !fits(keep[hi]) {
			break
		}
		if fromEnd && !fits(keep[hi]) || !fromEnd && !fits(keep[lo]) {
			fromEnd = !fromEnd
		}
		if fromEnd {
			used += claims[keep[hi]] + 3
			last = append([]int{keep[hi]}, last...)
			hi--
		} else {
			used += claims[keep[lo]] + 3
			first = append(first, keep[lo])
			lo++
		}
	}
	p.show = append(append(first, elided), last...)
	p.elided = len(keep) - len(first) - len(last)
	return p
}

// tableWidth is the width of a table of the columns show (elided being one
// column of width 1) whose columns need widths, borders and padding included.
func tableWidth(widths []int, show []int) int {
	sum := 1 + 3*len(show)
	for _, i := range show {
		if i == elided {
			sum++
		} else {
			sum += widths[i]
		}
	}
	return sum
}

// cells returns the cells of row that the plan shows, "…" for the elided
// column, reusing buf.
func (p columnPlan) cells(row, buf []string) []string {
	if row == nil {
		return nil
	}
	buf = buf[:0]
	for _, i := range p.show {
		if i == elided {
			buf = append(buf, ellipsis)
		} else {
			buf = append(buf, row[i])
		}
	}
	return buf
}

// shown is the number of result columns the plan shows.
func (p columnPlan) shown() int {
	return p.total - p.nullHidden - p.elided
}

// footers returns the lines a table ends with when it leaves columns out,
// longest first: "3 rows · 48 columns (9 shown, 12 all-NULL hidden) · HINT",
// then shorter forms for narrow terminals. It returns nil when the plan
// shows every column.
func (p columnPlan) footers(rows int64, hint string) []string {
	if p.shown() == p.total {
		return nil
	}
	detail := fmt.Sprintf("%d shown", p.shown())
	if p.nullHidden > 0 {
		detail += fmt.Sprintf(", %d all-NULL hidden", p.nullHidden)
	}
	counts := plural(rows, "row") + " · " + plural(int64(p.total), "column")
	var lines []string
	if hint != "" {
		lines = append(lines, counts+" ("+detail+") · "+hint)
	}
	return append(lines, counts+" ("+detail+")", fmt.Sprintf("%d of %d columns", p.shown(), p.total))
}

// plural is "1 row", "2 rows".
func plural(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// fitting returns the first of lines at most w columns wide, or the last.
func fitting(lines []string, w int) string {
	for _, l := range lines {
		if displayWidth(l) <= w {
			return l
		}
	}
	return lines[len(lines)-1]
}
