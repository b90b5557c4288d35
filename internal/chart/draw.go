package chart

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// DefaultWidth is the width charts fit when none is given (output that is
// not a terminal).
const DefaultWidth = 80

// minWidth is the narrowest width a chart is drawn in; narrower widths are
// widened to it.
const minWidth = 40

// Options control how [Draw] writes a chart.
type Options struct {
	// Width is the number of columns to fit; 0 means DefaultWidth.
	Width int
	// Color writes ANSI colour escapes around the bars and areas. Leave
	// it false when the output is not a terminal or NO_COLOR is set; the
	// text is the same either way.
	Color bool
}

// Draw writes d as text: a TimeSeries as one area panel per measure over a
// shared time axis, Bars as one row per label with a bar per measure.
func Draw(w io.Writer, d *Data, opts Options) error {
	if opts.Width <= 0 {
		opts.Width = DefaultWidth
	}
	opts.Width = max(opts.Width, minWidth)
	bw := bufio.NewWriter(w)
	var lines []string
	switch {
	case len(d.Measures) == 0 || (d.Kind == TimeSeries && len(d.Times) == 0) || (d.Kind == Bars && len(d.Labels) == 0):
		lines = []string{"(no rows to chart)"}
	case d.Kind == TimeSeries:
		lines = drawTimeSeries(d, opts)
	case d.Kind == Bars:
		lines = drawBars(d, opts)
	default:
		return fmt.Errorf("chart: unknown kind %v", d.Kind)
	}
	for _, l := range lines {
		bw.WriteString(strings.TrimRight(l, " "))
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write chart: %w", err)
	}
	return nil
}

// colour is an ANSI foreground colour number; 0 is none.
type colour int

// palette colours the series of a panel in order (cyan, red, yellow,
// green), so a second series such as REJECT stands out.
var palette = []colour{36, 31, 33, 32}

// shades draw the series of a stacked panel in order, so they stay apart
// without colour.
var shades = []rune{'█', '▒', '░', '▓'}

// line builds one line of output from cells, each a rune and a colour.
type line struct {
	color bool
	sb    strings.Builder
	cur   colour
}

// text adds plain text.
func (l *line) text(s string) {
	l.set(0)
	l.sb.WriteString(s)
}

// cell adds one rune in colour c.
func (l *line) cell(r rune, c colour) {
	if r == ' ' {
		c = 0
	}
	l.set(c)
	l.sb.WriteRune(r)
}

// set switches colour when colour is on.
func (l *line) set(c colour) {
	if !l.color || c == l.cur {
		return
	}
	if c == 0 {
		l.sb.WriteString("\x1b[0m")
	} else {
		fmt.Fprintf(&l.sb, "\x1b[%dm", int(c))
	}
	l.cur = c
}

// String ends the line, resetting the colour.
func (l *line) String() string {
	l.set(0)
	return l.sb.String()
}
