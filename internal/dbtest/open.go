package dbtest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/flowduck/flowduck/internal/dialect"
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

// OpenLazy opens a session on a new in-memory database exactly as flowduck
// opens one: the Athena dialect's macros are created as statements name
// them (dialect.Ensure), so a test must run its statements the way flowduck
// does (dialect.Run, a report, the shell). Opening it costs a fraction of
// what OpenMemory's session does.
func OpenLazy(t testing.TB) *duck.Session {
	t.Helper()
	s, err := duck.Open(context.Background(), shortThreads(duck.Options{Path: duck.MemoryPath}))
	if err != nil {
		t.Fatalf("open %s: %v", duck.MemoryPath, err)
	}
	t.Cleanup(func() { closeUnchecked(s) })
	return s
}

// OpenOptions opens a session with opts, closed when the test ends. Unless
// opts.Plain, it has the whole Athena dialect installed at once (a session
// of flowduck installs each macro when a statement first names it), so a
// test may call any macro directly on Conn.
func OpenOptions(t testing.TB, opts duck.Options) *duck.Session {
	t.Helper()
	ctx := context.Background()
	s, err := duck.Open(ctx, shortThreads(opts))
	if err != nil {
		t.Fatalf("open %s: %v", opts.Path, err)
	}
	t.Cleanup(func() { closeUnchecked(s) })
	if !opts.Plain {
		if err := dialect.Install(ctx, s.Conn); err != nil {
			t.Fatalf("install the dialect on %s: %v", opts.Path, err)
		}
	}
	return s
}

// shortThreads gives a session one DuckDB worker thread under -short, unless
// opts asks for a number: on a test's few records a second thread costs CPU
// and buys nothing (about a fifth of the loader's short run). The full run
// keeps DuckDB's default, all cores, as flowduck runs.
func shortThreads(opts duck.Options) duck.Options {
	if testing.Short() && opts.Threads == 0 {
		opts.Threads = 1
	}
	return opts
}

// closeUnchecked closes a session at the end of a test without DuckDB's
// checkpoint on shutdown (tens of milliseconds after a load): the database
// is thrown away. A test that closes its session itself, to reopen it or to
// check the file, gets the checkpoint as flowduck does.
func closeUnchecked(s *duck.Session) {
	_, _ = s.Conn.ExecContext(context.Background(), "PRAGMA disable_checkpoint_on_shutdown")
	s.Close()
}
