package loader

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// copyTree copies the files under src to dst with new modification times,
// as `cp -r` does.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		writeFile(t, dst, rel, string(b))
		later := time.Now().Add(time.Hour)
		return os.Chtimes(filepath.Join(dst, rel), later, later)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// reasons returns the reason of each skipped file by path.
func reasons(res Result) map[string]string {
	out := map[string]string{}
	for _, f := range res.Files {
		if f.Status == Skipped {
			out[f.Path] = f.Reason
		}
	}
	return out
}

// bigGzipLog is a gzip flow-log file larger than two content windows (so
// identified by its ends), with one byte of its middle record changed by
// variant.
func bigGzipLog(t *testing.T, variant int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n")
	for i := range 40000 {
		bytes := 4249
		if i == 20000 {
			bytes += variant
		}
		fmt.Fprintf(&b, "2 123456789010 eni-1235b8ca123456789 10.0.%d.%d 172.31.9.12 %d 3389 6 20 %d 1418530010 1418530070 REJECT OK\n", i%256, i/256%256, 1024+i%60000, bytes)
	}
	return gz(t, []byte(b.String()))
}

// TestContentID: copies of a file have its identity wherever they are; a
// change anywhere in the content changes it, for whole-file hashes and for
// the ends of large gzip files alike.
func TestContentID(t *testing.T) {
	dir := t.TempDir()
	big := bigGzipLog(t, 0)
	if len(big) <= 2*contentWindow {
		t.Fatalf("the large sample is %d bytes, not larger than two windows", len(big))
	}
	cases := []struct {
		name     string
		a, b     string
		scheme   string
		wantSame bool
	}{
		{"text copy", "2 x y\n3 z\n", "2 x y\n3 z\n", schemeWhole, true},
		{"text changed", "2 x y\n3 z\n", "2 x y\n4 z\n", schemeWhole, false},
		{"small gzip copy", gz(t, []byte("a b c\n")), gz(t, []byte("a b c\n")), schemeWhole, true},
		{"large gzip copy", big, big, schemeGzipEnds, true},
		{"large gzip, one record changed", big, bigGzipLog(t, 1), schemeGzipEnds, false},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := writeFile(t, dir, fmt.Sprintf("a%d/f", i), c.a)
			b := writeFile(t, dir, fmt.Sprintf("b%d/f", i), c.b)
			ida, err := contentID(a)
			if err != nil {
				t.Fatal(err)
			}
			idb, err := contentID(b)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(ida, c.scheme+":") {
				t.Errorf("identity %q, want scheme %s", ida, c.scheme)
			}
			if (ida == idb) != c.wantSame {
				t.Errorf("identities %q and %q: same = %v, want %v", ida, idb, ida == idb, c.wantSame)
			}
		})
	}
}

// TestCopyInSecondFolder: the files of a loaded tree copied to a second
// folder (an S3-key layout) are skipped as copies naming the loaded file,
// and the counts stay; their identity survives a reopen of the database.
func TestCopyInSecondFolder(t *testing.T) {
	s, db := openDB(t)
	root := t.TempDir()
	logs, logs2 := filepath.Join(root, "logs"), filepath.Join(root, "logs2")
	key := "AWSLogs/123456789010/vpcflowlogs/us-east-1/2024/01/02/123456789010_vpcflowlogs_us-east-1_fl-1_20240102T0000Z_abcd.log.gz"
	copySample(t, "default-format.log", logs, key)
	copySample(t, "v5-custom-order.log", logs, "other/b.log")
	writeFile(t, logs, "big.log.gz", bigGzipLog(t, 0))
	first := mustLoad(t, s, Options{Sources: []string{logs}})
	if first.Loaded != 3 {
		t.Fatalf("first load = %+v", first)
	}
	before := one(t, s, "SELECT count(*) FROM vpc_flow_logs")

	copyTree(t, logs, logs2)
	s = reopen(t, db)
	again := mustLoad(t, s, Options{Sources: []string{logs2}})
	if again.Loaded != 0 || again.Skipped != 3 || again.Records != 0 {
		t.Fatalf("load of the copy = %+v, want 3 copies skipped", again)
	}
	got := reasons(again)
	for _, rel := range []string{key, "other/b.log", "big.log.gz"} {
		copyPath, orig := filepath.Join(logs2, filepath.FromSlash(rel)), filepath.Join(logs, filepath.FromSlash(rel))
		if want := "already loaded from " + orig; got[copyPath] != want {
			t.Errorf("%s: reason %q, want %q", rel, got[copyPath], want)
		}
	}
	for _, f := range again.Files {
		if f.Quiet {
			t.Errorf("%s: a copy is skipped quietly; it must be reported", f.Path)
		}
	}
	if after := one(t, s, "SELECT count(*) FROM vpc_flow_logs"); after != before {
		t.Errorf("count(*) after loading the copy = %s, want %s", after, before)
	}
	if n := one(t, s, "SELECT count(*) FROM flowduck_files"); n != "3" {
		t.Errorf("manifest has %s entries, want 3 (copies are not recorded)", n)
	}
	mustCheck(t, s.Conn)
}

