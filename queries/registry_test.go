package queries

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flowduck/flowduck/internal/filter"
)

// TestBuiltinsAreTheContract checks the names of the built-in library,
// which commands, docs and scripts rely on.
func TestBuiltinsAreTheContract(t *testing.T) {
	want := []string{"admin-ports-exposed", "beaconing", "bpa-rejects", "brute-force", "conversation", "crypto-mining",
		"database-ports-exposed", "dns-exfiltration", "ecs-services",
		"external-ingress-accepted", "first-last-seen", "high-packets-low-bytes", "host-sweep", "ioc-match", "ip-activity",
		"ipv4-vs-ipv6", "large-egress", "logging-gaps", "nacl-asymmetric", "nat-egress-by-service", "off-hours", "port-scan", "rejected", "rejected-tcp",
		"tcp-half-open", "top-enis", "top-instances", "top-ports", "top-rejected-sources", "top-subnets",
		"top-talkers", "top-talkers-packet-level", "traffic-over-time", "traffic-path-breakdown", "unidirectional-egress", "unusual-protocols",
		"visibility-gaps"}
	reports, err := List()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range reports {
		got = append(got, r.Name)
		if r.Description == "" || r.Origin != BuiltIn || !r.IsBuiltIn() {
			t.Errorf("%s: description %q, origin %q", r.Name, r.Description, r.Origin)
		}
		if strings.HasSuffix(strings.TrimSpace(r.Statement()), ";") {
			t.Errorf("%s: statement keeps its ';'", r.Name)
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("built-in reports\n got %v\nwant %v", got, want)
	}
}

func TestUserReportOverridesBuiltin(t *testing.T) {
	dir := t.TempDir()
	override := "-- name: top-talkers\n-- description: My own top talkers\nSELECT srcaddr, count(*) AS flows FROM vpc_flow_logs GROUP BY srcaddr ORDER BY flows DESC, srcaddr LIMIT 1\n"
	extra := "-- description: Count of records\nSELECT count(*) AS n FROM vpc_flow_logs;\n"
	writeFile(t, filepath.Join(dir, "mine.sql"), override)
	writeFile(t, filepath.Join(dir, "record-count.sql"), extra)
	writeFile(t, filepath.Join(dir, "notes.txt"), "not a report")

	reports, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	builtins, _ := Builtins()
	if len(reports) != len(builtins)+1 {
		t.Errorf("%d reports, want %d built-in + 1 new", len(reports), len(builtins))
	}
	r, err := Find(reports, "top-talkers")
	if err != nil {
		t.Fatal(err)
	}
	if r.Origin != filepath.Join(dir, "mine.sql") || r.Description != "My own top talkers" || r.IsBuiltIn() {
		t.Errorf("top-talkers: origin %q, description %q", r.Origin, r.Description)
	}
	if rc, err := Find(reports, "record-count"); err != nil || rc.Origin != filepath.Join(dir, "record-count.sql") {
		t.Errorf("record-count (named after its file): %v, %v", rc.Origin, err)
	}
	out, err := runCSV(t, demoSession.Conn, r, nil, filter.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if res := parseCSV(t, out); len(res.rows) != 1 || len(res.header) != 2 {
		t.Errorf("the override did not run: %v %v", res.header, res.rows)
	}

	// A later directory wins over an earlier one.
	later := t.TempDir()
	writeFile(t, filepath.Join(later, "top-talkers.sql"), strings.Replace(override, "My own", "Later", 1))
	if r, err := Lookup("top-talkers", dir, later); err != nil || r.Description != "Later top talkers" {
		t.Errorf("later dir: %q, %v", r.Description, err)
	}
}

func TestLookupSuggests(t *testing.T) {
	tests := []struct{ name, suggestion string }{
		{"port-scna", "port-scan"},
		{"top-talker", "top-talkers"},
		{"sweep", "host-sweep"},
		{"zzzzzzzz", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Lookup(tt.name)
			var u *UnknownReportError
			if !errors.As(err, &u) {
				t.Fatalf("err = %v", err)
			}
			if u.Suggestion != tt.suggestion {
				t.Errorf("suggestion %q, want %q (%v)", u.Suggestion, tt.suggestion, err)
			}
			if tt.suggestion != "" && !strings.Contains(err.Error(), `did you mean "`+tt.suggestion+`"?`) {
				t.Errorf("message %q", err)
			}
		})
	}
}

func TestParseHeaderErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"bad name", "-- name: Top Talkers\nSELECT 1", `name "Top Talkers"`},
		{"no statement", "-- name: empty\n-- description: nothing\n", "no SQL statement after the header"},
		{"two statements", "-- name: two\nSELECT 1; SELECT 2", "want one SQL statement after the header, found 2"},
		{"undeclared parameter", "-- name: p\nSELECT $limit", "the SQL reads $limit but the header declares no parameter limit"},
		{"unknown type", "-- name: p\n-- param: n number 5 \"n\"\nSELECT $n", `unknown type "number"`},
		{"bad default", "-- name: p\n-- param: w duration soon \"w\"\nSELECT $w", "default: --param w=soon: not a duration"},
		{"short param", "-- name: p\n-- param: n int\nSELECT $n", "want NAME TYPE DEFAULT"},
		{"duplicate param", "-- name: p\n-- param: n int 1 \"a\"\n-- param: n int 2 \"b\"\nSELECT $n", "parameter n declared twice"},
		{"unknown field", "-- name: p\n-- requires: tcp-flagz\nSELECT 1", `requires unknown field "tcp-flagz"`},
		{"bad severity", "-- name: p\n-- detection: severity=urgent mitre=T1046\nSELECT 1", `detection severity "urgent": use low, medium, high, critical`},
		{"bad technique", "-- name: p\n-- detection: severity=low mitre=1046\nSELECT 1", `detection mitre "1046"`},
		{"no technique", "-- name: p\n-- detection: severity=low\nSELECT 1", "want severity=LEVEL mitre=TECHNIQUE"},
		{"unknown key", "-- name: p\n-- detection: severity=low mitre=- colour=red\nSELECT 1", `unknown key "colour"`},
		{"unknown need", "-- name: p\n-- detection: severity=low mitre=- needs=pcap\nSELECT 1", `needs "pcap"`},
		{"two detection lines", "-- name: p\n-- detection: severity=low mitre=-\n-- detection: severity=high mitre=-\nSELECT 1", "second detection line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.text, "x.sql", "")
			var he *HeaderError
			if !errors.As(err, &he) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want a HeaderError containing %q", err, tt.want)
			}
		})
	}
	// Dollar signs inside strings, identifiers and comments are not parameters.
	if _, err := Parse("-- name: ok\nSELECT '$x' AS \"$y\" -- $z\n/* $w */", "x.sql", ""); err != nil {
		t.Errorf("quoted dollars: %v", err)
	}
}

