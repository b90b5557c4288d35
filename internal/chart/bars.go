package chart

import (
	"fmt"
	"math"
	"strings"

	"github.com/mattn/go-runewidth"
)

// MaxBars is how many rows a bar chart draws; the rows after it are
// counted in a closing note.
const MaxBars = 50

// minBar is the narrowest bar field worth drawing; measures that would get
// less are left out, and a note says which.
const minBar = 6

// eighthsLeft are the left-aligned blocks of 1/8 to 8/8 of a cell.
var eighthsLeft = []rune{'▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'}

// drawBars writes a header row and one row per label: the label, then for
// each measure a bar scaled to that measure's largest value and the value
// at its end.
func drawBars(d *Data, opts Options) []string {
	labels := d.Labels
	if len(labels) > MaxBars {
		labels = labels[:MaxBars]
	}
	// The label column: as wide as the widest label, up to a third of the
	// width.
	lw := runewidth.StringWidth(d.LabelName)
	for _, l := range labels {
		lw = max(lw, runewidth.StringWidth(l))
	}
	lw = min(lw, max(8, opts.Width/3))
	// Each measure gets an equal field: bar, a space and its value text.
	type field struct {
		m     Measure
		top   float64
		texts []string
		textW int
		barW  int
	}
	var fields []field
	for _, m := range d.Measures {
		f := field{m: m}
		vals := m.Series[0].Values[:len(labels)]
		for _, v := range vals {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				f.top = math.Max(f.top, v)
			}
			t := ValueText(v, m.Unit)
			f.texts = append(f.texts, t)
			f.textW = max(f.textW, runewidth.StringWidth(t))
		}
		fields = append(fields, f)
	}
	// Keep the measures that leave each bar at least minBar columns.
	avail := opts.Width - lw - 2
	var dropped []string
	for len(fields) > 1 {
		per := avail / len(fields)
		need := 0
		for _, f := range fields {
			need = max(need, f.textW+2+minBar)
		}
		if per >= need {
			break
		}
		dropped = append([]string{fields[len(fields)-1].m.Name}, dropped...)
		fields = fields[:len(fields)-1]
	}
	per := avail / len(fields)
	for i := range fields {
		fields[i].barW = per - fields[i].textW - 2
	}

	var out []string
	head := &line{}
	head.text(pad(truncate(d.LabelName, lw), lw) + "  ")
	for _, f := range fields {
		head.text(pad(truncate(f.m.Name, per-1), per))
	}
	out = append(out, head.String())
	for r, label := range labels {
		l := &line{color: opts.Color}
		l.text(pad(truncate(label, lw), lw) + "  ")
		for _, f := range fields {
			v := f.m.Series[0].Values[r]
			n := barEighths(v, f.top, f.barW)
			for i := 0; i < n/8; i++ {
				l.cell('█', palette[0])
			}
			if n%8 > 0 {
				l.cell(eighthsLeft[n%8-1], palette[0])
			}
			used := (n + 7) / 8
			if used > 0 {
				l.text(" ")
				used++
			}
			l.text(pad(f.texts[r], per-used))
		}
		out = append(out, l.String())
	}
	if more := len(d.Labels) - len(labels); more > 0 {
		out = append(out, fmt.Sprintf("… %d more rows not drawn (bars show the first %d; add LIMIT or use -o table)", more, MaxBars))
	}
	if len(dropped) > 0 {
		out = append(out, fmt.Sprintf("(not drawn, too narrow: %s; widen the terminal or select fewer columns)", strings.Join(dropped, ", ")))
	}
	return out
}

// barEighths returns the length of the bar of v, in eighths of a cell, on
// a scale where top fills width cells. A positive value gets at least one
// eighth; zero, negative and missing values get none.
func barEighths(v, top float64, width int) int {
	if math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 || top <= 0 || width <= 0 {
		return 0
	}
	n := int(math.Round(v / top * float64(width*8)))
	return min(max(n, 1), width*8)
}

// pad fills s with spaces to width w (display columns).
func pad(s string, w int) string {
	if gap := w - runewidth.StringWidth(s); gap > 0 {
		return s + strings.Repeat(" ", gap)
	}
	return s
}

// truncate shortens s to w display columns, ending it with "…" when cut.
func truncate(s string, w int) string {
	if runewidth.StringWidth(s) <= w {
		return s
	}
	return runewidth.Truncate(s, w, "…")
}
