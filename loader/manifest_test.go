package loader

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/flowduck/flowduck/internal/filter"
)

// TestReloadIsIdempotent: a second load skips unchanged files, --force
// replaces their rows without duplicating them, and a changed file is
// replaced.
func TestReloadIsIdempotent(t *testing.T) {
	s, _ := openDB(t)
	dir := t.TempDir()
	a := copySample(t, "default-format.log", dir, "a.log.gz")
	copySample(t, "v5-custom-order.log", dir, "b.log")

	first := mustLoad(t, s, Options{Sources: []string{dir}})
	if first.Loaded != 2 || first.Records != 9 {
		t.Fatalf("first load = %+v", first)
	}
	second := mustLoad(t, s, Options{Sources: []string{dir}})
	if second.Loaded != 0 || second.Skipped != 2 || second.Records != 0 {
		t.Fatalf("second load = %+v, want everything skipped", second)
	}
	forced := mustLoad(t, s, Options{Sources: []string{a}, Force: true})
	if forced.Loaded != 1 || forced.Records != 7 {
		t.Fatalf("forced load = %+v", forced)
	}
	if got := one(t, s, "SELECT count(*) FROM vpc_flow_logs"); got != "9" {
		t.Errorf("after --force: %s records, want 9 (replaced, not duplicated)", got)
	}
	if got := one(t, s, "SELECT count(*) FROM flowduck_files"); got != "2" {
		t.Errorf("manifest has %s entries, want 2", got)
	}

	// A file that changes on disk (new size and mtime) is reloaded.
	b := filepath.Join(dir, "b.log")
	content, _ := os.ReadFile(b)
	lines := strings.SplitAfter(string(content), "\n")
	if err := os.WriteFile(b, []byte(lines[0]+lines[1]), 0o644); err != nil {
		t.Fatal(err)
	}
	future := time.Now().Add(time.Minute)
	if err := os.Chtimes(b, future, future); err != nil {
		t.Fatal(err)
	}
	changed := mustLoad(t, s, Options{Sources: []string{dir}})
	if changed.Loaded != 1 || changed.Skipped != 1 || changed.Records != 1 {
		t.Fatalf("load after change = %+v", changed)
	}
	if got := one(t, s, "SELECT count(*) FROM vpc_flow_logs"); got != "8" {
		t.Errorf("after change: %s records, want 8", got)
	}
}

// TestDamagedGzipIsNotHalfLoaded: a truncated gzip (which DuckDB's reader
// would read silently up to the cut) and a corrupt one fail by name, leave no
// rows and no manifest entry, and the other files still load. A later run
// retries them.
func TestDamagedGzipIsNotHalfLoaded(t *testing.T) {
	s, _ := openDB(t)
	dir := t.TempDir()
	copySample(t, "default-format.log", dir, "good.log.gz")
	var big strings.Builder
	big.WriteString("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n")
	for i := range 20000 {
		big.WriteString("2 123456789010 eni-1235b8ca123456789 10.0.")
		big.WriteString(strings.Repeat("1", 1+i%3))
		big.WriteString(".1 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK\n")
	}
	whole := gz(t, []byte(big.String()))
	truncated := writeFile(t, dir, "truncated.log.gz", whole[:len(whole)*2/3])
	corrupt := writeFile(t, dir, "corrupt.log.gz", "\x1f\x8b\x09garbage")

	res := mustLoad(t, s, Options{Sources: []string{dir}})
	if res.Loaded != 1 || res.Failed != 2 || res.Records != 7 {
		t.Fatalf("result = %+v, want 1 loaded, 2 failed, 7 records", res)
	}
	for _, f := range res.Files {
		switch f.Path {
		case truncated:
			if f.Status != Failed || !strings.Contains(f.Reason, "truncated") {
				t.Errorf("truncated file: %+v", f)
			}
		case corrupt:
			if f.Status != Failed || !strings.Contains(f.Reason, "gzip") {
				t.Errorf("corrupt file: %+v", f)
			}
		}
	}
	if err := res.Err(); err == nil || !strings.Contains(err.Error(), truncated) {
		t.Errorf("Err() = %v, want it to name %s", err, truncated)
	}
	if got := one(t, s, "SELECT count(*) FROM vpc_flow_logs"); got != "7" {
		t.Errorf("records = %s, want only the good file's 7", got)
	}
	if got := one(t, s, "SELECT count(*) FROM flowduck_files"); got != "1" {
		t.Errorf("manifest = %s entries, want 1", got)
	}
	// Repaired, the file loads on the next run; the good one is skipped.
	if err := os.WriteFile(truncated, []byte(whole), 0o644); err != nil {
		t.Fatal(err)
	}
	again := mustLoad(t, s, Options{Sources: []string{truncated, filepath.Join(dir, "good.log.gz")}})
	if again.Loaded != 1 || again.Skipped != 1 || again.Records != 20000 {
		t.Fatalf("retry = %+v", again)
	}
}

