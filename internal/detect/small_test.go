package detect

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/loadtest"
	"github.com/flowduck/flowduck/internal/render"
)

// smallLog is version 2 traffic (no tcp-flags): an accepted connection to a
// mining pool's port, an IPv6 exchange with a documentation address, and an
// ordinary HTTPS call.
const smallLog = `version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status
2 123456789012 eni-0aaaaaaaaaaaaaaa1 10.0.1.5 198.51.100.20 50100 443 6 10 5000 1772445600 1772445660 ACCEPT OK
2 123456789012 eni-0aaaaaaaaaaaaaaa1 198.51.100.20 10.0.1.5 443 50100 6 12 90000 1772445600 1772445660 ACCEPT OK
2 123456789012 eni-0aaaaaaaaaaaaaaa1 10.0.1.7 192.0.2.33 50200 4444 6 30 4000 1772445600 1772445660 ACCEPT OK
2 123456789012 eni-0aaaaaaaaaaaaaaa1 192.0.2.33 10.0.1.7 4444 50200 6 30 6000 1772445600 1772445660 ACCEPT OK
2 123456789012 eni-0aaaaaaaaaaaaaaa1 2600:1f18:1:2::10 2001:db8:1::5 50300 443 6 8 3000 1772445700 1772445760 ACCEPT OK
2 123456789012 eni-0aaaaaaaaaaaaaaa1 2001:db8:1::5 2600:1f18:1:2::10 443 50300 6 9 7000 1772445700 1772445760 ACCEPT OK
`

// openSmall loads smallLog into a new in-memory database.
func openSmall(t *testing.T) *duck.Session {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "flows.log"), []byte(smallLog), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := loadtest.Open(context.Background(), ":memory:", dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestDetectSmall: on version 2 data the detections needing tcp-flags are
// skipped with the version that brings it, the mining connection and the
// IPv6 indicator are found, and -o json renders the finding columns.
func TestDetectSmall(t *testing.T) {
	s := openSmall(t)
	temps := tempTables(t, s)
	ioc := writeFile(t, "ioc.txt", "# a v6 feed\n2001:db8::/32\n\n203.0.113.9 # nothing\n")
	opts := Options{IOCFile: ioc}
	if testing.Short() {
		// Every detection costs a fixed ~0.1 s to plan even on six records.
		opts.Only = []string{"crypto-mining", "ioc-match", "tcp-half-open"}
	}
	res, err := Run(context.Background(), s.Conn, opts)
	if err != nil {
		t.Fatal(err)
	}
	got := findings(res)
	want := []finding{
		{"crypto-mining", "10.0.1.7 -> 192.0.2.33:4444", "high"},
		{"ioc-match", "2001:db8:1::5", "high"},
	}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("findings %v, want %v", got, want)
	}
	if len(res.Skipped) != 1 || res.Skipped[0] != (Skipped{"tcp-half-open", "needs tcp-flags (v3)"}) {
		t.Errorf("skipped %v", res.Skipped)
	}
	sum := res.Summary()
	if !strings.HasPrefix(sum, "2 findings: 2 high; ") || !strings.HasSuffix(sum, "detections ran, 1 skipped: needs tcp-flags (v3)") {
		t.Errorf("summary %q", sum)
	}
	var buf bytes.Buffer
	if err := Render(context.Background(), &buf, res, render.Options{Format: render.JSON}); err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rows); err != nil {
		t.Fatalf("json: %v\n%s", err, buf.String())
	}
	if len(rows) != 2 || rows[0]["mitre"] != "T1496" || rows[0]["first_seen"] == nil || rows[1]["mitre"] != nil {
		t.Errorf("json rows %v", rows)
	}
	if after := tempTables(t, s); after != temps {
		t.Errorf("temporary tables %q after Run, %q before", after, temps)
	}
	// is_private is the dialect's again: no lookup table behind it.
	var private, public bool
	var lookups int
	err = s.Conn.QueryRowContext(context.Background(), `SELECT is_private('10.1.2.3'), is_private('8.8.8.8'),
		(SELECT count(*) FROM duckdb_functions() WHERE function_name = 'flowduck_is_private_full')`).Scan(&private, &public, &lookups)
	if err != nil || !private || public || lookups != 0 {
		t.Errorf("after Run: is_private %t, %t, lookup macros %d (%v)", private, public, lookups, err)
	}
}

// tempTables lists the session's temporary tables and views.
func tempTables(t *testing.T, s *duck.Session) string {
	t.Helper()
	var names string
	err := s.Conn.QueryRowContext(context.Background(), `SELECT coalesce(string_agg(name, ',' ORDER BY name), '') FROM (
		SELECT table_name AS name FROM duckdb_tables() WHERE temporary
		UNION ALL SELECT view_name FROM duckdb_views() WHERE temporary)`).Scan(&names)
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// TestPlanErrors: mistakes in the options are found before any SQL runs.
func TestPlanErrors(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"unknown detection", Options{Only: []string{"port-scna"}}, `did you mean "port-scan"`},
		{"a report, not a detection", Options{Only: []string{"top-talkers"}}, "report top-talkers is not a detection"},
		{"severity", Options{MinSeverity: "severe"}, `severity "severe": use low, medium, high, critical`},
		{"bad parameter", Options{Params: map[string]map[string]string{"port-scan": {"min_ports": "many"}}}, "detection port-scan: --param min_ports=many"},
		{"parameters of nothing", Options{Only: []string{"port-scan"}, Params: map[string]map[string]string{"beaconing": {"min_connections": "5"}}}, "parameters for beaconing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Plan(tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}
