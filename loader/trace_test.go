package loader

import (
	"regexp"
	"strings"
	"testing"
)

// TestTrace: with Options.Trace set, a load writes one timing line per step
// to it; without it, nothing is traced anywhere.
func TestTrace(t *testing.T) {
	s, _ := openDB(t)
	dir := t.TempDir()
	src := copySample(t, "default-format.log", dir, "a.log")
	var trace strings.Builder
	mustLoad(t, s, Options{Sources: []string{src}, Trace: &trace})
	lines := strings.Split(strings.TrimSuffix(trace.String(), "\n"), "\n")
	step := regexp.MustCompile(`^trace: \S.* wall +\S+ +cpu +\S+ +\(at \S+\)$`)
	for _, l := range lines {
		if !step.MatchString(l) {
			t.Errorf("trace line %q is not a step timing", l)
		}
	}
	if !strings.HasPrefix(lines[0], "trace: manifest and discovery ") {
		t.Errorf("first trace line %q, want the manifest and discovery step", lines[0])
	}
	if len(lines) < 2 {
		t.Errorf("trace has %d line(s), want one per step:\n%s", len(lines), trace.String())
	}
	if tr := newTracer(nil); tr.w != nil {
		t.Errorf("newTracer(nil) writes to %v, want no trace", tr.w)
	}
}