// TestCopiesInOneRun: two identical files in one load: the second (in path
// order) is the copy.
func TestCopiesInOneRun(t *testing.T) {
	s, _ := openDB(t)
	dir := t.TempDir()
	a := copySample(t, "default-format.log", dir, "a/flows.log")
	b := copySample(t, "default-format.log", dir, "b/flows.log")
	res := mustLoad(t, s, Options{Sources: []string{dir}})
	if res.Loaded != 1 || res.Skipped != 1 || res.Records != 7 {
		t.Fatalf("load = %+v, want one loaded, one copy", res)
	}
	if got, want := reasons(res)[b], "already loaded from "+a; got != want {
		t.Errorf("reason %q, want %q", got, want)
	}
	if got := one(t, s, "SELECT count(*) FROM vpc_flow_logs"); got != "7" {
		t.Errorf("count(*) = %s, want 7", got)
	}
}

// TestForceLoadsACopy: --force loads a copy on purpose: its rows are a
// second copy, and a later load of it without --force is an ordinary
// reload check of its own path.
func TestForceLoadsACopy(t *testing.T) {
	s, _ := openDB(t)
	root := t.TempDir()
	copySample(t, "default-format.log", root, "logs/a.log.gz")
	mustLoad(t, s, Options{Sources: []string{filepath.Join(root, "logs")}})
	copyTree(t, filepath.Join(root, "logs"), filepath.Join(root, "logs2"))
	forced := mustLoad(t, s, Options{Sources: []string{filepath.Join(root, "logs2")}, Force: true})
	if forced.Loaded != 1 || forced.Records != 7 {
		t.Fatalf("forced load = %+v, want the copy loaded", forced)
	}
	if got := one(t, s, "SELECT count(*) FROM vpc_flow_logs"); got != "14" {
		t.Errorf("count(*) = %s, want 14 (two copies)", got)
	}
	again := mustLoad(t, s, Options{Sources: []string{root}})
	if again.Loaded != 0 || again.Skipped != 2 {
		t.Fatalf("load after --force = %+v, want both skipped as loaded", again)
	}
	mustCheck(t, s.Conn)
}

// TestChangedFileStillReloads: a file changed at its path reloads (its
// identity is new); a file rewritten with the same content (new mtime)
// reloads in place, not as a copy of itself; and a file changed to the
// content of another loaded file becomes a copy of it, its older rows gone.
func TestChangedFileStillReloads(t *testing.T) {
	s, _ := openDB(t)
	dir := t.TempDir()
	a := copySample(t, "default-format.log", dir, "a.log")
	b := copySample(t, "v5-custom-order.log", dir, "b.log")
	mustLoad(t, s, Options{Sources: []string{dir}})
	touch := func(path, content string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		later := time.Now().Add(time.Duration(len(content)) * time.Minute)
		if err := os.Chtimes(path, later, later); err != nil {
			t.Fatal(err)
		}
	}
	orig, _ := os.ReadFile(a)
	lines := strings.SplitAfter(string(orig), "\n")

	touch(a, lines[0]+lines[1])
	changed := mustLoad(t, s, Options{Sources: []string{dir}})
	if changed.Loaded != 1 || changed.Records != 2 {
		t.Fatalf("load after change = %+v, want a.log reloaded", changed)
	}
	touch(a, lines[0]+lines[1])
	same := mustLoad(t, s, Options{Sources: []string{dir}})
	if same.Loaded != 1 || same.Records != 2 {
		t.Fatalf("load after rewrite = %+v, want a.log reloaded in place", same)
	}
	if got := one(t, s, "SELECT count(*) FROM vpc_flow_logs"); got != "4" {
		t.Errorf("count(*) = %s, want 4", got)
	}

	content, _ := os.ReadFile(b)
	touch(a, string(content))
	became := mustLoad(t, s, Options{Sources: []string{dir}})
	if became.Loaded != 0 || reasons(became)[a] != "already loaded from "+b {
		t.Fatalf("load after a.log became b.log = %+v, want a copy of b.log", became)
	}
	if got := one(t, s, "SELECT count(*) FROM vpc_flow_logs"); got != "2" {
		t.Errorf("count(*) = %s, want 2 (b.log once, a.log's older rows gone)", got)
	}
	mustCheck(t, s.Conn)
}

