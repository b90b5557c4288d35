package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flowduck/flowduck/internal/iostreams"
)

// TestDetectFailOnExitCode: detect exits 3 when a finding is at or above
// --fail-on, 0 when none is, and prints its summary either way.
func TestDetectFailOnExitCode(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and runs detections in-process (seconds)")
	}
	dir := t.TempDir()
	logs := filepath.Join(dir, "logs")
	if err := os.MkdirAll(logs, 0o755); err != nil {
		t.Fatal(err)
	}
	const log = `version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status
2 123456789012 eni-0aaaaaaaaaaaaaaa1 10.0.1.7 192.0.2.33 50200 4444 6 30 4000 1772445600 1772445660 ACCEPT OK
`
	if err := os.WriteFile(filepath.Join(logs, "flows.log"), []byte(log), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "f.duckdb")
	getenv := func(string) string { return "" }
	streams, _, stderr := iostreams.Test("")
	if code := run(context.Background(), []string{"--db", db, "load", logs}, streams, getenv); code != exitOK {
		t.Fatalf("load: exit %d: %s", code, stderr)
	}
	for _, tc := range []struct {
		failOn string
		code   int
	}{{"medium", exitFindings}, {"high", exitFindings}, {"critical", exitOK}} {
		streams, stdout, stderr := iostreams.Test("")
		code := run(context.Background(), []string{"--db", db, "detect", "--only", "crypto-mining", "--fail-on", tc.failOn, "-o", "csv"}, streams, getenv)
		if code != tc.code {
			t.Errorf("--fail-on %s: exit %d, want %d (stderr %q)", tc.failOn, code, tc.code, stderr)
		}
		if !strings.Contains(stdout.String(), "crypto-mining,high,T1496,10.0.1.7 -> 192.0.2.33:4444,") {
			t.Errorf("--fail-on %s: stdout %q", tc.failOn, stdout)
		}
		if !strings.HasPrefix(stderr.String(), "1 finding: 1 high; 1 detection ran\n") {
			t.Errorf("--fail-on %s: stderr %q", tc.failOn, stderr)
		}
	}
}
