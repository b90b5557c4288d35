package queries

import (
	"slices"
	"testing"

	"github.com/flowduck/flowduck/internal/filter"
)

// TestDetectionsAgreeWithTheirHeaders: every built-in detection's result
// has the finding columns, and its rows name the detection, its technique
// and a known severity not below the header's.
func TestDetectionsAgreeWithTheirHeaders(t *testing.T) {
	reports, err := Builtins()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range reports {
		if !r.IsDetection() || r.Detection.Needs != "" || len(r.Requires) > 0 && testing.Short() {
			continue
		}
		n++
		t.Run(r.Name, func(t *testing.T) {
			res := runDemo(t, r.Name, nil, filter.Filter{})
			for _, c := range FindingColumns {
				if !slices.Contains(res.header, c) {
					t.Fatalf("no column %s in %v", c, res.header)
				}
			}
			if len(res.rows) == 0 {
				t.Fatalf("finds nothing in the demo data")
			}
			for i := range res.rows {
				if got := res.get(t, i, "detection"); got != r.Name {
					t.Errorf("row %d: detection %q", i, got)
				}
				if got := res.get(t, i, "mitre"); got != r.Detection.MITRE {
					t.Errorf("row %d: mitre %q, header %q", i, got, r.Detection.MITRE)
				}
				if got := res.get(t, i, "severity"); SeverityRank(got) < SeverityRank(r.Detection.Severity) {
					t.Errorf("row %d: severity %q, below the header's %s", i, got, r.Detection.Severity)
				}
				if res.get(t, i, "subject") == "" || res.get(t, i, "evidence") == "" {
					t.Errorf("row %d: no subject or evidence", i)
				}
			}
		})
	}
	if n < 10 {
		t.Errorf("%d built-in detections, want at least 10", n)
	}
}
