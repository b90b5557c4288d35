package loader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSymlinkedSourceAndTree: a directory symlink given as SOURCE and
// symlinked files and directories inside a tree are followed; a link loop
// and two paths to one file load each file once.
func TestSymlinkedSourceAndTree(t *testing.T) {
	s, _ := openDB(t)
	base := t.TempDir()
	real := filepath.Join(base, "real")
	copySample(t, "default-format.log", real, "a.log")
	other := filepath.Join(base, "other")
	copySample(t, "v5-custom-order.log", other, "b.log")
	copySample(t, "v3-tcp-flags.log", other, "sub/c.log")
	mustSymlink(t, filepath.Join(other, "b.log"), filepath.Join(real, "b-link.log"))
	mustSymlink(t, filepath.Join(other, "sub"), filepath.Join(real, "sub-link"))
	mustSymlink(t, real, filepath.Join(real, "loop"))                          // a loop
	mustSymlink(t, filepath.Join(real, "a.log"), filepath.Join(real, "z.log")) // a second path to a.log
	src := filepath.Join(base, "src-link")
	mustSymlink(t, real, src)

	res := mustLoad(t, s, Options{Sources: []string{src}})
	if res.Loaded != 3 || res.Records != 17 || res.Failed != 0 {
		t.Fatalf("load through links = %+v, want a.log, b.log and c.log once each (17 records)", res)
	}
	mustCheck(t, s.Conn)
}

// TestUnreadableSubdirectoryIsSkipped: a directory that cannot be read is
// skipped with the reason; the rest of the tree loads.
func TestUnreadableSubdirectoryIsSkipped(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every directory")
	}
	s, _ := openDB(t)
	dir := t.TempDir()
	copySample(t, "default-format.log", dir, "a.log")
	locked := filepath.Join(dir, "locked")
	copySample(t, "v5-custom-order.log", locked, "b.log")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(locked, 0o755) })
	res := mustLoad(t, s, Options{Sources: []string{dir}})
	if res.Loaded != 1 || res.Records != 7 || res.Skipped != 1 {
		t.Fatalf("load = %+v, want a.log loaded and the directory skipped", res)
	}
	var reason string
	for _, f := range res.Files {
		if f.Path == locked {
			reason = f.Reason
		}
	}
	if !strings.Contains(reason, "unreadable directory: permission denied") || res.Files[0].Quiet {
		t.Errorf("skipped %s with reason %q, want it said", locked, reason)
	}
}

func mustSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}
