package queries

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"testing"

	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/render"
)

// result is a report's output parsed back from CSV.
type result struct {
	header []string
	rows   [][]string
}

// col returns column name of every row.
func (r result) col(t *testing.T, name string) []string {
	t.Helper()
	for i, h := range r.header {
		if h == name {
			out := make([]string, len(r.rows))
			for j, row := range r.rows {
				out[j] = row[i]
			}
			return out
		}
	}
	t.Fatalf("no column %q in %v", name, r.header)
	return nil
}

// get returns column name of row i.
func (r result) get(t *testing.T, i int, name string) string {
	t.Helper()
	if i >= len(r.rows) {
		t.Fatalf("row %d of %d", i, len(r.rows))
	}
	return r.col(t, name)[i]
}

// mustReport returns the built-in report called name.
func mustReport(t *testing.T, name string) Report {
	t.Helper()
	r, err := Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// runCSV runs r on conn and returns its CSV output.
func runCSV(t *testing.T, conn *sql.Conn, r Report, params map[string]string, f filter.Filter) (string, error) {
	t.Helper()
	var buf bytes.Buffer
	c, err := Prepare(r, params, f)
	if err != nil {
		return "", err
	}
	err = Run(context.Background(), conn, c, &buf, render.Options{Format: render.CSV})
	return buf.String(), err
}

// runDemo runs the built-in report name on the demo data and parses its
// output.
func runDemo(t *testing.T, name string, params map[string]string, f filter.Filter) result {
	t.Helper()
	out, err := runCSV(t, demoSession.Conn, mustReport(t, name), params, f)
	if err != nil {
		t.Fatalf("run %s: %v", name, err)
	}
	return parseCSV(t, out)
}

func parseCSV(t *testing.T, text string) result {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewBufferString(text)).ReadAll()
	if err != nil {
		t.Fatalf("parse output: %v\n%s", err, text)
	}
	if len(recs) == 0 {
		t.Fatalf("no output")
	}
	return result{header: recs[0], rows: recs[1:]}
}

// count runs one scalar query on the demo session.
func count(t *testing.T, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := demoSession.Conn.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}
