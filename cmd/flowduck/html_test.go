package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/flowduck/flowduck/internal/browsertest"
	"github.com/flowduck/flowduck/internal/demo"
	"github.com/flowduck/flowduck/internal/iostreams"
)

// readmeShotHeight is the height of docs/html-report.png: the top of the
// report (what was loaded, the first findings, the traffic charts), small
// enough for the repository.
const readmeShotHeight = 2000

// maxReportSize is the most a report of the demo data may weigh.
const maxReportSize = 3 << 20

// chart is what internal/htmlpage/testdata/charts.js reads of one chart.
type chart struct {
	Kind, Section string
	Width, Height float64
	Series        []struct {
		Name             string
		Declared, Points int
		Length           float64
	}
	Bars []struct {
		Width float64
		Label string
	}
	Edges []float64
	Nodes []struct{ Scope, Label string }
}

// flowduckOK runs flowduck in-process and returns its standard output,
// failing the test on a non-zero exit.
func flowduckOK(t *testing.T, args ...string) string {
	t.Helper()
	streams, stdout, stderr := iostreams.Test("")
	if code := run(context.Background(), args, streams, func(string) string { return "" }); code != exitOK {
		t.Fatalf("flowduck %s: exit %d: %s", strings.Join(args, " "), code, stderr)
	}
	return stdout.String()
}

// csvRows counts the data rows of csv output.
func csvRows(t *testing.T, out string) int {
	t.Helper()
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("read csv: %v\n%s", err, out)
	}
	return len(records) - 1
}

// demoRecords is the size of the demo data set the browser tests load: a
// quarter of the default (every scenario is planted all the same), to keep
// the test within seconds. The default set makes a 118 KiB report.
const demoRecords = 50_000

// demoDatabase generates the demo data set and loads it.
func demoDatabase(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if _, err := demo.Generate(context.Background(), data, demo.Options{Records: demoRecords}); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "demo.duckdb")
	flowduckOK(t, "--db", db, "load", data)
	return db
}

