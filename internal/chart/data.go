package chart

import (
	"fmt"
	"math"
	"math/big"
	"sort"
	"strings"
	"time"

	"github.com/flowduck/flowduck/internal/units"
)

// MaxSeries is how many series one panel of a time series draws: past it,
// the series with the smallest totals are added up into one called
// [OtherSeries].
const MaxSeries = 4

// OtherSeries names the series that adds up the smallest series past
// [MaxSeries].
const OtherSeries = "(other)"

// Data is a classified result ready to draw: for a TimeSeries the distinct
// times and, per measure, one series per pivot value; for Bars the labels
// and, per measure, one value per label.
type Data struct {
	// Kind is TimeSeries or Bars.
	Kind Kind
	// TimeName is the name of the time column (TimeSeries).
	TimeName string
	// Times are the distinct times of a TimeSeries, ascending, in the
	// display zone (TIMESTAMPTZ) or as written (TIMESTAMP, DATE: UTC).
	Times []time.Time
	// Zoned is true when the times are TIMESTAMPTZ, shown in the display
	// zone; false when they carry no zone (TIMESTAMP, DATE).
	Zoned bool
	// DateOnly is true when the time column is a DATE.
	DateOnly bool
	// Pivot names the text column(s) whose values name the series of a
	// TimeSeries in long form; "" when each measure is one series.
	Pivot string
	// LabelName names the label column(s) of Bars.
	LabelName string
	// Labels label the bars, one per row in result order.
	Labels []string
	// Measures are the numeric columns, in result order.
	Measures []Measure
	// Rows is how many rows were drawn from; SkippedRows how many of them
	// were left out because their time was NULL.
	Rows, SkippedRows int
}

// Measure is one numeric column.
type Measure struct {
	// Name is the column's name.
	Name string
	// Unit is what its numbers count, by name (bytes, a count, neither).
	Unit units.Unit
	// Series are its series: for Bars one, named after the column, with a
	// value per label; for a TimeSeries one per pivot value (or one, named
	// after the column) with a value per time. A missing value is NaN.
	Series []Series
}

// Series is one line of values.
type Series struct {
	// Name is the pivot value, or the column's name when there is no
	// pivot.
	Name string
	// Values has one value per time (TimeSeries) or label (Bars); NaN
	// where the result has no row.
	Values []float64
}

// Build reads the rows of a result classified by [Classify] into Data.
// Each row has one value per column, as database/sql scans them into
// `any`. TIMESTAMPTZ times are put in loc (nil means UTC). Rows at the same
// time and series add up.
func Build(s Shape, cols []Column, rows [][]any, loc *time.Location) (*Data, error) {
	if loc == nil {
		loc = time.UTC
	}
	for i, row := range rows {
		if len(row) != len(cols) {
			return nil, fmt.Errorf("chart row %d: %d values for %d columns", i+1, len(row), len(cols))
		}
	}
	switch s.Kind {
	case TimeSeries:
		return buildTimeSeries(s, cols, rows, loc)
	case Bars:
		return buildBars(s, cols, rows, loc)
	}
	return nil, fmt.Errorf("chart: unknown shape kind %v", s.Kind)
}

// buildBars reads one bar per row.
func buildBars(s Shape, cols []Column, rows [][]any, loc *time.Location) (*Data, error) {
	names := make([]string, len(s.Labels))
	for i, c := range s.Labels {
		names[i] = cols[c].Name
	}
	d := &Data{Kind: Bars, LabelName: strings.Join(names, " "), Rows: len(rows)}
	d.Labels = make([]string, len(rows))
	for r, row := range rows {
		d.Labels[r] = joinText(row, s.Labels, cols, loc)
	}
	for _, m := range s.Measures {
		vals := make([]float64, len(rows))
		for r, row := range rows {
			v, err := number(row[m])
			if err != nil {
				return nil, fmt.Errorf("chart column %q row %d: %w", cols[m].Name, r+1, err)
			}
			vals[r] = v
		}
		d.Measures = append(d.Measures, Measure{
			Name:   cols[m].Name,
			Unit:   units.ColumnUnit(cols[m].Name),
			Series: []Series{{Name: cols[m].Name, Values: vals}},
		})
	}
	return d, nil
}

