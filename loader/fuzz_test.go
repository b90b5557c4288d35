package loader

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzSniff feeds arbitrary file heads to the sniffer: it never panics, and
// a head it accepts has fields to load. (The gzip and Parquet magic before it
// are a few byte comparisons; the gzip reader is the standard library's.)
// Seed corpus: testdata/fuzz/FuzzSniff. Run: go test -fuzz FuzzSniff ./loader/
func FuzzSniff(f *testing.F) {
	for _, name := range []string{"default-format.log", "v3-tcp-flags.log", "v5-custom-order.log"} {
		b, err := os.ReadFile(filepath.Join("testdata", "samples", name))
		if err != nil {
			f.Fatal(err)
		}
		lines := strings.SplitAfterN(string(b), "\n", 4)
		f.Add([]byte(strings.Join(lines[:3], "")), true)
	}
	// The CloudWatch shapes, whole.
	for _, name := range []string{"cloudwatch-console-paste.txt", "json-messages.jsonl", "firehose-subscription.json", "cloudwatch-insights-export.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", "samples", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, true)
	}
	f.Fuzz(func(t *testing.T, head []byte, complete bool) {
		var s Sniffed
		if err := sniffHead(&s, head, complete, nil); err != nil {
			if !errors.Is(err, errNotFlowLog) {
				t.Errorf("sniffHead(%q) = %v, want errNotFlowLog", head, err)
			}
			return
		}
		if len(s.Fields) == 0 {
			t.Errorf("sniffHead accepted %q with no fields: %+v", head, s)
		}
		if s.HasHeader && s.Header == "" {
			t.Errorf("sniffHead found a header in %q but kept none", head)
		}
	})
}

// FuzzClassifyLine feeds arbitrary lines to the line classifier and the
// record-shape decision: they never panic and agree with each other.
// Seed corpus: testdata/fuzz/FuzzClassifyLine.
func FuzzClassifyLine(f *testing.F) {
	f.Add("2 123456789010 eni-1 10.0.0.1 10.0.0.2 443 50000 6 10 840 1700000000 1700000060 ACCEPT OK")
	f.Add("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status")
	f.Add("2021-03-03T12:00:00.000Z 2 123456789010 eni-1 10.0.0.1 10.0.0.2 443 50000 6 10 840 1700000000 1700000060 ACCEPT OK")
	f.Add("   \t ")
	f.Add("\ufeff\x00\xff")
	f.Fuzz(func(t *testing.T, line string) {
		s := classifyLine(line)
		if s.blank != (strings.TrimSpace(strings.TrimPrefix(line, "\ufeff")) == "") {
			t.Errorf("classifyLine(%q).blank = %v", line, s.blank)
		}
		if s.header && len(s.fields) == 0 {
			t.Errorf("classifyLine(%q) is a header without fields", line)
		}
		if s.tokens < 0 || (!s.blank && !s.header && s.tokens+boolInt(s.iso) != len(strings.Fields(strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))))) {
			t.Errorf("classifyLine(%q).tokens = %d", line, s.tokens)
		}
		lines := headLines([]byte(line+"\n"+line+"\n"+line), sniffLines, true)
		if iso, ok := recordShape(lines, 0); ok && !s.blank && (s.header || iso != s.iso) {
			t.Errorf("recordShape of three %q = %v, %v; classifyLine says %+v", line, iso, ok, s)
		}
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
