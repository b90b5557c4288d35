package queries_test

// The tests of internal/detect (flowduck detect: the detections among the
// reports, run through this package like reports) live with the reports, as
// internal/why's do, so that it needs no test binary of its own: each one
// links DuckDB, a few seconds per test run.

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flowduck/flowduck/internal/demo"
	"github.com/flowduck/flowduck/internal/detect"
	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/loadtest"
	"github.com/flowduck/flowduck/internal/render"
	"github.com/flowduck/flowduck/queries"
)

// plantedSession is the default demo data set with its planted incidents:
// the database every test of this package reads (DemoSession), which holds
// it in the full run. Loading it takes seconds: callers skip in -short,
// where the tests' database holds a tenth of it.
func plantedSession(t *testing.T) *duck.Session {
	t.Helper()
	if testing.Short() {
		t.Fatal("the default demo data set is loaded only in the full run")
	}
	return queries.DemoSession()
}

// cleanSession loads the same estate's background traffic alone, without
// the planted incidents, into a database of the test's.
func cleanSession(t *testing.T) *duck.Session {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	sum, err := demo.Generate(ctx, filepath.Join(dir, "data"), demo.Options{NoScenarios: true})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Scenarios {
		t.Fatal("scenarios planted in the clean data set")
	}
	s, err := loadtest.Open(ctx, filepath.Join(dir, "clean.duckdb"), filepath.Join(dir, "data"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// finding is what a test compares of a Finding.
type finding struct{ detection, subject, severity string }

func findings(res detect.Result) []finding {
	out := make([]finding, len(res.Findings))
	for i, f := range res.Findings {
		out[i] = finding{f.Detection, f.Subject, f.Severity}
	}
	slices.SortFunc(out, func(a, b finding) int {
		return strings.Compare(a.detection+" "+a.subject, b.detection+" "+b.subject)
	})
	return out
}

// writeFile writes text to a new file in the test's temporary directory.
func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// plantedIOC lists the port scanner's network, the beacon's address and an
// IPv6 network no demo address is in, as a CSV with labels.
const plantedIOC = `indicator,label,source
203.0.113.48/28,scanner network,feed-a
` + demo.BeaconDestination + `,c2 server,feed-b
2001:db8::/32,documentation v6,feed-c
`

// TestDetectFindsEveryPlantedIncident: on the demo data every planted
// incident is found, with its subject and severity, and nothing else is.
func TestDetectFindsEveryPlantedIncident(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the default demo data set")
	}
	s := plantedSession(t)
	res, err := detect.Run(context.Background(), s.Conn, detect.Options{IOCFile: writeFile(t, "ioc.csv", plantedIOC)})
	if err != nil {
		t.Fatal(err)
	}
	want := []finding{
		{"admin-ports-exposed", "192.0.2.10 -> 10.10.1.30:3389", "high"},
		{"admin-ports-exposed", "192.0.2.11 -> 10.10.1.30:3389", "high"},
		{"admin-ports-exposed", "192.0.2.12 -> 10.10.0.40:22", "high"},
		{"admin-ports-exposed", "192.0.2.12 -> 10.10.0.40:5985", "high"},
		{"admin-ports-exposed", demo.BruteForceSource + " -> " + demo.BruteForceTarget + ":22", "high"},
		{"beaconing", demo.BeaconSource + " -> " + demo.BeaconDestination + ":443", "high"},
		{"brute-force", demo.BruteForceSource + " -> " + demo.BruteForceTarget + ":22", "critical"},
		{"crypto-mining", demo.MiningSource + " -> " + demo.MiningPool + ":3333", "high"},
		{"database-ports-exposed", "192.0.2.44 -> 10.10.20.10:5432", "high"},
		{"database-ports-exposed", "192.0.2.44 -> 10.10.20.11:3306", "high"},
		{"database-ports-exposed", "192.0.2.44 -> 10.10.20.12:1433", "high"},
		{"dns-exfiltration", demo.DNSExfilSource + " -> " + demo.DNSExfilResolver + ":53", "high"},
		{"high-packets-low-bytes", demo.FloodSource + " -> " + demo.FloodTarget + ":53", "medium"},
		{"host-sweep", demo.SweepSource + " -> port 3389/tcp", "medium"},
		{"ioc-match", demo.PortScanSource, "high"},
		{"ioc-match", demo.BeaconDestination, "high"},
		{"large-egress", demo.OffHoursSource + " -> " + demo.OffHoursDestination, "high"},
		{"large-egress", demo.LargeEgressSource + " -> " + demo.LargeEgressDestination, "high"},
		{"logging-gaps", demo.GapENI, "low"},
		{"nacl-asymmetric", demo.NACLClient + " -> " + demo.NACLServer + ":123 on " + demo.NACLClientENI, "low"},
		{"port-scan", demo.PortScanSource + " -> " + demo.PortScanTarget, "medium"},
	}
	for _, src := range demo.HalfOpenSources {
		want = append(want, finding{"tcp-half-open", src + " -> " + demo.HalfOpenTarget + ":443", "low"})
	}
	want = append(want,
		finding{"unidirectional-egress", demo.UniSource + " -> " + demo.UniDestination + ":8125", "medium"},
		finding{"unusual-protocols", demo.GREPeer + " -> " + demo.VPNHost + " (protocol 47)", "low"},
		finding{"unusual-protocols", demo.ESPPeer + " -> " + demo.VPNHost + " (protocol 50)", "low"},
		finding{"unusual-protocols", demo.VPNHost + " -> " + demo.GREPeer + " (protocol 47)", "low"},
		finding{"unusual-protocols", demo.VPNHost + " -> " + demo.ESPPeer + " (protocol 50)", "low"},
	)
	slices.SortFunc(want, func(a, b finding) int {
		return strings.Compare(a.detection+" "+a.subject, b.detection+" "+b.subject)
	})
	if diff := cmp.Diff(want, findings(res), cmp.AllowUnexported(finding{})); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if len(res.Skipped) != 0 {
		t.Errorf("skipped %v, want none", res.Skipped)
	}
	all, _ := detect.Detections()
	if len(res.Ran) != len(all) {
		t.Errorf("ran %d detections, want all %d", len(res.Ran), len(all))
	}
	// Highest severity first.
	for i := 1; i < len(res.Findings); i++ {
		if queries.SeverityRank(res.Findings[i].Severity) > queries.SeverityRank(res.Findings[i-1].Severity) {
			t.Fatalf("finding %d (%s) after a lower one", i, res.Findings[i].Severity)
		}
	}
	for _, f := range res.Findings {
		if f.Flows <= 0 || f.FirstSeen.IsZero() || f.LastSeen.Before(f.FirstSeen) || f.Evidence == "" {
			t.Errorf("finding %+v: flows, times or evidence missing", f)
		}
	}
	if ioc := byDetection(res, "ioc-match"); len(ioc) != 2 || !strings.Contains(ioc[0].Evidence+ioc[1].Evidence, "(c2 server)") {
		t.Errorf("ioc-match findings %+v, want two with the labels", ioc)
	}
}

// TestDetectQuietOnCleanTraffic: on the same estate's background traffic
// without the planted incidents, no detection finds anything.
func TestDetectQuietOnCleanTraffic(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a 200,000-record data set")
	}
	s := cleanSession(t)
	res, err := detect.Run(context.Background(), s.Conn, detect.Options{IOCFile: writeFile(t, "ioc.txt", "# documentation ranges\n192.0.2.0/24\n198.51.100.0/24\n203.0.113.0/24 # all scenarios\n2001:db8::/32\n")})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 0 {
		t.Errorf("%d findings on clean traffic, want none:\n%v", len(res.Findings), findings(res))
	}
	all, _ := detect.Detections()
	if len(res.Ran) != len(all) {
		t.Errorf("ran %v, want all %d detections", res.Ran, len(all))
	}
}

// TestDetectOptions: --only, --severity and a filter narrow what runs and
// what is kept.
func TestDetectOptions(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the default demo data set")
	}
	s := plantedSession(t)
	ctx := context.Background()
	res, err := detect.Run(ctx, s.Conn, detect.Options{Only: []string{"port-scan", "brute-force", "ioc-match"}, MinSeverity: "high"})
	if err != nil {
		t.Fatal(err)
	}
	want := []finding{{"brute-force", demo.BruteForceSource + " -> " + demo.BruteForceTarget + ":22", "critical"}}
	if diff := cmp.Diff(want, findings(res), cmp.AllowUnexported(finding{})); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	if !slices.Equal(res.Ran, []string{"port-scan", "brute-force"}) {
		t.Errorf("ran %v", res.Ran)
	}
	if len(res.Skipped) != 1 || res.Skipped[0] != (detect.Skipped{Name: "ioc-match", Reason: "needs --ioc FILE"}) {
		t.Errorf("skipped %v", res.Skipped)
	}
	var f filter.Filter
	if err := f.Set(filter.Account, demo.AccountB, demo.DefaultStart); err != nil {
		t.Fatal(err)
	}
	res, err = detect.Run(ctx, s.Conn, detect.Options{Filter: f, Only: []string{"brute-force", "port-scan"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := findings(res); len(got) != 1 || got[0].detection != "port-scan" {
		t.Errorf("account B: %v, want only the port scan (the brute force is in account A)", got)
	}
}

// TestDetectUserDetections: a user directory adds a detection; one whose
// result lacks finding columns is an error naming them.
func TestDetectUserDetections(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the default demo data set")
	}
	s := plantedSession(t)
	dir := t.TempDir()
	good := `-- name: gre-peers
-- detection: severity=medium mitre=T1572
SELECT 'gre-peers' AS detection, 'medium' AS severity, 'T1572' AS mitre, dstaddr AS subject,
    'GRE to ' || dstaddr AS evidence, count(*) AS flows, sum(bytes) AS bytes,
    from_unixtime(min(start)) AS first_seen, from_unixtime(max("end")) AS last_seen
FROM vpc_flow_logs WHERE protocol = 47 AND srcaddr = '` + demo.VPNHost + `' GROUP BY dstaddr
`
	if err := os.WriteFile(filepath.Join(dir, "gre-peers.sql"), []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := detect.Run(context.Background(), s.Conn, detect.Options{Dirs: []string{dir}, Only: []string{"gre-peers"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []finding{{"gre-peers", demo.GREPeer, "medium"}}
	if diff := cmp.Diff(want, findings(res), cmp.AllowUnexported(finding{})); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	bad := "-- name: half\n-- detection: severity=low mitre=-\nSELECT 'half' AS detection, 'low' AS severity FROM vpc_flow_logs LIMIT 1\n"
	if err := os.WriteFile(filepath.Join(dir, "half.sql"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = detect.Run(context.Background(), s.Conn, detect.Options{Dirs: []string{dir}, Only: []string{"half"}})
	if err == nil || !strings.Contains(err.Error(), "detection half: its result lacks the finding column(s) mitre, subject, evidence, flows, bytes, first_seen, last_seen") {
		t.Errorf("err = %v", err)
	}
}

func byDetection(res detect.Result, name string) []detect.Finding {
	var out []detect.Finding
	for _, f := range res.Findings {
		if f.Detection == name {
			out = append(out, f)
		}
	}
	return out
}

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
	opts := detect.Options{IOCFile: ioc}
	if testing.Short() {
		// Every detection costs a fixed ~0.1 s to plan even on six records.
		opts.Only = []string{"crypto-mining", "ioc-match", "tcp-half-open"}
	}
	res, err := detect.Run(context.Background(), s.Conn, opts)
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
	if len(res.Skipped) != 1 || res.Skipped[0] != (detect.Skipped{Name: "tcp-half-open", Reason: "needs tcp-flags (v3)"}) {
		t.Errorf("skipped %v", res.Skipped)
	}
	sum := res.Summary()
	if !strings.HasPrefix(sum, "2 findings: 2 high; ") || !strings.HasSuffix(sum, "detections ran, 1 skipped: needs tcp-flags (v3)") {
		t.Errorf("summary %q", sum)
	}
	var buf bytes.Buffer
	if err := detect.Render(context.Background(), &buf, res, render.Options{Format: render.JSON}); err != nil {
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
	// The session's is_private still answers.
	var private, public bool
	err = s.Conn.QueryRowContext(context.Background(), `SELECT is_private('10.1.2.3'), is_private('8.8.8.8')`).Scan(&private, &public)
	if err != nil || !private || public {
		t.Errorf("after Run: is_private %t, %t (%v)", private, public, err)
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
		opts detect.Options
		want string
	}{
		{"unknown detection", detect.Options{Only: []string{"port-scna"}}, `did you mean "port-scan"`},
		{"a report, not a detection", detect.Options{Only: []string{"top-talkers"}}, "report top-talkers is not a detection"},
		{"severity", detect.Options{MinSeverity: "severe"}, `severity "severe": use low, medium, high, critical`},
		{"bad parameter", detect.Options{Params: map[string]map[string]string{"port-scan": {"min_ports": "many"}}}, "detection port-scan: --param min_ports=many"},
		{"parameters of nothing", detect.Options{Only: []string{"port-scan"}, Params: map[string]map[string]string{"beaconing": {"min_connections": "5"}}}, "parameters for beaconing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := detect.Plan(tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestParseIOC: indicator files, one address or CIDR a line or CSV with an
// ip or indicator column; a bad entry names the file and line.
func TestParseIOC(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // text|label|prefix|line
		err        string
	}{
		{"lines", "# feed\n\n10.0.0.5\n203.0.113.0/24  # scanners\n2001:DB8::/32\n::ffff:192.0.2.1\n",
			[]string{"10.0.0.5||10.0.0.5/32|3", "203.0.113.0/24||203.0.113.0/24|4", "2001:DB8::/32||2001:db8::/32|5", "::ffff:192.0.2.1||192.0.2.1/32|6"}, ""},
		{"csv", "# exported\nfirst_seen,IP,Label\n2026-01-01,198.51.100.7,\"c2, tier 1\"\n2026-01-02,2001:db8::1,\n",
			[]string{"198.51.100.7|c2, tier 1|198.51.100.7/32|3", "2001:db8::1||2001:db8::1/128|4"}, ""},
		{"csv indicator column", "indicator\n10.1.0.0/16\n", []string{"10.1.0.0/16||10.1.0.0/16|2"}, ""},
		{"host bits masked", "10.1.2.3/8\n", []string{"10.1.2.3/8||10.0.0.0/8|1"}, ""},
		{"bad line", "10.0.0.5\nevil.example.com\n", nil, `ioc x.txt:2: "evil.example.com" is not an IP address or CIDR`},
		{"bad csv value", "ip,label\n10.0.0.5,a\n10.0.0.999,b\n", nil, `ioc x.txt:3: "10.0.0.999"`},
		{"csv without ip column", "host,label\n10.0.0.5,a\n", nil, "ioc x.txt:1: a CSV indicator file needs an ip or indicator column"},
		{"empty csv value", "ip,label\n,a\n", nil, "ioc x.txt:2: no value in the ip column"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			if err := os.WriteFile("x.txt", []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			inds, err := detect.ReadIOC("x.txt")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, i := range inds {
				got = append(got, strings.Join([]string{i.Text, i.Label, i.Prefix.String(), strconv.Itoa(i.Line)}, "|"))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadIOCEmpty(t *testing.T) {
	if _, err := detect.ReadIOC(writeFile(t, "empty.txt", "# nothing yet\n\n")); err == nil || !strings.Contains(err.Error(), "no indicator in the file") {
		t.Errorf("err = %v", err)
	}
	if _, err := detect.ReadIOC("/nonexistent/ioc.txt"); err == nil || !strings.Contains(err.Error(), "ioc: open /nonexistent/ioc.txt") {
		t.Errorf("err = %v", err)
	}
}
