package chart

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// cols builds columns from "name TYPE" pairs.
func cols(specs ...string) []Column {
	out := make([]Column, len(specs))
	for i, s := range specs {
		name, typ, _ := strings.Cut(s, " ")
		out[i] = Column{Name: name, Type: typ}
	}
	return out
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name     string
		cols     []Column
		kind     Kind
		labels   []int
		pivot    []int
		measures []int
	}{
		{name: "traffic over time", kind: TimeSeries, measures: []int{1, 2, 3, 4, 5, 6},
			cols: cols("bucket_start TIMESTAMPTZ", "flows BIGINT", "accepted BIGINT", "rejected BIGINT", "packets HUGEINT", "bytes HUGEINT", "rejected_bytes HUGEINT")},
		{name: "naive timestamp", kind: TimeSeries, measures: []int{1},
			cols: cols("t TIMESTAMP", "n BIGINT")},
		{name: "timestamp with time zone spelled out", kind: TimeSeries, measures: []int{1},
			cols: cols("t TIMESTAMP WITH TIME ZONE", "n BIGINT")},
		{name: "date", kind: TimeSeries, measures: []int{1, 2},
			cols: cols("day DATE", "bytes DOUBLE", "avg DECIMAL(18,3)")},
		{name: "seconds precision", kind: TimeSeries, measures: []int{1},
			cols: cols("t TIMESTAMP_S", "n INTEGER")},
		{name: "long form by action", kind: TimeSeries, pivot: []int{1}, measures: []int{2},
			cols: cols("bin(5m) TIMESTAMPTZ", "action VARCHAR", "count(*) BIGINT")},
		{name: "pivot after the measures", kind: TimeSeries, pivot: []int{3}, measures: []int{1, 2},
			cols: cols("hour TIMESTAMPTZ", "flows BIGINT", "bytes HUGEINT", "action VARCHAR")},
		{name: "two pivot columns", kind: TimeSeries, pivot: []int{1, 2}, measures: []int{3},
			cols: cols("hour TIMESTAMPTZ", "action VARCHAR", "proto ENUM", "flows BIGINT")},
		{name: "boolean pivot", kind: TimeSeries, pivot: []int{1}, measures: []int{2},
			cols: cols("hour TIMESTAMPTZ", "is_private BOOLEAN", "flows BIGINT")},
		{name: "top talkers", kind: Bars, labels: []int{0}, measures: []int{1, 2, 3},
			cols: cols("talker VARCHAR", "flows BIGINT", "packets HUGEINT", "bytes HUGEINT")},
		{name: "port and count, all numbers", kind: Bars, labels: []int{0}, measures: []int{1},
			cols: cols("dstport INTEGER", "count_star() BIGINT")},
		{name: "two labels", kind: Bars, labels: []int{0, 1}, measures: []int{2},
			cols: cols("srcaddr VARCHAR", "dstaddr VARCHAR", "bytes HUGEINT")},
		{name: "numeric label before a text label", kind: Bars, labels: []int{0, 1}, measures: []int{2, 3},
			cols: cols("dstport INTEGER", "service VARCHAR", "flows BIGINT", "bytes UBIGINT")},
		{name: "time after a label", kind: Bars, labels: []int{0, 1}, measures: []int{2},
			cols: cols("srcaddr VARCHAR", "first_seen TIMESTAMPTZ", "flows BIGINT")},
		{name: "uuid label", kind: Bars, labels: []int{0}, measures: []int{1},
			cols: cols("id UUID", "n FLOAT")},
		{name: "top ports: protocol and port label", kind: Bars, labels: []int{0, 1}, measures: []int{2, 3, 4},
			cols: cols("protocol VARCHAR", "dstport INTEGER", "flows BIGINT", "clients BIGINT", "servers BIGINT")},
		{name: "numeric protocol and port label", kind: Bars, labels: []int{0, 1}, measures: []int{2},
			cols: cols("protocol INTEGER", "dstport INTEGER", "bytes HUGEINT")},
		{name: "two ports: the last is the amount", kind: Bars, labels: []int{0}, measures: []int{1},
			cols: cols("srcport INTEGER", "dstport INTEGER")},
		{name: "a port after the amounts is an amount", kind: Bars, labels: []int{0}, measures: []int{1, 2, 3},
			cols: cols("talker VARCHAR", "flows BIGINT", "dstport INTEGER", "bytes HUGEINT")},
		{name: "count of distinct ports is an amount", kind: Bars, labels: []int{0}, measures: []int{1},
			cols: []Column{{Name: "srcaddr", Type: "VARCHAR"}, {Name: "count(DISTINCT dstport)", Type: "BIGINT"}}},
		{name: "series per port", kind: TimeSeries, pivot: []int{1}, measures: []int{2},
			cols: cols("bin(5m) TIMESTAMPTZ", "dstport INTEGER", "count(*) BIGINT")},
		{name: "a port over time", kind: TimeSeries, measures: []int{1},
			cols: cols("t TIMESTAMP", "dstport INTEGER")},
		{name: "account_id names the series", kind: TimeSeries, pivot: []int{1, 2}, measures: []int{3},
			cols: cols("day DATE", "account_id BIGINT", "action VARCHAR", "bytes BIGINT")},
		{name: "lower-case type names", kind: Bars, labels: []int{0}, measures: []int{1},
			cols: cols("a varchar", "n bigint")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Classify(tc.cols)
			if err != nil {
				t.Fatalf("Classify: %v", err)
			}
			if s.Kind != tc.kind {
				t.Errorf("Kind = %v, want %v", s.Kind, tc.kind)
			}
			wantTime := -1
			if tc.kind == TimeSeries {
				wantTime = 0
			}
			if s.Time != wantTime {
				t.Errorf("Time = %d, want %d", s.Time, wantTime)
			}
			if !slices.Equal(s.Labels, tc.labels) || !slices.Equal(s.Pivot, tc.pivot) || !slices.Equal(s.Measures, tc.measures) {
				t.Errorf("Labels, Pivot, Measures = %v, %v, %v; want %v, %v, %v",
					s.Labels, s.Pivot, s.Measures, tc.labels, tc.pivot, tc.measures)
			}
		})
	}
}

