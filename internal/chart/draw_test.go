package chart

import (
	"bytes"
	"fmt"
	"math"
	"math/big"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/flowduck/flowduck/internal/golden"
)

// draw classifies, builds (see build) and draws rows.
func draw(t *testing.T, cs []Column, rows [][]any, loc *time.Location, opts Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Draw(&buf, build(t, cs, rows, loc), opts); err != nil {
		t.Fatalf("Draw: %v", err)
	}
	return buf.String()
}

// hourly returns n hourly times from 2026-11-27 00:00 UTC.
func hourly(n int) []time.Time {
	ts := make([]time.Time, n)
	for i := range ts {
		ts[i] = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
	}
	return ts
}

func TestDrawGolden(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	wave := func(i int) int64 { return int64(1000 + 900*math.Sin(float64(i)/4)) }
	var traffic, long, days, many, fine [][]any
	for i, tm := range hourly(48) {
		flows := wave(i)
		if i == 27 {
			flows = 9000 // a spike
		}
		traffic = append(traffic, []any{tm, flows, big.NewInt(flows * 1500)})
		long = append(long, []any{tm, "ACCEPT", flows}, []any{tm, "REJECT", int64(200 + 10*i)})
	}
	for i := range 10 {
		days = append(days, []any{time.Date(2026, 11, 1+i, 0, 0, 0, 0, time.UTC), float64(i) * 1.5})
	}
	for i, tm := range hourly(300) {
		fine = append(fine, []any{tm, int64(i % 50)})
	}
	for i, tm := range hourly(6) {
		for _, a := range []string{"a", "b", "c", "d", "e", "f"} {
			many = append(many, []any{tm, a, int64(i + len(a))})
		}
	}
	tests := []struct {
		name string
		cols []Column
		rows [][]any
		loc  *time.Location
		opts Options
	}{
		{name: "traffic", cols: cols("bucket_start TIMESTAMPTZ", "flows BIGINT", "bytes HUGEINT"), rows: traffic},
		{name: "traffic-paris", cols: cols("bucket_start TIMESTAMPTZ", "flows BIGINT", "bytes HUGEINT"), rows: traffic, loc: paris},
		{name: "traffic-120", cols: cols("bucket_start TIMESTAMPTZ", "flows BIGINT", "bytes HUGEINT"), rows: traffic, opts: Options{Width: 120}},
		{name: "long-form", cols: cols("bin(1h) TIMESTAMPTZ", "action VARCHAR", "count(*) BIGINT"), rows: long},
		{name: "many-series", cols: cols("t TIMESTAMP", "k VARCHAR", "n BIGINT"), rows: many},
		{name: "days", cols: cols("day DATE", "avg_duration DOUBLE"), rows: days},
		{name: "more-times-than-columns", cols: cols("t TIMESTAMP", "n BIGINT"), rows: fine},
		{name: "bars", cols: cols("talker VARCHAR", "flows BIGINT", "packets HUGEINT", "bytes HUGEINT"), rows: [][]any{
			{"10.0.1.5", int64(12000), big.NewInt(3_400_000), big.NewInt(1_300_000_000)},
			{"203.0.113.50", int64(1200), big.NewInt(1200), big.NewInt(72_000)},
			{"10.0.2.17", int64(800), big.NewInt(900_000), big.NewInt(600_000_000)},
			{"a-very-long-label-that-does-not-fit-in-a-third-of-the-width", int64(0), big.NewInt(0), nil},
		}},
		{name: "bars-one-measure", cols: cols("dstport INTEGER", "count_star() BIGINT"), rows: [][]any{
			{int32(443), int64(5000)}, {int32(22), int64(1200)}, {int32(3389), int64(7)},
		}},
		{name: "empty", cols: cols("talker VARCHAR", "bytes BIGINT")},
		{name: "long-names", cols: []Column{
			{Name: "the_first_column_has_a_name_longer_than_a_third_of_eighty", Type: "VARCHAR"},
			{Name: "and_the_measure_a_name_longer_than_its_field_of_the_width", Type: "BIGINT"},
			{Name: "bytes", Type: "BIGINT"}},
			rows: [][]any{{"a", int64(1), int64(2)}}},
		{name: "long-time-measure", cols: []Column{{Name: "t", Type: "TIMESTAMP"},
			{Name: strings.Repeat("a_very_long_measure_name_", 5), Type: "DOUBLE"}},
			rows: [][]any{{hourly(2)[0], 1.0}, {hourly(2)[1], 2.0}}},
		{name: "new-year", cols: cols("day DATE", "flows BIGINT"), rows: func() (rows [][]any) {
			for i := range 20 {
				rows = append(rows, []any{time.Date(2026, 12, 22+i, 0, 0, 0, 0, time.UTC), int64(100 + i*i)})
			}
			return append(rows, []any{nil, int64(5)})
		}()},
		{name: "one-time", cols: cols("t TIMESTAMPTZ", "bytes BIGINT"), rows: [][]any{{hourly(1)[0], int64(2048)}}},
		{name: "negative", cols: cols("t TIMESTAMP", "delta DOUBLE"), rows: [][]any{
			{hourly(4)[0], -2.5}, {hourly(4)[1], 1.0}, {hourly(4)[2], nil}, {hourly(4)[3], 4.0}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := draw(t, tc.cols, tc.rows, tc.loc, tc.opts)
			golden.Check(t, filepath.Join("testdata", tc.name+".txt"), got)
			width := tc.opts.Width
			if width == 0 {
				width = DefaultWidth
			}
			for i, l := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
				if n := len([]rune(l)); n > width {
					t.Errorf("line %d is %d columns, wider than %d: %q", i+1, n, width, l)
				}
				if strings.Contains(l, "\x1b") {
					t.Errorf("line %d has an escape without Color: %q", i+1, l)
				}
			}
		})
	}
}

