package loader

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMessyFileKeepsEveryLine loads a file with blank lines, a repeated
// header, a double space, garbage, a stray quote, text in a numeric column,
// an extra field and no final newline: good lines load (the double space is
// salvaged), the header repeat is dropped, every other line is a reject with
// its line number, verbatim text and reason.
func TestMessyFileKeepsEveryLine(t *testing.T) {
	for _, compressed := range []bool{false, true} {
		name := map[bool]string{false: "plain", true: "gzip"}[compressed]
		t.Run(name, func(t *testing.T) {
			s, _ := openDB(t)
			rel := "messy.log"
			if compressed {
				rel += ".gz"
			}
			b, err := os.ReadFile(filepath.Join("testdata", "messy.log"))
			if err != nil {
				t.Fatal(err)
			}
			content := string(b)
			if compressed {
				content = gz(t, b)
			}
			path := writeFile(t, t.TempDir(), rel, content)
			res := mustLoad(t, s, Options{Sources: []string{path}})
			if res.Loaded != 1 || res.Records != 4 || res.Rejects != 4 {
				t.Fatalf("result = %+v, want 1 file, 4 records, 4 rejects", res)
			}
			gotRecords := query(t, s.Conn, "SELECT srcaddr, srcport, dstaddr FROM vpc_flow_logs ORDER BY start")
			wantRecords := [][]string{
				{"10.0.0.1", "443", "10.0.0.2"},
				{"10.0.0.3", "22", "10.0.0.4"},
				{"10.0.0.5", "53", "10.0.0.6"},
				{"10.0.0.11", "80", "10.0.0.12"},
			}
			if diff := cmp.Diff(wantRecords, gotRecords); diff != "" {
				t.Errorf("records (-want +got):\n%s", diff)
			}
			gotRejects := query(t, s.Conn, "SELECT line, reason, text FROM flowduck_rejects ORDER BY line")
			wantRejects := [][]string{
				{"4", `srcport: "x" is not an integer`, "2 123456789010 eni-aaaa 10.0.0.1 10.0.0.2 x 51000 6 10 840 1700000000 1700000060 ACCEPT OK"},
				{"7", "expected 14 fields, found 4", "this line is garbage"},
				{"9", "expected 14 fields, found 15", "2 123456789010 eni-aaaa 10.0.0.7 10.0.0.8 53 51003 17 1 80 1700000003 1700000063 ACCEPT OK 99"},
				{"10", `srcport: ""80" is not an integer`, `2 123456789010 eni-aaaa 10.0.0.9 10.0.0.10 "80 51004 6 2 120 1700000004 1700000064 ACCEPT OK`},
			}
			if diff := cmp.Diff(wantRejects, gotRejects); diff != "" {
				t.Errorf("rejects (-want +got):\n%s", diff)
			}
			if got := one(t, s, "SELECT count(*) FROM flowduck_rejects WHERE path = ?", path); got != "4" {
				t.Errorf("rejects name the file: %s of 4", got)
			}
		})
	}
}
