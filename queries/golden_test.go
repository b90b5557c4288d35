package queries

import (
	"path/filepath"
	"testing"

	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/golden"
)

// goldenParams are the parameters each golden run uses: the required ones
// point at a planted scenario of the demo data.
var goldenParams = map[string]map[string]string{
	"conversation": {"a": "10.20.10.10", "b": "10.20.20.10"},
	"ip-activity":  {"ip": "198.51.100.0/24"},
}

// setupGolden prepares the demo session for the reports that read more
// than the flow logs, until the test ends: ioc-match reads the indicator
// table flowduck detect --ioc fills, here the port scanner's network and the
// beacon's address.
func setupGolden(t *testing.T) {
	dbtest.Exec(t, demoSession.Conn, "CREATE TEMP TABLE "+IOCTable+` AS SELECT * FROM (VALUES
		('203.0.113.48/28', 'scanner network', athena_ip_key('203.0.113.48'), athena_ip_key('203.0.113.63')),
		('203.0.113.66', NULL, athena_ip_key('203.0.113.66'), athena_ip_key('203.0.113.66'))
	) AS t(indicator, label, lo, hi)`)
	t.Cleanup(func() { dbtest.Exec(t, demoSession.Conn, "DROP TABLE temp."+IOCTable) })
}

// TestGolden runs every built-in report on the demo data with its default
// parameters and compares the CSV output with testdata/golden/NAME.txt.
func TestGolden(t *testing.T) {
	if testing.Short() {
		t.Skip("the golden outputs are made on the default demo data set, not loaded with -short")
	}
	reports, err := Builtins()
	if err != nil {
		t.Fatal(err)
	}
	setupGolden(t)
	for _, r := range reports {
		t.Run(r.Name, func(t *testing.T) {
			got, err := runCSV(t, demoSession.Conn, r, goldenParams[r.Name], filter.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "golden", r.Name+".txt"), got)
			if len(parseCSV(t, got).rows) == 0 {
				t.Errorf("%s finds nothing in the demo data", r.Name)
			}
		})
	}
}