func TestParseDetection(t *testing.T) {
	r, err := Parse("-- name: d\n-- detection: severity=HIGH mitre=T1048.003 needs=ioc\nSELECT 1", "x.sql", "")
	if err != nil {
		t.Fatal(err)
	}
	want := Detection{Severity: "high", MITRE: "T1048.003", Needs: NeedsIOC}
	if !r.IsDetection() || r.Detection != want {
		t.Errorf("Detection = %+v, want %+v", r.Detection, want)
	}
	r, err = Parse("-- name: d\n-- detection: severity=low mitre=-\nSELECT 1", "x.sql", "")
	if err != nil || r.Detection.MITRE != "" {
		t.Errorf("mitre=-: %+v, %v", r.Detection, err)
	}
	if r, _ := Parse("-- name: d\nSELECT 1", "x.sql", ""); r.IsDetection() {
		t.Errorf("a report without a detection line is a detection")
	}
}

func TestDirs(t *testing.T) {
	config := t.TempDir()
	env := map[string]string{"XDG_CONFIG_HOME": config}
	getenv := func(k string) string { return env[k] }
	user, err := UserDir(getenv)
	if err != nil || user != filepath.Join(config, "flowduck", "reports") {
		t.Fatalf("UserDir = %q, %v", user, err)
	}
	if dirs, err := Dirs(getenv, ""); err != nil || len(dirs) != 0 {
		t.Errorf("without a user dir: %v, %v", dirs, err)
	}
	if err := os.MkdirAll(user, 0o755); err != nil {
		t.Fatal(err)
	}
	dirs, err := Dirs(getenv, "/some/where")
	if err != nil || len(dirs) != 2 || dirs[0] != user || dirs[1] != "/some/where" {
		t.Errorf("Dirs = %v, %v", dirs, err)
	}
	if _, err := List("/some/where"); err == nil {
		t.Errorf("a missing --reports-dir is not an error")
	}
}

func TestSave(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "reports")
	path, err := Save(dir, "big-flows", "SELECT srcaddr, bytes FROM vpc_flow_logs WHERE bytes > 1000000 ORDER BY bytes DESC LIMIT 3")
	if err != nil {
		t.Fatal(err)
	}
	if path != filepath.Join(dir, "big-flows.sql") {
		t.Errorf("path %s", path)
	}
	r, err := Lookup("big-flows", dir)
	if err != nil {
		t.Fatal(err)
	}
	out, err := runCSV(t, demoSession.Conn, r, nil, filter.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if rows := parseCSV(t, out).rows; len(rows) != 3 {
		t.Errorf("saved report gives %v", rows)
	}
	// A header's name line is replaced; parameters are kept.
	_, err = Save(dir, "renamed", "-- name: old\n-- param: n int 2 \"rows\"\nSELECT 1 AS one LIMIT $n;")
	if err != nil {
		t.Fatal(err)
	}
	if r, err := Lookup("renamed", dir); err != nil || len(r.Params()) != 1 {
		t.Errorf("renamed: %v, %v", r.Params(), err)
	}
	if _, err := Save(dir, "Bad Name", "SELECT 1"); err == nil {
		t.Errorf("a bad name is saved")
	}
	if _, err := Save(dir, "broken", "SELECT $undeclared"); err == nil {
		t.Errorf("a report with an undeclared parameter is saved")
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