// TestCopyByETag: an S3 object with the ETag of a loaded object at another
// key is a copy and is not downloaded; the object's own key with its own
// ETag is the ordinary "loaded already", and an object changed at its key is
// compared by content after download instead.
func TestCopyByETag(t *testing.T) {
	m := manifest{entries: map[string]manifestEntry{
		"s3://b/AWSLogs/1/x.log.gz":        {ETag: `"e1"`},
		"s3://b/backup/AWSLogs/1/y.log.gz": {ETag: `"e2"`},
		"s3://b/notes.txt":                 {ETag: `"e3"`, Skipped: "not a flow-log file"},
	}}
	c := newCopies(m)
	cases := []struct {
		name, uri, etag, want string
	}{
		{"copy at another key", "s3://b/copy/x.log.gz", `"e1"`, "s3://b/AWSLogs/1/x.log.gz"},
		{"its own key", "s3://b/AWSLogs/1/x.log.gz", `"e1"`, ""},
		{"changed at a loaded key", "s3://b/backup/AWSLogs/1/y.log.gz", `"e1"`, ""},
		{"copy of a skipped file", "s3://b/notes2.txt", `"e3"`, ""},
		{"no etag", "s3://b/z.log", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := c.ofETag(m, tc.uri, tc.etag)
			if got != tc.want {
				t.Errorf("ofETag(%s, %s) = %q, want %q", tc.uri, tc.etag, got, tc.want)
			}
		})
	}
}

// TestCopyOfFileLoadedBeforeIdentities: a database written before files
// carried an identity (no content column) gains the column on the next
// load; a copy of a file it loaded is recognised as long as that file is
// still where it was loaded from, unchanged, and its identity is saved.
func TestCopyOfFileLoadedBeforeIdentities(t *testing.T) {
	s, _ := openDB(t)
	root := t.TempDir()
	orig := copySample(t, "default-format.log", root, "logs/a.log.gz")
	copySample(t, "v5-custom-order.log", root, "logs/b.log")
	mustLoad(t, s, Options{Sources: []string{filepath.Join(root, "logs")}})
	if _, err := s.Conn.ExecContext(t.Context(), "ALTER TABLE flowduck_files DROP COLUMN content"); err != nil {
		t.Fatal(err)
	}
	copyTree(t, filepath.Join(root, "logs"), filepath.Join(root, "logs2"))
	if err := os.Remove(filepath.Join(root, "logs", "b.log")); err != nil {
		t.Fatal(err)
	}
	res := mustLoad(t, s, Options{Sources: []string{filepath.Join(root, "logs2")}})
	if res.Loaded != 1 || res.Skipped != 1 {
		t.Fatalf("load = %+v, want a.log.gz recognised, b.log (gone from where it was loaded) loaded", res)
	}
	if got, want := reasons(res)[filepath.Join(root, "logs2", "a.log.gz")], "already loaded from "+orig; got != want {
		t.Errorf("reason %q, want %q", got, want)
	}
	if got := one(t, s, "SELECT count(*) FROM flowduck_files WHERE content IS NOT NULL"); got != "2" {
		t.Errorf("%s files with an identity, want 2 (a.log.gz filled in, logs2/b.log new)", got)
	}
	mustCheck(t, s.Conn)
}

// TestCopyOfReplacedContent: a file changed at its path no longer holds its
// older content, so a new file with that older content is not a copy of it
// and loads.
func TestCopyOfReplacedContent(t *testing.T) {
	s, _ := openDB(t)
	dir := t.TempDir()
	a := copySample(t, "default-format.log", dir, "a.log")
	mustLoad(t, s, Options{Sources: []string{dir}})
	orig, _ := os.ReadFile(a)
	writeFile(t, dir, "moved/a.log", string(orig))
	lines := strings.SplitAfter(string(orig), "\n")
	if err := os.WriteFile(a, []byte(lines[0]), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(a, later, later); err != nil {
		t.Fatal(err)
	}
	res := mustLoad(t, s, Options{Sources: []string{dir}})
	if res.Loaded != 2 || res.Skipped != 0 || res.Records != 8 {
		t.Fatalf("load = %+v, want a.log reloaded and moved/a.log loaded", res)
	}
	if got := one(t, s, "SELECT count(*) FROM vpc_flow_logs"); got != "8" {
		t.Errorf("count(*) = %s, want 8", got)
	}
	mustCheck(t, s.Conn)
}
