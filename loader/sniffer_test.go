package loader

import (
	"strings"
	"testing"
)

// TestDamagedFirstLine: a headerless file whose first line is damaged is
// still flow logs: it loads, with that line rejected, instead of being
// skipped silently. Its neighbour that is not flow logs is skipped with the
// reason, and recorded in the manifest as skipped.
func TestDamagedFirstLine(t *testing.T) {
	s, _ := openDB(t)
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("2 123456789010 eni-1 10.0.0.1 10.0.0.2 443 50000 6 10 840 1700000000 ACCEPT OK\n") // 13 fields
	for range 999 {
		b.WriteString("2 123456789010 eni-1 10.0.0.1 10.0.0.2 443 50000 6 10 840 1700000000 1700000060 ACCEPT OK\n")
	}
	writeFile(t, dir, "damaged.log", b.String())
	writeFile(t, dir, "README.txt", "these are my investigation notes\nabout the incident\n")
	res := mustLoad(t, s, Options{Sources: []string{dir}})
	if res.Loaded != 1 || res.Records != 999 || res.Rejects != 1 || res.Skipped != 1 {
		t.Fatalf("load = %+v, want 999 records, 1 reject, README skipped", res)
	}
	if got := one(t, s, "SELECT line || ': ' || reason FROM flowduck_rejects"); got != "1: expected 14 fields, found 13" {
		t.Errorf("reject = %q", got)
	}
	if got := one(t, s, "SELECT skipped FROM flowduck_files WHERE path LIKE '%README.txt'"); !strings.HasPrefix(got, "not a flow-log file: line 1") {
		t.Errorf("manifest reason for README.txt = %q", got)
	}
	mustCheck(t, s.Conn)
	again := mustLoad(t, s, Options{Sources: []string{dir}})
	if again.Loaded != 0 || again.Skipped != 2 {
		t.Errorf("second load = %+v, want both skipped", again)
	}
	for _, f := range again.Files {
		if !f.Quiet {
			t.Errorf("second load: %+v is not a routine skip", f)
		}
	}
}

// TestBlankLinesOfSpaces: a line of only spaces is blank, not a reject.
func TestBlankLinesOfSpaces(t *testing.T) {
	s, _ := openDB(t)
	dir := t.TempDir()
	writeFile(t, dir, "a.log", "2 123456789010 eni-1 10.0.0.1 10.0.0.2 443 50000 6 10 840 1700000000 1700000060 ACCEPT OK\n    \n\t \n"+
		"2 123456789010 eni-1 10.0.0.1 10.0.0.2 443 50000 6 10 840 1700000000 1700000060 ACCEPT OK\n")
	res := mustLoad(t, s, Options{Sources: []string{dir}})
	if res.Records != 2 || res.Rejects != 0 {
		t.Fatalf("load = %+v, want 2 records and no reject", res)
	}
}

// TestRecordShape: the sniffer's decision on the first lines of a
// headerless file.
func TestRecordShape(t *testing.T) {
	rec := "2 123456789010 eni-1 10.0.0.1 10.0.0.2 443 50000 6 10 840 1700000000 1700000060 ACCEPT OK"
	cases := []struct {
		name    string
		lines   []string
		iso, ok bool
	}{
		{"good first line", []string{rec}, false, true},
		{"damaged first line, good rest", []string{"2 x", rec, rec}, false, true},
		{"only one line, damaged", []string{"2 x"}, false, false},
		{"prose", []string{"these are notes", "more notes here", rec}, false, false},
		{"cloudwatch export", []string{"2021-03-03T12:00:00.000Z " + rec}, true, true},
		{"cloudwatch, damaged first", []string{"garbage", "2021-03-03T12:00:00.000Z " + rec, "2021-03-03T12:00:00.000Z " + rec}, true, true},
		{"empty", nil, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			iso, ok := recordShape(tc.lines, 14)
			if iso != tc.iso || ok != tc.ok {
				t.Errorf("recordShape = %v, %v; want %v, %v", iso, ok, tc.iso, tc.ok)
			}
		})
	}
}