func TestDrawColor(t *testing.T) {
	var rows [][]any
	for i, tm := range hourly(4) {
		rows = append(rows, []any{tm, "ACCEPT", int64(10 + i)}, []any{tm, "REJECT", int64(5)})
	}
	cs := cols("t TIMESTAMPTZ", "action VARCHAR", "flows BIGINT")
	plain := draw(t, cs, rows, nil, Options{})
	colored := draw(t, cs, rows, nil, Options{Color: true})
	for _, esc := range []string{"\x1b[36m", "\x1b[31m", "\x1b[0m"} {
		if !strings.Contains(colored, esc) {
			t.Errorf("coloured chart lacks %q:\n%s", esc, colored)
		}
	}
	stripped := regexp.MustCompile("\x1b\\[[0-9]+m").ReplaceAllString(colored, "")
	if stripped != plain {
		t.Errorf("without its escapes the coloured chart differs from the plain one:\n%s\n---\n%s", stripped, plain)
	}
	bars := draw(t, cols("k VARCHAR", "n BIGINT"), [][]any{{"a", int64(3)}}, nil, Options{Color: true})
	if !strings.Contains(bars, "\x1b[36m███") {
		t.Errorf("coloured bars lack the colour escape: %q", bars)
	}
}

func TestDrawCapsBars(t *testing.T) {
	var rows [][]any
	for i := range MaxBars + 7 {
		rows = append(rows, []any{fmt.Sprint("host-", i), int64(1000 - i)})
	}
	got := draw(t, cols("host VARCHAR", "flows BIGINT"), rows, nil, Options{})
	if n := strings.Count(got, "host-"); n != MaxBars {
		t.Errorf("%d bars drawn, want %d", n, MaxBars)
	}
	if !strings.Contains(got, "… 7 more rows not drawn") || !strings.Contains(got, "-o table") {
		t.Errorf("no note of the rows left out:\n%s", got)
	}
}

func TestDrawNarrowDropsMeasures(t *testing.T) {
	cs := cols("talker VARCHAR", "flows BIGINT", "packets BIGINT", "bytes BIGINT", "a BIGINT", "b BIGINT")
	got := draw(t, cs, [][]any{{"10.0.0.1", int64(1), int64(2), int64(3), int64(4), int64(5)}}, nil, Options{Width: 40})
	if !strings.Contains(got, "not drawn, too narrow:") {
		t.Errorf("no note of the measures left out:\n%s", got)
	}
	for i, l := range strings.Split(strings.TrimSpace(got), "\n") {
		if n := len([]rune(l)); n > 40 && !strings.HasPrefix(l, "(not drawn") {
			t.Errorf("line %d is %d columns: %q", i+1, n, l)
		}
	}
}