// buildTimeSeries pivots the rows into one series per pivot value and
// measure, aligned on the distinct times.
func buildTimeSeries(s Shape, cols []Column, rows [][]any, loc *time.Location) (*Data, error) {
	typ := strings.ToUpper(cols[s.Time].Type)
	d := &Data{
		Kind:     TimeSeries,
		TimeName: cols[s.Time].Name,
		Zoned:    zoned(typ),
		DateOnly: typ == "DATE",
		Rows:     len(rows),
	}
	// The distinct times, and each row's time index and series name.
	type point struct {
		t      int
		series string
	}
	points := make([]point, len(rows))
	index := map[time.Time]int{}
	for r, row := range rows {
		t, ok := row[s.Time].(time.Time)
		if !ok {
			if row[s.Time] != nil {
				return nil, fmt.Errorf("chart column %q row %d: %T is not a time", d.TimeName, r+1, row[s.Time])
			}
			points[r].t = -1
			d.SkippedRows++
			continue
		}
		if d.Zoned {
			t = t.In(loc)
		} else {
			t = t.UTC()
		}
		if _, seen := index[t]; !seen {
			index[t] = len(d.Times)
			d.Times = append(d.Times, t)
		}
		points[r] = point{t: index[t], series: joinText(row, s.Pivot, cols, loc)}
	}
	order := make([]int, len(d.Times)) // old index → sorted index
	sorted := append([]time.Time(nil), d.Times...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Before(sorted[j]) })
	for i, t := range sorted {
		order[index[t]] = i
	}
	d.Times = sorted
	// The series names in order of first appearance.
	var names []string
	if len(s.Pivot) > 0 {
		pivot := make([]string, len(s.Pivot))
		for i, c := range s.Pivot {
			pivot[i] = cols[c].Name
		}
		d.Pivot = strings.Join(pivot, " ")
		seen := map[string]bool{}
		for _, p := range points {
			if p.t >= 0 && !seen[p.series] {
				seen[p.series] = true
				names = append(names, p.series)
			}
		}
	}
	for _, m := range s.Measures {
		meas := Measure{Name: cols[m].Name, Unit: units.ColumnUnit(cols[m].Name)}
		byName := map[string]int{}
		seriesNames := names
		if len(s.Pivot) == 0 {
			seriesNames = []string{cols[m].Name}
		}
		for i, n := range seriesNames {
			byName[n] = i
			meas.Series = append(meas.Series, Series{Name: n, Values: nanValues(len(d.Times))})
		}
		for r, row := range rows {
			p := points[r]
			if p.t < 0 {
				continue
			}
			v, err := number(row[m])
			if err != nil {
				return nil, fmt.Errorf("chart column %q row %d: %w", cols[m].Name, r+1, err)
			}
			if math.IsNaN(v) {
				continue
			}
			name := p.series
			if len(s.Pivot) == 0 {
				name = cols[m].Name
			}
			vals := meas.Series[byName[name]].Values
			if t := order[p.t]; math.IsNaN(vals[t]) {
				vals[t] = v
			} else {
				vals[t] += v
			}
		}
		meas.Series = foldSeries(meas.Series)
		d.Measures = append(d.Measures, meas)
	}
	return d, nil
}

// foldSeries keeps the MaxSeries-1 series with the largest totals (in their
// order) and adds the others up into one OtherSeries, when there are more
// than MaxSeries.
func foldSeries(ss []Series) []Series {
	if len(ss) <= MaxSeries {
		return ss
	}
	totals := make([]float64, len(ss))
	for i, s := range ss {
		for _, v := range s.Values {
			if !math.IsNaN(v) {
				totals[i] += math.Abs(v)
			}
		}
	}
	rank := make([]int, len(ss))
	for i := range rank {
		rank[i] = i
	}
	sort.SliceStable(rank, func(a, b int) bool { return totals[rank[a]] > totals[rank[b]] })
	keep := map[int]bool{}
	for _, i := range rank[:MaxSeries-1] {
		keep[i] = true
	}
	other := Series{Name: OtherSeries, Values: nanValues(len(ss[0].Values))}
	var out []Series
	for i, s := range ss {
		if keep[i] {
			out = append(out, s)
			continue
		}
		for t, v := range s.Values {
			if math.IsNaN(v) {
				continue
			}
			if math.IsNaN(other.Values[t]) {
				other.Values[t] = v
			} else {
				other.Values[t] += v
			}
		}
	}
	return append(out, other)
}

// nanValues returns n missing values.
func nanValues(n int) []float64 {
	vs := make([]float64, n)
	for i := range vs {
		vs[i] = math.NaN()
	}
	return vs
}

// zoned reports whether a DuckDB type name is TIMESTAMPTZ.
func zoned(typ string) bool {
	typ = strings.ToUpper(strings.TrimSpace(typ))
	return typ == "TIMESTAMPTZ" || typ == "TIMESTAMP WITH TIME ZONE"
}

// joinText returns the text of the columns at idx of row, joined by a
// space; TIMESTAMPTZ values are written in loc.
func joinText(row []any, idx []int, cols []Column, loc *time.Location) string {
	if len(idx) == 0 {
		return ""
	}
	parts := make([]string, len(idx))
	for i, c := range idx {
		v := row[c]
		if t, ok := v.(time.Time); ok {
			if zoned(cols[c].Type) {
				v = t.In(loc)
			} else {
				v = t.UTC()
			}
		}
		parts[i] = text(v)
	}
	return strings.Join(parts, " ")
}

// text writes one label or series value.
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case string:
		return v
	case []byte:
		return string(v)
	case time.Time:
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
			return v.Format(time.DateOnly)
		}
		return v.Format(time.DateTime)
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(v)
}

// number returns a numeric value as a float64; NULL is NaN.
func number(v any) (float64, error) {
	switch v := v.(type) {
	case nil:
		return math.NaN(), nil
	case int:
		return float64(v), nil
	case int8:
		return float64(v), nil
	case int16:
		return float64(v), nil
	case int32:
		return float64(v), nil
	case int64:
		return float64(v), nil
	case uint:
		return float64(v), nil
	case uint8:
		return float64(v), nil
	case uint16:
		return float64(v), nil
	case uint32:
		return float64(v), nil
	case uint64:
		return float64(v), nil
	case float32:
		return float64(v), nil
	case float64:
		return v, nil
	case *big.Int:
		if v == nil {
			return math.NaN(), nil
		}
		f, _ := new(big.Float).SetInt(v).Float64()
		return f, nil
	case interface{ Float64() float64 }: // duckdb.Decimal
		return v.Float64(), nil
	}
	return 0, fmt.Errorf("%T is not a number", v)
}
