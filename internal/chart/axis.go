package chart

import (
	"fmt"
	"math"
	"time"
)

// xAxis maps times to the columns of a time-series plot. Times are placed
// by their distance from the first, in steps (the smallest gap between two
// times), so a gap in the data is a gap in the chart. When there are no
// more steps than columns, each step gets per columns; otherwise each
// column covers several steps.
type xAxis struct {
	t0    time.Time
	step  time.Duration
	slots int64 // steps from the first time to the last, plus one
	per   int   // columns per step, or 0 when columns cover several steps
	ncols int   // columns used
}

// newXAxis fits the sorted times into at most avail columns.
func newXAxis(times []time.Time, avail int) xAxis {
	x := xAxis{t0: times[0], step: time.Hour, slots: 1}
	for i := 1; i < len(times); i++ {
		if gap := times[i].Sub(times[i-1]); gap > 0 && (i == 1 || gap < x.step) {
			x.step = gap
		}
	}
	if n := len(times); n > 1 {
		x.slots = int64(math.Round(float64(times[n-1].Sub(x.t0))/float64(x.step))) + 1
	}
	if x.slots <= int64(avail) {
		x.per = avail / int(x.slots)
		x.ncols = int(x.slots) * x.per
	} else {
		x.ncols = avail
	}
	return x
}

// slot returns how many steps t is from the first time (fractional for a
// time between two steps).
func (x xAxis) slot(t time.Time) float64 {
	return float64(t.Sub(x.t0)) / float64(x.step)
}

// col returns the first column of a data time t.
func (x xAxis) col(t time.Time) int {
	s := math.Round(x.slot(t))
	if x.per > 0 {
		return int(s) * x.per
	}
	return min(int(s*float64(x.ncols)/float64(x.slots)), x.ncols-1)
}

// width returns how many columns a data time covers.
func (x xAxis) width() int {
	return max(x.per, 1)
}

// tickCol returns the column of a tick at time t, or -1 when it falls
// outside the plot.
func (x xAxis) tickCol(t time.Time) int {
	s := x.slot(t)
	if s < -1e-9 || s > float64(x.slots-1)+1e-9 {
		return -1
	}
	if x.per > 0 {
		return int(math.Round(s)) * x.per
	}
	return min(int(s*float64(x.ncols)/float64(x.slots)), x.ncols-1)
}

// bucketsPerCol is how many steps one column covers, rounded up (1 when
// each step has its own columns).
func (x xAxis) bucketsPerCol() int64 {
	if x.per > 0 {
		return 1
	}
	return (x.slots + int64(x.ncols) - 1) / int64(x.ncols)
}

// tickSpacings are the distances between time-axis labels, smallest first;
// the first that is no smaller than the data's step and leaves room for
// every label is used. Those under a day divide a day, so ticks fall on
// round times.
var tickSpacings = []time.Duration{
	time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second, 15 * time.Second, 30 * time.Second,
	time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour,
	24 * time.Hour, 2 * 24 * time.Hour, 7 * 24 * time.Hour, 14 * 24 * time.Hour,
	28 * 24 * time.Hour, 91 * 24 * time.Hour, 182 * 24 * time.Hour, 364 * 24 * time.Hour,
}

// tick is one labelled time on the axis.
type tick struct {
	col   int
	label string
}

// ticks chooses the labelled times of the axis over times (sorted, in their
// display zone): round times (hours, days) spaced so their labels fit.
func (x xAxis) ticks(times []time.Time, dateOnly bool) []tick {
	first, last := times[0], times[len(times)-1]
	format := tickFormat(first, last, x.step, dateOnly)
	span := last.Sub(first)
	for _, d := range tickSpacings {
		if d < x.step || span/d > time.Duration(x.ncols) {
			continue // finer than the data, or more ticks than columns
		}
		if ts := x.ticksEvery(d, first, last, format); len(ts) > 0 && spaced(ts) {
			return ts
		}
	}
	// No round spacing fits (years apart, or irregular): label every k-th
	// data time, k as small as leaves room.
	for k := 1; k <= len(times); k++ {
		var ts []tick
		for i := 0; i < len(times); i += k {
			ts = append(ts, tick{col: x.col(times[i]), label: format(times[i])})
		}
		if spaced(ts) {
			return ts
		}
	}
	return nil
}

// spaced reports whether each label ends at least two columns before the
// next tick.
func spaced(ts []tick) bool {
	for i := 1; i < len(ts); i++ {
		if ts[i].col-ts[i-1].col < len(ts[i-1].label)+2 {
			return false
		}
	}
	return true
}

// ticksEvery returns a tick at every multiple of d (from local midnight)
// between first and last.
func (x xAxis) ticksEvery(d time.Duration, first, last time.Time, format func(time.Time) string) []tick {
	y, m, day := first.Date()
	midnight := time.Date(y, m, day, 0, 0, 0, 0, first.Location())
	var ts []tick
	add := func(t time.Time) {
		if c := x.tickCol(t); c >= 0 {
			ts = append(ts, tick{col: c, label: format(t)})
		}
	}
	if d < 24*time.Hour {
		k := (first.Sub(midnight) + d - 1) / d
		for t := midnight.Add(k * d); !t.After(last); t = t.Add(d) {
			add(t)
		}
		return ts
	}
	days := int(d / (24 * time.Hour))
	t := midnight
	if t.Before(first) {
		t = t.AddDate(0, 0, 1)
	}
	for ; !t.After(last); t = t.AddDate(0, 0, days) {
		add(t)
	}
	return ts
}

// tickFormat returns how axis labels are written: a date for daily data,
// otherwise the time of day, with the date instead at midnight when the
// data spans several days.
func tickFormat(first, last time.Time, step time.Duration, dateOnly bool) func(time.Time) string {
	date := "Jan 2"
	if first.Year() != last.Year() {
		date = "2006-01-02"
	}
	if dateOnly || step >= 24*time.Hour {
		return func(t time.Time) string { return t.Format(date) }
	}
	clock := "15:04"
	if step < time.Minute {
		clock = "15:04:05"
	}
	oneDay := first.YearDay() == last.YearDay() && first.Year() == last.Year()
	return func(t time.Time) string {
		if !oneDay && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
			return t.Format(date)
		}
		return t.Format(clock)
	}
}

// durationText writes a step briefly: 1d, 6h, 5m, 30s.
func durationText(d time.Duration) string {
	switch {
	case d%(24*time.Hour) == 0:
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	case d%time.Second == 0:
		return fmt.Sprintf("%ds", d/time.Second)
	}
	return d.String()
}