// TestFilterSkipsFilesAndRecords: --since/--until skip files whose S3 key is
// out of range without reading them and filter records by start; --account
// and --region likewise.
func TestFilterSkipsFilesAndRecords(t *testing.T) {
	dir := t.TempDir()
	day := func(acct, region, d string) string {
		return "AWSLogs/" + acct + "/vpcflowlogs/" + region + "/2026/03/" + d + "/f.log"
	}
	rec := func(start int64) string {
		return "2 111122223333 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1 " + strconv.FormatInt(start, 10) + " " + strconv.FormatInt(start+60, 10) + " ACCEPT OK\n"
	}
	header := "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n"
	mar1 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC).Unix()
	mar2 := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC).Unix()
	mar3 := time.Date(2026, 3, 3, 12, 0, 0, 0, time.UTC).Unix()
	writeFile(t, dir, day("111122223333", "us-east-1", "01"), header+rec(mar1))
	writeFile(t, dir, day("111122223333", "us-east-1", "02"), header+rec(mar2)+rec(mar2+3600*11))
	writeFile(t, dir, day("111122223333", "eu-west-1", "02"), header+rec(mar2))
	writeFile(t, dir, day("444455556666", "us-east-1", "03"), header+rec(mar3))
	// Garbage in a file out of range proves it is never read.
	writeFile(t, dir, day("111122223333", "us-east-1", "05"), "not a flow log\n")

	cases := []struct {
		name    string
		filter  filter.Filter
		records int64
		skipped int
	}{
		{"since and until", filter.Filter{Since: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 3, 2, 18, 0, 0, 0, time.UTC)}, 2, 2},
		{"account", filter.Filter{Accounts: []string{"444455556666"}}, 1, 4},
		{"region and until", filter.Filter{Regions: []string{"us-east-1"}, Until: time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)}, 3, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openDB(t)
			res := mustLoad(t, s, Options{Sources: []string{dir}, Filter: tc.filter})
			if res.Records != tc.records || res.Skipped != tc.skipped || res.Failed != 0 {
				t.Fatalf("result = %+v, want %d records, %d skipped, none failed", res, tc.records, tc.skipped)
			}
		})
	}
}

// TestHostileFileNames: file names are quoted wherever they reach SQL, so a
// quote, spaces, unicode or SQL in a name load like any other file.
func TestHostileFileNames(t *testing.T) {
	s, _ := openDB(t)
	dir := t.TempDir()
	names := []string{
		"it's a log.log",
		"données été/日本.log.gz",
		"x'); DROP TABLE flowduck_files; --.log",
	}
	sample, err := os.ReadFile(filepath.Join("testdata", "samples", "v5-custom-order.log"))
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		// Blank lines (ignored) make each file's content its own: the same
		// content under two names would be a copy.
		content := string(sample) + strings.Repeat("\n", i)
		if strings.HasSuffix(n, ".gz") {
			content = gz(t, []byte(content))
		}
		writeFile(t, dir, n, content)
	}
	writeFile(t, dir, "bad 'quote'.log", "garbage line\n")
	res := mustLoad(t, s, Options{Sources: []string{dir}})
	if res.Loaded != 3 || res.Records != 6 || res.Skipped != 1 {
		t.Fatalf("result = %+v, want 3 files loaded, 6 records, the garbage file skipped", res)
	}
	if got := one(t, s, "SELECT count(*) FROM flowduck_files WHERE path LIKE '%DROP TABLE%'"); got != "1" {
		t.Errorf("manifest lost the file with SQL in its name: %s", got)
	}
	again := mustLoad(t, s, Options{Sources: []string{dir}, Force: true})
	if again.Loaded != 3 || again.Records != 6 {
		t.Errorf("forced reload = %+v", again)
	}
	if got := one(t, s, "SELECT count(*) FROM vpc_flow_logs"); got != "6" {
		t.Errorf("records = %s, want 6", got)
	}
}
