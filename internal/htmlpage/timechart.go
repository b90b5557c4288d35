package htmlpage

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// TimeChart is a line chart over time: one series per value column, all
// sharing the times of X and one unit.
type TimeChart struct {
	// Title names the measure ("bytes per hour").
	Title string
	// Unit is "bytes" or "" (counts), for the axis and tooltips.
	Unit   string
	X      []time.Time
	Series []Series
	// Location is the zone the axis is labelled in; nil is UTC.
	Location *time.Location
}

// Series is one named line of a [TimeChart]: a value per time.
type Series struct {
	Name   string
	Values []float64
}

// Size of a time chart, in SVG user units.
const (
	timeWidth, timeHeight                    = 960, 260
	timeLeft, timeRight, timeTop, timeBottom = 78, 16, 14, 36
)

// timeView is a TimeChart with its geometry computed, for the template.
type timeView struct {
	Title          string
	Width, Height  int
	Left, Bottom   int
	Right, Top     int
	XTicks, YTicks []tick
	Series         []seriesView
}

// tick is one labelled axis position.
type tick struct {
	Pos   string
	Label string
}

// seriesView is one series drawn: its line, the area under it and a point
// (with a tooltip) per time.
type seriesView struct {
	Key, Name, Color string
	Line, Area       string
	Points           []pointView
}

// pointView is one data point and its tooltip.
type pointView struct {
	X, Y, Title string
}

// view computes the chart's geometry.
func (c *TimeChart) view() timeView {
	loc := c.Location
	if loc == nil {
		loc = time.UTC
	}
	v := timeView{Title: c.Title, Width: timeWidth, Height: timeHeight,
		Left: timeLeft, Right: timeWidth - timeRight, Top: timeTop, Bottom: timeHeight - timeBottom}
	plotW := float64(timeWidth - timeLeft - timeRight)
	plotH := float64(timeHeight - timeTop - timeBottom)
	n := len(c.X)
	var top float64
	for _, s := range c.Series {
		for _, y := range s.Values {
			if !math.IsNaN(y) && !math.IsInf(y, 0) {
				top = max(top, y)
			}
		}
	}
	top = niceTop(top, c.Unit)
	var t0, span float64
	if n > 0 {
		t0 = float64(c.X[0].Unix())
		span = float64(c.X[n-1].Unix()) - t0
	}
	x := func(i int) float64 {
		if span <= 0 {
			return float64(timeLeft) + plotW/2
		}
		return float64(timeLeft) + (float64(c.X[i].Unix())-t0)/span*plotW
	}
	y := func(val float64) float64 { return float64(timeTop) + plotH - val/top*plotH }
	for k := 0; k <= 4; k++ {
		val := top * float64(k) / 4
		v.YTicks = append(v.YTicks, tick{Pos: coord(y(val)), Label: valueText(val, c.Unit)})
	}
	layout := timeLayout(c.X, loc)
	if n > 0 {
		step := max(1, (n+6)/7)
		for i := 0; i < n; i += step {
			v.XTicks = append(v.XTicks, tick{Pos: coord(x(i)), Label: c.X[i].In(loc).Format(layout)})
		}
	}
	for si, s := range c.Series {
		sv := seriesView{Key: fmt.Sprintf("s%d", si), Name: s.Name, Color: seriesColor(si, s.Name)}
		// A missing value (NaN) has no point and breaks the line; the area
		// is drawn under each unbroken run.
		var line, area strings.Builder
		first, last := -1, -1
		closeRun := func() {
			if first >= 0 {
				fmt.Fprintf(&area, "L%s L%s Z ", point(x(last), y(0)), point(x(first), y(0)))
			}
			first = -1
		}
		for i, val := range s.Values {
			if i >= n {
				break
			}
			if math.IsNaN(val) || math.IsInf(val, 0) {
				closeRun()
				continue
			}
			cmd := "L"
			if first < 0 {
				cmd, first = "M", i
			}
			last = i
			fmt.Fprintf(&line, "%s%s ", cmd, point(x(i), y(val)))
			fmt.Fprintf(&area, "%s%s ", cmd, point(x(i), y(val)))
			sv.Points = append(sv.Points, pointView{X: coord(x(i)), Y: coord(y(val)),
				Title: fmt.Sprintf("%s %s: %s (%s)", s.Name, c.X[i].In(loc).Format("2006-01-02 15:04 MST"), exactText(val), valueText(val, c.Unit))})
		}
		closeRun()
		sv.Line = strings.TrimSpace(line.String())
		sv.Area = strings.TrimSpace(area.String())
		v.Series = append(v.Series, sv)
	}
	return v
}

// timeLayout picks the axis label layout for the span of xs: the clock
// within a day, the date and clock within a few weeks, else the date.
func timeLayout(xs []time.Time, loc *time.Location) string {
	if len(xs) < 2 {
		return "2006-01-02 15:04"
	}
	span := xs[len(xs)-1].Sub(xs[0])
	first, last := xs[0].In(loc), xs[len(xs)-1].In(loc)
	switch {
	case first.YearDay() == last.YearDay() && first.Year() == last.Year():
		return "15:04"
	case span <= 21*24*time.Hour:
		return "01-02 15:04"
	}
	return "2006-01-02"
}
