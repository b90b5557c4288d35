package render

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// TestHTML renders values as a page: a table row per row (NULL as the
// null text), values escaped, the chart the shape allows, and the title and
// SQL of the options. The pages themselves are tested in a browser by
// package htmlpage.
func TestHTML(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		cols  []string
		data  [][]any
		chart string
	}{
		{"time series", []string{"bucket", "flows", "bytes"},
			[][]any{{t0, int64(3), int64(300)}, {t0.Add(time.Hour), int64(5), nil}}, `data-chart="time"`},
		{"bars", []string{"talker", "bytes"},
			[][]any{{"10.0.0.1", int64(3 << 30)}, {"<b>x</b>", int64(1)}}, `data-chart="bars"`},
		{"no chart", []string{"a", "b"}, [][]any{{"x", "y"}}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			n, err := Values(ctx, &out, tc.cols, tc.data, Options{Format: HTML, Title: "top <talkers>", SQL: "SELECT '<x>'"})
			if err != nil {
				t.Fatal(err)
			}
			if n != int64(len(tc.data)) {
				t.Errorf("rows = %d, want %d", n, len(tc.data))
			}
			page := out.String()
			if got := strings.Count(page, "<tr><td"); got != len(tc.data) {
				t.Errorf("%d table rows, want %d", got, len(tc.data))
			}
			for _, want := range []string{"<title>top &lt;talkers&gt;</title>", "SELECT &#39;&lt;x&gt;&#39;", "<!DOCTYPE html>"} {
				if !strings.Contains(page, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			if strings.Contains(page, "<b>x</b>") {
				t.Error("a value was written as markup")
			}
			if tc.chart != "" && !strings.Contains(page, tc.chart) {
				t.Errorf("page lacks %s", tc.chart)
			}
			if tc.chart == "" && (strings.Contains(page, "data-chart=") || !strings.Contains(page, "No chart: its last column")) {
				t.Error("a chart for a shape that has none, or no note saying why")
			}
		})
	}
}
