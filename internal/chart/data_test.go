package chart

import (
	"math"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/flowduck/flowduck/internal/units"
)

// decimal is a value with a Float64 method, as duckdb.Decimal has.
type decimal float64

func (d decimal) Float64() float64 { return float64(d) }

// build classifies and builds, failing the test on an error.
func build(t *testing.T, cs []Column, rows [][]any, loc *time.Location) *Data {
	t.Helper()
	s, err := Classify(cs)
	if err != nil {
		t.Fatalf("Classify: %v", err)
	}
	d, err := Build(s, cs, rows, loc)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return d
}

// same compares values, NaN equal to NaN.
func same(got, want []float64) bool {
	return slices.EqualFunc(got, want, func(a, b float64) bool {
		return a == b || math.IsNaN(a) && math.IsNaN(b)
	})
}

func TestBuildLongFormPivots(t *testing.T) {
	nan := math.NaN()
	h := hourly(3)
	d := build(t, cols("bin(1h) TIMESTAMPTZ", "action VARCHAR", "flows BIGINT", "bytes DECIMAL(18,0)"), [][]any{
		{h[2], "REJECT", int64(1), decimal(10)},
		{h[0], "ACCEPT", int64(5), decimal(500)},
		{h[0], "REJECT", int64(2), decimal(20)},
		{h[1], "ACCEPT", int64(7), nil},
		{h[1], "ACCEPT", int64(3), decimal(30)}, // same time and series: adds up
		{nil, "ACCEPT", int64(100), decimal(1)}, // no time: skipped
	}, nil)
	if !slices.Equal(d.Times, h) {
		t.Fatalf("Times = %v, want %v (sorted)", d.Times, h)
	}
	if d.Pivot != "action" || d.SkippedRows != 1 || d.Rows != 6 || !d.Zoned {
		t.Errorf("Pivot, SkippedRows, Rows, Zoned = %q, %d, %d, %v", d.Pivot, d.SkippedRows, d.Rows, d.Zoned)
	}
	want := map[string]map[string][]float64{
		"flows": {"REJECT": {2, nan, 1}, "ACCEPT": {5, 10, nan}},
		"bytes": {"REJECT": {20, nan, 10}, "ACCEPT": {500, 30, nan}},
	}
	for _, m := range d.Measures {
		var names []string
		for _, s := range m.Series {
			names = append(names, s.Name)
			if !same(s.Values, want[m.Name][s.Name]) {
				t.Errorf("%s/%s = %v, want %v", m.Name, s.Name, s.Values, want[m.Name][s.Name])
			}
		}
		if !slices.Equal(names, []string{"REJECT", "ACCEPT"}) {
			t.Errorf("%s series = %v, want the order of first appearance", m.Name, names)
		}
	}
	if d.Measures[0].Unit != units.CountUnit || d.Measures[1].Unit != units.ByteUnit {
		t.Errorf("units = %v, %v; want count, bytes", d.Measures[0].Unit, d.Measures[1].Unit)
	}
}

func TestBuildZones(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	at := time.Date(2026, 11, 27, 22, 0, 0, 0, time.UTC)
	zonedData := build(t, cols("t TIMESTAMPTZ", "n BIGINT"), [][]any{{at, int64(1)}}, tokyo)
	if got := zonedData.Times[0]; got.Hour() != 7 || got.Location() != tokyo {
		t.Errorf("TIMESTAMPTZ in JST = %v, want 07:00 JST", got)
	}
	naive := build(t, cols("t TIMESTAMP", "n BIGINT"), [][]any{{at, int64(1)}}, tokyo)
	if got := naive.Times[0]; got.Hour() != 22 || got.Location() != time.UTC || naive.Zoned {
		t.Errorf("TIMESTAMP = %v (zoned %v), want 22:00 as written", got, naive.Zoned)
	}
	bars := build(t, cols("src VARCHAR", "first_seen TIMESTAMPTZ", "n BIGINT"), [][]any{{"10.0.0.1", at, int64(1)}}, tokyo)
	if got := bars.Labels[0]; got != "10.0.0.1 2026-11-28 07:00:00" {
		t.Errorf("bar label = %q, want the time in JST", got)
	}
}

func TestBuildFoldsSeries(t *testing.T) {
	h := hourly(1)
	var rows [][]any
	for i, name := range []string{"tiny", "big", "mid", "small", "huge", "nil"} {
		rows = append(rows, []any{h[0], name, int64([]int{1, 50, 20, 5, 90, 2}[i])})
	}
	d := build(t, cols("t TIMESTAMP", "name VARCHAR", "n BIGINT"), rows, nil)
	var got []string
	for _, s := range d.Measures[0].Series {
		got = append(got, s.Name+"="+ValueText(s.Values[0], units.None))
	}
	want := []string{"big=50", "mid=20", "huge=90", OtherSeries + "=8"}
	if !slices.Equal(got, want) {
		t.Errorf("series = %v, want %v", got, want)
	}
}

func TestBuildBars(t *testing.T) {
	d := build(t, cols("dstport INTEGER", "service VARCHAR", "flows BIGINT", "bytes HUGEINT", "avg DOUBLE"), [][]any{
		{int32(443), "https", int64(10), big.NewInt(1 << 40), 1.5},
		{int32(22), nil, int64(3), (*big.Int)(nil), float32(0.25)},
	}, nil)
	if d.LabelName != "dstport service" || !slices.Equal(d.Labels, []string{"443 https", "22 NULL"}) {
		t.Errorf("LabelName, Labels = %q, %q", d.LabelName, d.Labels)
	}
	want := [][]float64{{10, 3}, {1 << 40, math.NaN()}, {1.5, 0.25}}
	for i, m := range d.Measures {
		if !same(m.Series[0].Values, want[i]) {
			t.Errorf("%s = %v, want %v", m.Name, m.Series[0].Values, want[i])
		}
	}
}

func TestBuildRejectsBadValues(t *testing.T) {
	cs := cols("t TIMESTAMP", "n BIGINT")
	s, _ := Classify(cs)
	for name, rows := range map[string][][]any{
		"text in a number": {{hourly(1)[0], "ten"}},
		"text as a time":   {{"monday", int64(1)}},
		"short row":        {{hourly(1)[0]}},
	} {
		if _, err := Build(s, cs, rows, nil); err == nil || !strings.Contains(err.Error(), "row 1") {
			t.Errorf("%s: Build error = %v, want one naming row 1", name, err)
		}
	}
}

func TestValueText(t *testing.T) {
	cases := []struct {
		v    float64
		u    units.Unit
		want string
	}{
		{1.3e9, units.ByteUnit, "1.2 GiB"}, {512, units.ByteUnit, "512 B"}, {-2048, units.ByteUnit, "-2.0 KiB"},
		{3400, units.CountUnit, "3.4k"}, {950, units.CountUnit, "950"}, {3400, units.None, "3.4k"},
		{0.25, units.None, "0.25"}, {12.345, units.None, "12.3"}, {math.NaN(), units.None, ""}, {0, units.None, "0"},
	}
	for _, tc := range cases {
		if got := ValueText(tc.v, tc.u); got != tc.want {
			t.Errorf("ValueText(%v, %v) = %q, want %q", tc.v, tc.u, got, tc.want)
		}
	}
}