// openPage opens a file in the browser and reads its charts.
func openPage(t *testing.T, b *browsertest.Browser, path string) (*browsertest.Page, []chart) {
	t.Helper()
	js, err := os.ReadFile(filepath.Join("..", "..", "internal", "htmlpage", "testdata", "charts.js"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := b.Open("file://" + path)
	if err != nil {
		t.Fatal(err)
	}
	var charts []chart
	if err := p.Eval(string(js), &charts); err != nil {
		t.Fatal(err)
	}
	return p, charts
}

// quiet fails the test when the page logged an error or warning or tried
// the network.
func quiet(t *testing.T, p *browsertest.Page) {
	t.Helper()
	if got := p.Problems(); len(got) > 0 {
		t.Errorf("console errors or warnings: %q", got)
	}
	if got := p.Requests(); len(got) > 0 {
		t.Errorf("network requests attempted: %q", got)
	}
}

// artefact is where a test keeps a screenshot: $FLOWDUCK_ARTIFACTS when
// set, else the test's temporary directory (never the repository).
func artefact(t *testing.T, name string) string {
	if dir := os.Getenv("FLOWDUCK_ARTIFACTS"); dir != "" {
		return filepath.Join(dir, name)
	}
	return filepath.Join(t.TempDir(), name)
}

// TestHTMLReportInBrowser makes the report of the demo data with
// `flowduck html`, opens it in headless Chromium and checks from the
// rendered DOM that every section is there and every chart drew, that each
// chart has one mark per row of the SQL shown under it (run again through
// `flowduck sql`), that every SQL shown runs, and that the page logged no
// error and tried no network request. FLOWDUCK_README_SCREENSHOT=1 also
// writes docs/html-report.png.
func TestHTMLReportInBrowser(t *testing.T) {
	b := browsertest.Start(t)
	db := demoDatabase(t)
	report := filepath.Join(t.TempDir(), "r.html")
	flowduckOK(t, "--db", db, "html", "-o", report, "--title", "Demo data & <planted> incidents")
	info, err := os.Stat(report)
	if err != nil {
		t.Fatal(err)
	}
	if info.Size() > maxReportSize {
		t.Errorf("report is %d bytes, want at most %d", info.Size(), maxReportSize)
	}
	p, charts := openPage(t, b, report)
	defer quiet(t, p)

	var sections []string
	if err := p.Eval(`Array.from(document.querySelectorAll("section")).map(s => s.id)`, &sections); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"loaded", "findings", "traffic", "talkers", "ports", "rejected", "conversations"} {
		if !slices.Contains(sections, want) {
			t.Errorf("sections %q: %s is missing", sections, want)
		}
	}
	var title string
	if err := p.Eval(`document.querySelector("h1").textContent`, &title); err != nil {
		t.Fatal(err)
	}
	if title != "Demo data & <planted> incidents" {
		t.Errorf("title %q", title)
	}

	// The SQL under each section, as the page shows it, run again.
	var queries []struct{ Section, Label, SQL string }
	if err := p.Eval(`Array.from(document.querySelectorAll("details.sql")).map(d => ({section: d.closest("section").id, label: d.querySelector("summary").textContent, sql: d.querySelector("pre").textContent}))`, &queries); err != nil {
		t.Fatal(err)
	}
	rows := map[string]int{}
	detections := 0
	for _, q := range queries {
		if q.Section == "findings" {
			// a detection is a saved report: its SQL is the report's, run
			// by flowduck detect with the report's parameters bound
			detections++
			name := strings.Fields(strings.TrimPrefix(q.Label, "SQL: detection "))[0]
			if want := flowduckOK(t, "run", name, "--show-sql"); q.SQL != want {
				t.Errorf("findings: the SQL shown for %s is not the report's", name)
			}
			continue
		}
		rows[q.Section] = csvRows(t, flowduckOK(t, "--db", db, "sql", "-o", "csv", q.SQL))
	}
	if detections < 10 {
		t.Errorf("findings: the SQL of %d detections shown, want every detection that ran", detections)
	}
	var findings []struct{ Severity, Class, Detection string }
	if err := p.Eval(`Array.from(document.querySelectorAll("#findings tbody tr")).map(tr => ({severity: tr.cells[0].textContent, class: tr.cells[0].className, detection: tr.cells[1].textContent}))`, &findings); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range findings {
		seen[f.Detection] = true
		if f.Class != "sev-"+f.Severity {
			t.Errorf("finding %s: severity %q coloured by class %q", f.Detection, f.Severity, f.Class)
		}
	}
	for _, want := range []string{"port-scan", "brute-force", "large-egress"} {
		if !seen[want] {
			t.Errorf("findings %v: the demo's planted %s is missing", seen, want)
		}
	}
	if len(queries) < len(sections) {
		t.Errorf("%d SQL statements shown for %d sections", len(queries), len(sections))
	}

	kinds := map[string]int{}
	for _, c := range charts {
		kinds[c.Kind]++
		if c.Width < 300 || c.Height < 20 {
			t.Errorf("%s chart of %s drawn %vx%v", c.Kind, c.Section, c.Width, c.Height)
		}
		switch c.Kind {
		case "time":
			if rows[c.Section] < 24 {
				t.Errorf("%s: %d rows of SQL, want a day of buckets or more", c.Section, rows[c.Section])
			}
			for _, s := range c.Series {
				if s.Points != rows[c.Section] || s.Declared != s.Points || s.Length <= 0 {
					t.Errorf("%s, series %s: %d points (%d declared, line %v long), want one per row of its SQL: %d",
						c.Section, s.Name, s.Points, s.Declared, s.Length, rows[c.Section])
				}
			}
		case "bars":
			if len(c.Bars) != rows[c.Section] || len(c.Bars) == 0 {
				t.Errorf("%s: %d bars for %d rows of its SQL", c.Section, len(c.Bars), rows[c.Section])
			}
			for _, bar := range c.Bars {
				if bar.Width < 1 {
					t.Errorf("%s: bar %q of width %v", c.Section, bar.Label, bar.Width)
				}
			}
		case "graph":
			if len(c.Edges) != rows[c.Section] || len(c.Edges) == 0 {
				t.Errorf("%s: %d edges for %d rows of its SQL", c.Section, len(c.Edges), rows[c.Section])
			}
			scopes := map[string]int{}
			for _, n := range c.Nodes {
				scopes[n.Scope]++
			}
			if scopes["private"] == 0 || scopes["public"] == 0 {
				t.Errorf("graph nodes by scope %v: the demo has private and public talkers", scopes)
			}
		}
	}
	if kinds["time"] != 2 || kinds["bars"] != 3 || kinds["graph"] != 1 {
		t.Errorf("charts drawn %v, want 2 time charts, 3 bar charts and a graph", kinds)
	}

	if err := p.Screenshot(artefact(t, "html-report.png"), 1100, 0); err != nil {
		t.Error(err)
	}
	if os.Getenv("FLOWDUCK_README_SCREENSHOT") == "1" {
		if err := p.Screenshot(filepath.Join("..", "..", "docs", "html-report.png"), 1100, readmeShotHeight); err != nil {
			t.Error(err)
		}
	}

	t.Run("run -o html", func(t *testing.T) {
		for _, tc := range []struct{ report, kind string }{
			{"traffic-over-time", "time"},
			{"top-talkers", "bars"},
		} {
			page := filepath.Join(t.TempDir(), tc.report+".html")
			if err := os.WriteFile(page, []byte(flowduckOK(t, "--db", db, "run", tc.report, "-o", "html")), 0o644); err != nil {
				t.Fatal(err)
			}
			want := csvRows(t, flowduckOK(t, "--db", db, "run", tc.report, "-o", "csv"))
			p, charts := openPage(t, b, page)
			var tableRows int
			if err := p.Eval(`document.querySelectorAll("tbody tr").length`, &tableRows); err != nil {
				t.Fatal(err)
			}
			if tableRows != want {
				t.Errorf("%s: %d table rows, want %d", tc.report, tableRows, want)
			}
			if len(charts) == 0 {
				t.Fatalf("%s: no chart drawn", tc.report)
			}
			for _, c := range charts {
				if c.Kind != tc.kind {
					t.Errorf("%s: a %s chart, want %s", tc.report, c.Kind, tc.kind)
				}
				for _, s := range c.Series {
					if s.Points != want {
						t.Errorf("%s, series %s: %d points for %d rows", tc.report, s.Name, s.Points, want)
					}
				}
				if c.Kind == "bars" && len(c.Bars) != want {
					t.Errorf("%s: %d bars for %d rows", tc.report, len(c.Bars), want)
				}
			}
			quiet(t, p)
		}
	})
}
