package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flowduck/flowduck/internal/iostreams"
)

// TestTraceFromEnvironment: FLOWDUCK_TRACE=1 makes load print its step
// timings on stderr; without it there are none.
func TestTraceFromEnvironment(t *testing.T) {
	sample, err := os.ReadFile(filepath.Join("..", "..", "loader", "testdata", "samples", "default-format.log"))
	if err != nil {
		t.Fatal(err)
	}
	for _, trace := range []string{"", "1"} {
		t.Run("FLOWDUCK_TRACE="+trace, func(t *testing.T) {
			dir := t.TempDir()
			src := filepath.Join(dir, "a.log")
			if err := os.WriteFile(src, sample, 0o644); err != nil {
				t.Fatal(err)
			}
			env := map[string]string{"FLOWDUCK_TRACE": trace}
			streams, stdout, stderr := iostreams.Test("")
			args := []string{"--db", filepath.Join(dir, "t.duckdb"), "load", src}
			if code := run(context.Background(), args, streams, func(k string) string { return env[k] }); code != exitOK {
				t.Fatalf("load exit code %d: %s", code, stderr)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout %q, want nothing: the trace goes to stderr", stdout)
			}
			got := strings.Contains(stderr.String(), "trace: commit ")
			if want := trace != ""; got != want {
				t.Errorf("stderr has the commit step's trace: %v, want %v:\n%s", got, want, stderr)
			}
		})
	}
}
