package chart

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/mattn/go-runewidth"
)

// eighthsUp are the bottom-aligned blocks of 1/8 to 8/8 of a cell.
var eighthsUp = []rune{'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'}

// panelHeight returns the rows of each of n panels: 8 for one or two,
// fewer as panels are added, never under 3.
func panelHeight(n int) int {
	return min(8, max(3, 16/n))
}

// panel is one measure of a time series, scaled.
type panel struct {
	m         Measure
	base, top float64 // the values at the bottom and top of the plot
	topText   string  // the label of the top row ("" when all values are the base)
	baseText  string  // the label of the bottom row
	totals    []float64
}

// newPanel scales a measure: from 0 (or its smallest value, if negative)
// to its largest value, or largest stacked total when it has several
// series.
func newPanel(m Measure, times int) panel {
	p := panel{m: m, totals: nanValues(times)}
	lo, hi := 0.0, math.Inf(-1)
	for t := range times {
		for _, s := range m.Series {
			v := s.Values[t]
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			if len(m.Series) > 1 {
				v = math.Max(v, 0) // stacked: negative parts are not drawn
			}
			lo = math.Min(lo, v)
			if math.IsNaN(p.totals[t]) {
				p.totals[t] = v
			} else {
				p.totals[t] += v
			}
		}
		if !math.IsNaN(p.totals[t]) {
			hi = math.Max(hi, p.totals[t])
		}
	}
	p.base, p.baseText = lo, ValueText(lo, m.Unit)
	if hi > lo {
		p.top, p.topText = hi, ValueText(hi, m.Unit)
	} else {
		p.top = lo + 1
	}
	return p
}

// drawTimeSeries writes a header naming the time range, one panel per
// measure (a title row with the series legend, then the area) and the time
// axis under them all.
func drawTimeSeries(d *Data, opts Options) []string {
	panels := make([]panel, len(d.Measures))
	gutter := 1
	for i, m := range d.Measures {
		panels[i] = newPanel(m, len(d.Times))
		gutter = max(gutter, runewidth.StringWidth(panels[i].topText), runewidth.StringWidth(panels[i].baseText))
	}
	x := newXAxis(d.Times, opts.Width-gutter-2)
	height := panelHeight(len(panels))

	out := timeHeader(d, x, opts.Width)
	for _, p := range panels {
		out = append(out, panelTitle(d, p, opts.Width))
		out = append(out, p.rows(d, x, height, gutter, opts.Color)...)
	}
	// The axis: a tick under each label, the labels under it.
	ticks := x.ticks(d.Times, d.DateOnly)
	axis := []rune(strings.Repeat("─", x.ncols))
	labels := []rune(strings.Repeat(" ", opts.Width-gutter-2))
	end := -1
	for _, t := range ticks {
		lr := []rune(t.label)
		if t.col <= end || t.col+len(lr) > len(labels) {
			continue
		}
		axis[t.col] = '┬'
		copy(labels[t.col:], lr)
		end = t.col + len(lr)
	}
	out = append(out, strings.Repeat(" ", gutter)+" └"+string(axis))
	out = append(out, strings.Repeat(" ", gutter+2)+string(labels))
	if d.SkippedRows > 0 {
		rows := "rows"
		if d.SkippedRows == 1 {
			rows = "row"
		}
		out = append(out, fmt.Sprintf("(%d %s with a NULL %s not drawn)", d.SkippedRows, rows, d.TimeName))
	}
	return out
}

// timeHeader says what the axis spans: the time column, its first and
// last time (and zone), how many times and how far apart, and how many
// of them each column stands for when they outnumber the columns. Parts
// that do not fit the width go on a second line.
func timeHeader(d *Data, x xAxis, width int) []string {
	layout := "2006-01-02 15:04"
	if x.step < time.Minute {
		layout = "2006-01-02 15:04:05"
	}
	if d.DateOnly || x.step%(24*time.Hour) == 0 && d.Times[0].Hour() == 0 {
		layout = "2006-01-02"
	}
	first, last := d.Times[0], d.Times[len(d.Times)-1]
	zone := ""
	if d.Zoned {
		zone = " " + first.Location().String()
	}
	parts := []string{fmt.Sprintf("%s: %s%s", d.TimeName, first.Format(layout), zone)}
	if len(d.Times) > 1 {
		parts[0] = fmt.Sprintf("%s: %s to %s%s", d.TimeName, first.Format(layout), last.Format(layout), zone)
		parts = append(parts, fmt.Sprintf("%d times in %s steps", len(d.Times), durationText(x.step)))
	}
	if k := x.bucketsPerCol(); k > 1 {
		parts = append(parts, fmt.Sprintf("each column the largest of %d", k))
	}
	var out []string
	cur := ""
	for _, p := range parts {
		switch {
		case cur == "":
			cur = p
		case runewidth.StringWidth(cur+", "+p) <= width:
			cur += ", " + p
		default:
			out = append(out, cur)
			cur = p
		}
	}
	out = append(out, cur)
	for i := range out {
		out[i] = truncate(out[i], width)
	}
	return out
}

