package loader

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// DuckDB's readers take a path as a glob pattern (`*`, `?`, `[...]`), and its
// strings must be valid UTF-8. A user's file is therefore never handed to
// DuckDB under a name that could glob or is not UTF-8: such a file is read
// through a symbolic link with a plain name in a temporary directory of the
// run (a copy where links are not possible). Ordinary names, nearly all of
// them, are read where they are.

// plainName reports whether DuckDB reads path as exactly that file.
func plainName(path string) bool {
	return utf8.ValidString(path) && !strings.ContainsAny(path, "*?[]{}")
}

// scratch is a run's temporary directory, created when first needed.
type scratch struct {
	dir string
	n   int
}

// path returns a new plain path in the directory, ending in ext (when ext
// is itself plain) so that DuckDB recognises the compression by name.
func (s *scratch) path(ext string) (string, error) {
	if s.dir == "" {
		dir, err := os.MkdirTemp("", "flowduck-load-*")
		if err != nil {
			return "", fmt.Errorf("temporary directory: %w", err)
		}
		s.dir = dir
	}
	s.n++
	if !plainName(ext) || strings.ContainsAny(ext, `/\`) {
		ext = ""
	}
	return filepath.Join(s.dir, fmt.Sprintf("%d%s", s.n, ext)), nil
}

// alias returns a plain path through which DuckDB reads local.
func (s *scratch) alias(local string) (string, error) {
	p, err := s.path(filepath.Ext(local))
	if err != nil {
		return "", err
	}
	if err := os.Symlink(local, p); err == nil {
		return p, nil
	}
	return p, copyPrefix(local, p, -1)
}

// remove deletes the directory and everything in it.
func (s *scratch) remove() {
	if s.dir != "" {
		_ = os.RemoveAll(s.dir)
	}
}

// copyPrefix copies the first n bytes of src to dst (all of it if n < 0).
func copyPrefix(src, dst string, n int64) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	var r io.Reader = in
	if n >= 0 {
		r = io.LimitReader(in, n)
	}
	if _, err := io.Copy(out, r); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", src, err)
	}
	return out.Close()
}

// displayKey is the manifest key of a local path: the path itself, or when
// it is not valid UTF-8, the path quoted with Go's escapes ("/logs/\xff.log",
// quotes included, which no absolute path starts with).
func displayKey(abs string) string {
	if utf8.ValidString(abs) {
		return abs
	}
	return fmt.Sprintf("%q", abs)
}
