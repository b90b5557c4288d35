package htmlpage

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/flowduck/flowduck/internal/chart"
)

// hostile is text that would be markup, script or a request if it were not
// escaped.
const hostile = `<img src="http://192.0.2.1/x.png" onerror="alert(1)"></td><script>alert(2)</script>`

// samplePage has every kind of chart and hostile text wherever the data
// can put text.
func samplePage() Page {
	t0 := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	xs := []time.Time{t0, t0.Add(time.Hour), t0.Add(2 * time.Hour), t0.Add(3 * time.Hour)}
	return Page{
		Title: "Test " + hostile,
		Facts: []Fact{{Name: "filter", Value: hostile}},
		Sections: []Section{
			{ID: "traffic", Title: "Traffic", Note: hostile,
				Time: []*TimeChart{{Title: "Flows", X: xs, Series: []Series{
					{Name: "accepted", Values: []float64{1, 5, 2, 0}},
					{Name: "rejected" + hostile, Values: []float64{0, 1, 0, 3}},
				}}},
				Queries: []Query{{Label: "traffic", SQL: "SELECT '" + hostile + "' AS x;"}}},
			{ID: "talkers", Title: "Talkers",
				Bars: []*BarChart{{Title: "Bytes", Unit: "bytes", Bars: []Bar{
					{Label: "10.0.0.1", Value: 3 << 30}, {Label: hostile, Value: 12345, Note: hostile},
				}}}},
			{ID: "graph", Title: "Conversations", Graph: &Graph{
				Nodes: []Node{{Label: "10.0.0.1", Private: true}, {Label: "203.0.113.7"}, {Label: hostile, Private: true}},
				Edges: []Edge{{From: 0, To: 1, Bytes: 1000, Flows: 3}, {From: 1, To: 2, Bytes: 10, Flows: 1}, {From: 2, To: 0, Bytes: 500, Flows: 2}},
			}},
			{ID: "findings", Title: "Findings", Table: &Table{
				Columns: []Column{{Name: "severity"}, {Name: "evidence"}, {Name: "flows", Kind: Number}},
				Rows:    [][]Cell{{{Text: "high", Class: "sev-high"}, {Text: hostile, Class: "evidence"}, {Text: "7", Num: 7}}},
			}},
			{ID: "empty", Title: "Nothing", Empty: "No rows."},
		},
	}
}

func TestWriteEscapes(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, samplePage()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, "<script>alert") || strings.Contains(out, `<img src="http://192.0.2.1`) {
		t.Errorf("hostile text written as markup:\n%s", out)
	}
	if n := strings.Count(out, "<script>"); n != 1 {
		t.Errorf("%d <script> elements, want the page's one", n)
	}
	for _, want := range []string{
		`content="` + "default-src &#39;none&#39;",
		`&lt;script&gt;alert(2)&lt;/script&gt;`,
		`<details class="sql"><summary>SQL: traffic</summary>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestTimeViewPoints(t *testing.T) {
	p := samplePage()
	v := p.Sections[0].Time[0].view()
	if len(v.Series) != 2 {
		t.Fatalf("%d series, want 2", len(v.Series))
	}
	for _, s := range v.Series {
		if len(s.Points) != 4 {
			t.Errorf("series %s: %d points, want 4", s.Name, len(s.Points))
		}
		if !strings.HasPrefix(s.Line, "M") || strings.Count(s.Line, "L") != 3 {
			t.Errorf("series %s: line %q, want M and 3 L", s.Name, s.Line)
		}
	}
	if v.Series[0].Color != AcceptedColor || v.Series[1].Color == AcceptedColor {
		t.Errorf("colours %s, %s: accepted blue, the other not", v.Series[0].Color, v.Series[1].Color)
	}
}

func TestTimeViewGaps(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	c := &TimeChart{X: []time.Time{t0, t0.Add(time.Hour), t0.Add(2 * time.Hour), t0.Add(3 * time.Hour)},
		Series: []Series{{Name: "flows", Values: []float64{1, math.NaN(), 2, 3}}}}
	s := c.view().Series[0]
	if len(s.Points) != 3 || strings.Count(s.Line, "M") != 2 || strings.Count(s.Area, "Z") != 2 {
		t.Errorf("points %d, line %q, area %q: want 3 points in two runs", len(s.Points), s.Line, s.Area)
	}
}

func TestNiceCeil(t *testing.T) {
	for _, c := range []struct{ in, want float64 }{
		{0, 1}, {1, 1}, {7, 10}, {11, 20}, {2100, 2500}, {4.2e9, 5e9}, {-3, 1},
	} {
		if got := niceCeil(c.in); got != c.want {
			t.Errorf("niceCeil(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestCharts(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name               string
		cols               []chart.Column
		rows               [][]any
		times, bars, lines int
	}{
		{"time and numbers: a chart per unit",
			[]chart.Column{{Name: "t", Type: "TIMESTAMP"}, {Name: "flows", Type: "BIGINT"}, {Name: "packets", Type: "BIGINT"}, {Name: "bytes", Type: "BIGINT"}},
			[][]any{{t0, int64(1), int64(5), int64(10)}, {t0.Add(time.Hour), int64(2), int64(6), int64(20)}}, 2, 0, 2},
		{"long form: a line per value",
			[]chart.Column{{Name: "t", Type: "TIMESTAMP"}, {Name: "action", Type: "VARCHAR"}, {Name: "flows", Type: "BIGINT"}},
			[][]any{{t0, "ACCEPT", int64(1)}, {t0, "REJECT", int64(2)}, {t0.Add(time.Hour), "ACCEPT", int64(3)}}, 1, 0, 2},
		{"label and numbers: bars per measure",
			[]chart.Column{{Name: "addr", Type: "VARCHAR"}, {Name: "flows", Type: "BIGINT"}, {Name: "bytes", Type: "BIGINT"}},
			[][]any{{"10.0.0.1", int64(5), int64(50)}, {"10.0.0.2", int64(1), int64(9)}}, 0, 2, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			shape, err := chart.Classify(tc.cols)
			if err != nil {
				t.Fatal(err)
			}
			d, err := chart.Build(shape, tc.cols, tc.rows, nil)
			if err != nil {
				t.Fatal(err)
			}
			times, bars := Charts(d)
			if len(times) != tc.times || len(bars) != tc.bars {
				t.Fatalf("%d time charts and %d bar charts, want %d and %d", len(times), len(bars), tc.times, tc.bars)
			}
			if tc.times > 0 && len(times[0].Series) != tc.lines {
				t.Errorf("%d lines in the first chart, want %d", len(times[0].Series), tc.lines)
			}
			for _, b := range bars {
				if len(b.Bars) != len(tc.rows) {
					t.Errorf("%s: %d bars for %d rows", b.Title, len(b.Bars), len(tc.rows))
				}
			}
		})
	}
	if times, bars := Charts(nil); times != nil || bars != nil {
		t.Error("charts for no data")
	}
}
