package dbtest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/flowduck/flowduck/internal/duck"
)

// Open opens a session on a new database file in a temporary directory
// (its path is the session's Path), closed when the test ends.
func Open(t testing.TB) *duck.Session {
	t.Helper()
	return OpenPath(t, filepath.Join(t.TempDir(), "test.duckdb"))
}

// OpenMemory opens a session on a new in-memory database, closed when the
// test ends.
func OpenMemory(t testing.TB) *duck.Session {
	t.Helper()
	return OpenPath(t, duck.MemoryPath)
}

// OpenPlain opens a session on a new in-memory database without the Athena
// dialect (DuckDB's own SQL, where 1/3 is 0.333…), closed when the test ends.
func OpenPlain(t testing.TB) *duck.Session {
	t.Helper()
	return OpenOptions(t, duck.Options{Path: duck.MemoryPath, Plain: true})
}

// OpenPath opens a session on the database at path (created if missing),
// closed when the test ends.
func OpenPath(t testing.TB, path string) *duck.Session {
	t.Helper()
	return OpenOptions(t, duck.Options{Path: path})
}

// OpenOptions opens a session with opts, closed when the test ends.
func OpenOptions(t testing.TB, opts duck.Options) *duck.Session {
	t.Helper()
	s, err := duck.Open(context.Background(), opts)
	if err != nil {
		t.Fatalf("open %s: %v", opts.Path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
