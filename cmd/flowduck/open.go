package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/flowduck/flowduck/internal/duck"
)

// open opens the database read-write (creating it) for a command that
// changes it and runs the user's SQL, with the Athena dialect.
func (g *globalOptions) open(ctx context.Context) (*duck.Session, error) {
	return g.openSession(ctx, duck.Options{})
}

// openPlain opens the database read-write (creating it) for a command that
// changes it with flowduck's own SQL (load, view): no dialect to install.
func (g *globalOptions) openPlain(ctx context.Context) (*duck.Session, error) {
	return g.openSession(ctx, duck.Options{Plain: true})
}

// openReader opens the database read-only for a command that only reads
// it (run, files, rejects, export), so that it runs next to a shell or
// another reader; plain skips the dialect. A database that does not exist
// is an error, not a new empty file.
func (g *globalOptions) openReader(ctx context.Context, plain bool) (*duck.Session, error) {
	return g.openSession(ctx, duck.Options{ReadOnly: true, Plain: plain})
}

// openReadFirst opens the database read-only for the user's SQL (sql,
// repl): the session becomes read-write (duck.Session.Writable) only when a
// statement writes. A database that does not exist starts deferred, on an
// empty in-memory database, until a write creates it.
func (g *globalOptions) openReadFirst(ctx context.Context) (*duck.Session, error) {
	return g.openSession(ctx, duck.Options{ReadOnly: true, Deferred: true})
}

// openSession opens the database with the global options on top of opts.
// FLOWDUCK_EXTENSIONS=1 lets DuckDB install and load extensions on demand.
func (g *globalOptions) openSession(ctx context.Context, opts duck.Options) (*duck.Session, error) {
	if _, err := g.location(); err != nil {
		return nil, err
	}
	if v := g.getenv("FLOWDUCK_THREADS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return nil, usagef("FLOWDUCK_THREADS=%q: want a positive number of threads", v)
		}
		opts.Threads = n
	}
	switch v := g.getenv("FLOWDUCK_EXTENSIONS"); v {
	case "", "0":
	case "1":
		opts.Extensions = true
	default:
		return nil, usagef("FLOWDUCK_EXTENSIONS=%q: want 1 (DuckDB may install and load extensions) or 0", v)
	}
	opts.Path, opts.TZ, opts.MemoryLimit = g.dbFile(), g.tz, g.getenv("FLOWDUCK_MEMORY_LIMIT")
	s, err := duck.Open(ctx, opts)
	return s, withDatabaseGuess(err)
}

// withDatabaseGuess adds to a missing-database error the flowduck database
// in the current directory the user may have meant (the demo's, say).
func withDatabaseGuess(err error) error {
	var missing *duck.NoDatabaseError
	if !errors.As(err, &missing) {
		return err
	}
	if guess := guessDatabase(missing.Path); guess != "" {
		return fmt.Errorf("%w; did you mean --db %s?", err, guess)
	}
	return err
}

// guessDatabase returns a flowduck*.duckdb file in the current directory
// other than missing, or "".
func guessDatabase(missing string) string {
	names, _ := filepath.Glob("flowduck*.duckdb")
	for _, name := range names {
		if name != filepath.Clean(missing) {
			return name
		}
	}
	return ""
}
