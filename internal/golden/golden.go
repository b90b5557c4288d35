// Package golden compares test output with golden files under testdata/ and
// rewrites them with `go test -update`. It has no dependency on the database,
// so every package's tests can use it (internal/dbtest is for tests that open
// one).
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// update is `go test -update`: rewrite golden files instead of comparing.
var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// Check compares got with the golden file at path; with -update it writes
// got there instead (creating its directory).
func Check(t testing.TB, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}
