package loader

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGlobCharactersInNames: DuckDB reads a path as a glob pattern, so
// '[x].log' next to 'x.log' once loaded x.log twice and [x].log never. Each
// file now loads exactly its own records.
func TestGlobCharactersInNames(t *testing.T) {
	s, _ := openDB(t)
	dir := t.TempDir()
	copySample(t, "default-format.log", dir, "[x].log")
	copySample(t, "v5-custom-order.log", dir, "x.log")
	copySample(t, "v3-tcp-flags.log", dir, "a*b?.log.gz")
	res := mustLoad(t, s, Options{Sources: []string{dir}})
	if res.Loaded != 3 || res.Failed != 0 {
		t.Fatalf("load = %+v", res)
	}
	got := query(t, s.Conn, `SELECT regexp_extract(path, '[^/]*$'), records FROM flowduck_files ORDER BY 1`)
	want := [][]string{{"[x].log", "7"}, {"a*b?.log.gz", "8"}, {"x.log", "2"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("manifest = %v, want %v", got, want)
	}
	if got := one(t, s, "SELECT count(*) FROM flowduck_records"); got != "17" {
		t.Errorf("records = %s, want 17", got)
	}
	mustCheck(t, s.Conn)
}

// TestNonUTF8FileName: a name that is not UTF-8 no longer fails the whole
// load; it is stored and shown escaped.
func TestNonUTF8FileName(t *testing.T) {
	s, _ := openDB(t)
	dir := t.TempDir()
	bad := copySample(t, "default-format.log", dir, "caf\xe9.log.gz")
	copySample(t, "v5-custom-order.log", dir, "ok.log")
	res := mustLoad(t, s, Options{Sources: []string{dir}})
	if res.Loaded != 2 || res.Records != 9 {
		t.Fatalf("load = %+v, want both files, 9 records", res)
	}
	want := `"` + filepath.Join(dir, "caf") + `\xe9.log.gz"`
	if got := one(t, s, "SELECT path FROM flowduck_files WHERE path LIKE '%caf%'"); got != want {
		t.Errorf("manifest path = %s, want %s", got, want)
	}
	again := mustLoad(t, s, Options{Sources: []string{bad}})
	if again.Skipped != 1 || again.Loaded != 0 {
		t.Errorf("second load = %+v, want the file known by its escaped name", again)
	}
}

// TestGzipTrailer: zero padding or garbage after a valid gzip stream no longer
// refuses the file: its records load and the trailing bytes are one reject
// naming their offset.
func TestGzipTrailer(t *testing.T) {
	for _, tc := range []struct {
		name, tail, what string
	}{
		{"zero padding", strings.Repeat("\x00", 512), "zero padding"},
		{"garbage", "this is not gzip\n", "garbage"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openDB(t)
			dir := t.TempDir()
			b, err := os.ReadFile(filepath.Join("testdata", "samples", "default-format.log"))
			if err != nil {
				t.Fatal(err)
			}
			member := gz(t, b)
			// Two members (as concatenated deliveries are), then the tail.
			path := writeFile(t, dir, "padded.log.gz", member+member+tc.tail)
			copySample(t, "v5-custom-order.log", dir, "other.log")
			res := mustLoad(t, s, Options{Sources: []string{dir}})
			if res.Loaded != 2 || res.Failed != 0 || res.Records != 16 || res.Rejects != 1 {
				t.Fatalf("load = %+v, want 16 records and one reject", res)
			}
			offset := len(member) * 2
			wantReason := strings.Join([]string{itoa(len(tc.tail)), " bytes after the end of the gzip stream at offset ", itoa(offset), " (", tc.what, ") ignored"}, "")
			rows := query(t, s.Conn, "SELECT path, line, reason FROM flowduck_rejects")
			if len(rows) != 1 || rows[0][0] != path || rows[0][1] != "NULL" || rows[0][2] != wantReason {
				t.Errorf("rejects = %v, want %q", rows, wantReason)
			}
			mustCheck(t, s.Conn)
		})
	}
}

// TestTruncatedMemberIsNotTrimmed: bytes after the last complete member that
// start like a gzip member are a damaged member: the file fails, as before.
func TestTruncatedMemberIsNotTrimmed(t *testing.T) {
	s, _ := openDB(t)
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join("testdata", "samples", "default-format.log"))
	if err != nil {
		t.Fatal(err)
	}
	member := gz(t, b)
	writeFile(t, dir, "cut.log.gz", member+member[:len(member)/2])
	res := mustLoad(t, s, Options{Sources: []string{dir}})
	if res.Failed != 1 || res.Records != 0 {
		t.Fatalf("load = %+v, want the file failed", res)
	}
	var buf bytes.Buffer
	buf.WriteString(res.Files[0].Reason)
	if !strings.Contains(buf.String(), "gzip") && !strings.Contains(buf.String(), "GZIP") {
		t.Errorf("reason = %q", buf.String())
	}
}
