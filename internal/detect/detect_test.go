package detect

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flowduck/flowduck/internal/demo"
	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/queries"
)

// finding is what a test compares of a Finding.
type finding struct{ detection, subject, severity string }

func findings(res Result) []finding {
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
	s := planted.session(t)
	res, err := Run(context.Background(), s.Conn, Options{IOCFile: writeFile(t, "ioc.csv", plantedIOC)})
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
	all, _ := Detections()
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
	s := clean.session(t)
	res, err := Run(context.Background(), s.Conn, Options{IOCFile: writeFile(t, "ioc.txt", "# documentation ranges\n192.0.2.0/24\n198.51.100.0/24\n203.0.113.0/24 # all scenarios\n2001:db8::/32\n")})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 0 {
		t.Errorf("%d findings on clean traffic, want none:\n%v", len(res.Findings), findings(res))
	}
	all, _ := Detections()
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
	s := planted.session(t)
	ctx := context.Background()
	res, err := Run(ctx, s.Conn, Options{Only: []string{"port-scan", "brute-force", "ioc-match"}, MinSeverity: "high"})
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
	if len(res.Skipped) != 1 || res.Skipped[0] != (Skipped{"ioc-match", "needs --ioc FILE"}) {
		t.Errorf("skipped %v", res.Skipped)
	}
	var f filter.Filter
	if err := f.Set(filter.Account, demo.AccountB, demo.DefaultStart); err != nil {
		t.Fatal(err)
	}
	res, err = Run(ctx, s.Conn, Options{Filter: f, Only: []string{"brute-force", "port-scan"}})
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
	s := planted.session(t)
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
	res, err := Run(context.Background(), s.Conn, Options{Dirs: []string{dir}, Only: []string{"gre-peers"}})
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
	_, err = Run(context.Background(), s.Conn, Options{Dirs: []string{dir}, Only: []string{"half"}})
	if err == nil || !strings.Contains(err.Error(), "detection half: its result lacks the finding column(s) mitre, subject, evidence, flows, bytes, first_seen, last_seen") {
		t.Errorf("err = %v", err)
	}
}

func byDetection(res Result, name string) []Finding {
	var out []Finding
	for _, f := range res.Findings {
		if f.Detection == name {
			out = append(out, f)
		}
	}
	return out
}