func TestClassifyUnchartable(t *testing.T) {
	tests := []struct {
		name   string
		cols   []Column
		reason string
	}{
		{name: "no columns", cols: nil, reason: "it has no columns"},
		{name: "one number", cols: cols("count_star() BIGINT"), reason: "it has one column"},
		{name: "only text", cols: cols("srcaddr VARCHAR", "dstaddr VARCHAR"), reason: `its last column "dstaddr" is not a number`},
		{name: "text after the numbers", cols: cols("srcaddr VARCHAR", "bytes HUGEINT", "note VARCHAR"), reason: `its last column "note" is not a number`},
		{name: "time with only text", cols: cols("t TIMESTAMPTZ", "action VARCHAR"), reason: `no column after the time column "t" is a number`},
		{name: "two times", cols: cols("first TIMESTAMPTZ", "last TIMESTAMPTZ", "n BIGINT"), reason: `column "last" is a second time column after "first"`},
		{name: "a list", cols: cols("ports INTEGER[]", "n BIGINT"), reason: `column "ports" has type INTEGER[]`},
		{name: "a struct", cols: cols("a VARCHAR", "s STRUCT(x INTEGER)", "n BIGINT"), reason: `column "s" has type STRUCT(x INTEGER)`},
		{name: "a map", cols: cols("m MAP(VARCHAR, INTEGER)", "n BIGINT"), reason: `column "m" has type MAP(VARCHAR, INTEGER)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Classify(tc.cols)
			var u *UnchartableError
			if !errors.As(err, &u) {
				t.Fatalf("Classify = %+v, %v; want an *UnchartableError", s, err)
			}
			msg := err.Error()
			for _, want := range []string{tc.reason, "a time column then numeric columns", "label columns then numeric columns", "use -o table for this result"} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q lacks %q", msg, want)
				}
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error %q is not one line", msg)
			}
		})
	}
}
