package queries

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/store"
)

// withLegacyView makes vpc_flow_logs of the demo database the legacy layout
// (as `flowduck view vpc_flow_logs --layout legacy` does) until the test
// ends, then gives it back its current layout.
func withLegacyView(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	if err := store.CreateView(ctx, demoSession.Conn, store.DefaultView, "legacy"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := store.CreateView(ctx, demoSession.Conn, store.DefaultView, "current"); err != nil {
			t.Errorf("restore %s: %v", store.DefaultView, err)
		}
	})
}

// TestReportsIgnoreTheUserLayout: with vpc_flow_logs made the legacy layout,
// every report still runs, filtered or not, and gives the output it gives on
// the current layout (with -short, a third of them are compared); the user's
// SQL keeps seeing the user's view.
func TestReportsIgnoreTheUserLayout(t *testing.T) {
	reports, err := Builtins()
	if err != nil {
		t.Fatal(err)
	}
	filters := []struct {
		name string
		f    filter.Filter
	}{
		{"unfiltered", filter.Filter{}},
		{"action=REJECT", filter.Filter{Action: "REJECT"}},
	}
	// Under -short each report runs with one of the filters, in turn, so
	// every report and every filter still runs on the legacy layout, at half
	// the cost; the full run tries each report with each filter.
	runs := func(i int) []int {
		if testing.Short() {
			return []int{i % len(filters)}
		}
		all := make([]int, len(filters))
		for k := range all {
			all[k] = k
		}
		return all
	}
	// Under -short a third of the reports are compared with their output on
	// the current layout (the mechanism is the same for all: each report reads
	// flowduck's own view); the others must still run on the legacy layout.
	compared := func(i int) bool { return !testing.Short() || i%3 == 0 }
	setupGolden(t)
	before := map[string]string{}
	for i, r := range reports {
		if !compared(i) {
			continue
		}
		for _, k := range runs(i) {
			f := filters[k]
			out, err := runCSV(t, demoSession.Conn, r, goldenParams[r.Name], f.f)
			if err != nil {
				t.Fatalf("%s on the current layout: %v", r.Name, err)
			}
			before[r.Name+"/"+f.name] = out
		}
	}

	withLegacyView(t)
	for i, r := range reports {
		for _, k := range runs(i) {
			f := filters[k]
			name := r.Name + "/" + f.name
			t.Run(name, func(t *testing.T) {
				got, err := runCSV(t, demoSession.Conn, r, goldenParams[r.Name], f.f)
				if err != nil {
					t.Fatalf("on the legacy layout: %v", err)
				}
				if !compared(i) {
					return
				}
				if diff := cmp.Diff(before[name], got); diff != "" {
					t.Errorf("output on the legacy layout differs (-current +legacy):\n%s", diff)
				}
			})
		}
	}
	if n := count(t, "SELECT count(sourceaddress) FROM vpc_flow_logs"); n == 0 {
		t.Errorf("the user's legacy view has no sourceaddress after the reports")
	}
	if n := count(t, `SELECT count(*) FROM duckdb_views() WHERE temporary AND NOT internal`); n != 0 {
		t.Errorf("%d temporary views left after the reports", n)
	}
}

// TestReportScopeIsDropped: the temporary vpc_flow_logs a report reads is
// gone after a report that fails, and a user's own temporary vpc_flow_logs
// is neither replaced nor dropped.
func TestReportScopeIsDropped(t *testing.T) {
	ctx := context.Background()
	withLegacyView(t)

	broken, err := Parse("-- name: broken\nSELECT no_such_column FROM vpc_flow_logs", "test", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := runCSV(t, demoSession.Conn, broken, nil, filter.Filter{ENIs: []string{"eni-1"}}); err == nil {
		t.Fatal("a report reading a column that does not exist ran")
	}
	if n := count(t, "SELECT count(sourceaddress) FROM vpc_flow_logs"); n == 0 {
		t.Errorf("vpc_flow_logs is not the user's legacy view after a failed report")
	}

	if _, err := demoSession.Conn.ExecContext(ctx, "CREATE TEMP VIEW vpc_flow_logs AS SELECT 42 AS mine"); err != nil {
		t.Fatal(err)
	}
	defer demoSession.Conn.ExecContext(ctx, "DROP VIEW IF EXISTS temp.vpc_flow_logs")
	_, err = runCSV(t, demoSession.Conn, mustReport(t, "top-ports"), nil, filter.Filter{})
	if err == nil || !strings.Contains(err.Error(), "temporary vpc_flow_logs") {
		t.Errorf("err = %v, want one naming the session's temporary vpc_flow_logs", err)
	}
	if n := count(t, "SELECT mine FROM vpc_flow_logs"); n != 42 {
		t.Errorf("the user's temporary view gives %d, want 42", n)
	}
}