// panelTitle is the measure's name and, for series from a pivot column,
// the legend: each series' shade and name.
func panelTitle(d *Data, p panel, width int) string {
	if d.Pivot == "" {
		return truncate(p.m.Name, width)
	}
	var legend []string
	for i, s := range p.m.Series {
		legend = append(legend, string(shades[i])+" "+s.Name)
	}
	title := p.m.Name + " by " + d.Pivot
	right := strings.Join(legend, "  ")
	gap := width - runewidth.StringWidth(title) - runewidth.StringWidth(right)
	if gap < 2 {
		return truncate(title+"  "+right, width)
	}
	return title + strings.Repeat(" ", gap) + right
}

// rows draws the panel's area, height rows high, with the top and base
// values labelled in the gutter.
func (p panel) rows(d *Data, x xAxis, height, gutter int, color bool) []string {
	// The time drawn in each column: the one with the largest total.
	pick := make([]int, x.ncols)
	for i := range pick {
		pick[i] = -1
	}
	for t, tm := range d.Times {
		if math.IsNaN(p.totals[t]) {
			continue
		}
		c := x.col(tm)
		for k := 0; k < x.width() && c+k < x.ncols; k++ {
			if old := pick[c+k]; old < 0 || p.totals[t] > p.totals[old] {
				pick[c+k] = t
			}
		}
	}
	// Each column's cells, bottom to top.
	cells := make([][]cellRune, x.ncols)
	for c, t := range pick {
		if t >= 0 {
			cells[c] = p.column(t, height)
		}
	}
	out := make([]string, height)
	for r := range height {
		l := &line{color: color}
		label := ""
		switch r {
		case 0:
			label = p.topText
		case height - 1:
			label = p.baseText
		}
		edge := " │"
		if label != "" {
			edge = " ┤"
		}
		l.text(strings.Repeat(" ", gutter-runewidth.StringWidth(label)) + label + edge)
		level := height - 1 - r
		for c := range x.ncols {
			if cells[c] == nil {
				l.cell(' ', 0)
				continue
			}
			cr := cells[c][level]
			l.cell(cr.r, cr.c)
		}
		out[r] = l.String()
	}
	return out
}

// cellRune is one drawn cell.
type cellRune struct {
	r rune
	c colour
}

// column returns the cells, bottom to top, of the time at index t: one
// series in eighths of a cell, several stacked in whole cells, each in its
// shade.
func (p panel) column(t, height int) []cellRune {
	cells := make([]cellRune, height)
	for i := range cells {
		cells[i] = cellRune{r: ' '}
	}
	scale := float64(height) / (p.top - p.base)
	if len(p.m.Series) == 1 {
		v := p.m.Series[0].Values[t]
		if math.IsInf(v, 0) {
			return cells
		}
		n := int(math.Round((v - p.base) * scale * 8))
		if v > p.base {
			n = max(n, 1)
		}
		for i := range cells {
			if k := min(n-8*i, 8); k > 0 {
				cells[i] = cellRune{r: eighthsUp[k-1], c: palette[0]}
			}
		}
		return cells
	}
	cum, from := 0.0, 0
	largest, largestV := -1, 0.0
	for s, series := range p.m.Series {
		v := series.Values[t]
		if math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 {
			continue
		}
		if v > largestV {
			largest, largestV = s, v
		}
		cum += v
		to := min(int(math.Round(cum*scale)), height)
		for i := from; i < to; i++ {
			cells[i] = cellRune{r: shades[s], c: palette[s]}
		}
		from = max(from, to)
	}
	if from == 0 && largest >= 0 { // a total too small for a cell still shows
		cells[0] = cellRune{r: shades[largest], c: palette[largest]}
	}
	return cells
}
