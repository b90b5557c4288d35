package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }

func TestCheck(t *testing.T) {
	defer func(u bool) { *update = u }(*update)
	*update = false
	path := filepath.Join(t.TempDir(), "out.txt")
	if err := os.WriteFile(path, []byte("one\ntwo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	same := &recorder{TB: t}
	Check(same, path, "one\ntwo\n")
	if len(same.errors) != 0 {
		t.Errorf("equal text reported: %v", same.errors)
	}
	other := &recorder{TB: t}
	Check(other, path, "one\n2\n")
	if len(other.errors) != 1 {
		t.Errorf("different text: %d failures, want 1", len(other.errors))
	}
	missing := &recorder{TB: t}
	Check(missing, filepath.Join(t.TempDir(), "none.txt"), "x")
	if len(missing.errors) == 0 || !strings.Contains(missing.errors[0], "-update") {
		t.Errorf("missing golden file: %q, want a failure naming -update", missing.errors)
	}
}
