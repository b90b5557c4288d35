package queries

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flowduck/flowduck/internal/filter"
)

const rejectedInsights = `# name: rejected-sources
# description: Sources of rejected flows, most rejections first
# requires: action
filter action = "REJECT" # only rejections
| stats count(*) as rejections by srcAddr
| sort rejections desc, srcAddr
| limit 5
`

func TestInsightsReport(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "rejected.insights"), []byte(rejectedInsights), 0o644); err != nil {
		t.Fatal(err)
	}
	reports, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Find(reports, "rejected-sources")
	if err != nil {
		t.Fatal(err)
	}
	if !r.IsInsights() || r.Description != "Sources of rejected flows, most rejections first" || r.SQL != rejectedInsights {
		t.Fatalf("report = %+v", r)
	}
	f := filter.Filter{ENIs: []string{"eni-0a93a228fc03de34e", "eni-0f3da3ed69b463cfe"}}
	out, err := runCSV(t, demoSession.Conn, r, nil, f)
	if err != nil {
		t.Fatal(err)
	}
	got := parseCSV(t, out)
	want := queryCSV(t, `SELECT srcaddr AS "srcAddr", count(*) AS rejections FROM vpc_flow_logs
		WHERE action = 'REJECT' AND interface_id IN ('eni-0a93a228fc03de34e', 'eni-0f3da3ed69b463cfe')
		GROUP BY srcaddr ORDER BY rejections DESC, srcaddr LIMIT 5`)
	if len(want.rows) == 0 {
		t.Fatal("the hand-written SQL finds no rejections: the test tests nothing")
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(result{})); diff != "" {
		t.Errorf("report differs from SQL (-sql +report):\n%s", diff)
	}
}

// queryCSV runs SQL on the demo session and parses its CSV output.
func queryCSV(t *testing.T, query string) result {
	t.Helper()
	r, err := Parse("-- name: hand-written\n"+query, "test", "hand-written")
	if err != nil {
		t.Fatal(err)
	}
	out, err := runCSV(t, demoSession.Conn, r, nil, filter.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return parseCSV(t, out)
}

func TestInsightsReportErrors(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"parameters", "# name: x\n# param: ip ip - \"an address\"\nfilter srcAddr = '1.2.3.4'", "report t.insights:2: a Logs Insights report takes no parameters"},
		{"bad query", "# name: x\nfilter srcAddr = ", "the Logs Insights query after the header: line 1, column 17"},
		{"no query", "# name: x\n# description: nothing\n", "empty query"},
		{"unsupported", "# name: x\npattern @message", "pattern is not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseInsights(tt.text, "t.insights", "t")
			var he *HeaderError
			if !errors.As(err, &he) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ParseInsights = %v, want a *HeaderError containing %q", err, tt.want)
			}
		})
	}
	if _, err := Prepare(Report{Name: "x", insights: true, statement: "stats count(*)"}, map[string]string{"a": "1"}, filter.Filter{}); err == nil {
		t.Error("Prepare accepted a parameter for a report that declares none")
	}
}
