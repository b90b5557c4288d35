// Package duck opens flowduck's DuckDB database and prepares each session: one
// pinned connection with the session settings and, unless the session is
// plain, the Athena dialect (package dialect) installed.
package duck

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/flowduck/flowduck/internal/dialect"
)

// DefaultPath is the database file used when neither --db nor FLOWDUCK_DB is set.
const DefaultPath = "flowduck.duckdb"

// MemoryPath opens a database that lives only as long as the process.
const MemoryPath = ":memory:"

// Options configure one session.
type Options struct {
	// Path is the database file, or MemoryPath. It is a plain file name: a
	// '?' is part of the name (DuckDB options are never read from it) and a
	// prefix such as md: names a file, not a service.
	Path string
	// TZ is the IANA time zone timestamps are shown in; empty means UTC.
	TZ string
	// Threads caps DuckDB's worker threads; 0 keeps DuckDB's default (all cores).
	Threads int
	// MemoryLimit is DuckDB's memory_limit (e.g. "4GB"); empty keeps the default.
	MemoryLimit string
	// ReadOnly opens the file read-only, so several readers can share it.
	// A file that does not exist is an error (*NoDatabaseError) rather than
	// a new empty database, unless Deferred is set.
	ReadOnly bool
	// Deferred, with ReadOnly, starts a session on a file that does not
	// exist yet on an empty in-memory database; Writable then creates the
	// file. Deferred says nothing for a file that exists.
	Deferred bool
	// Plain skips the Athena dialect, for sessions that run only flowduck's
	// own SQL (loading, listing, exporting): installing it costs tens of
	// milliseconds, a third of a load that finds nothing new.
	Plain bool
	// Extensions lets DuckDB install and load extensions on demand (from
	// the internet) and allows community extensions, as DuckDB does by
	// default. Off, only the extensions built into flowduck (parquet, json,
	// icu, core_functions) are available, and a statement that needs
	// another fails with DuckDB's "missing extension" error.
	Extensions bool
}

// Session is an open database with one pinned connection. DuckDB settings,
// temporary macros and temporary tables live on a connection, so everything a
// session does goes through Conn. Writable may replace DB and Conn.
type Session struct {
	DB   *sql.DB
	Conn *sql.Conn
	Path string

	opts     Options
	readOnly bool
	deferred bool
	// baseline is the settings of a read-only session as opened, to tell
	// the ones the user changed when Writable reopens it.
	baseline []setting
}

// Open opens the database at opts.Path (creating it unless opts.ReadOnly),
// pins one connection, applies the session settings and installs the Athena
// dialect.
func Open(ctx context.Context, opts Options) (*Session, error) {
	if opts.Path == "" {
		opts.Path = DefaultPath
	}
	s := &Session{Path: opts.Path, opts: opts}
	if err := s.open(ctx, opts.ReadOnly); err != nil {
		return nil, err
	}
	return s, nil
}

// open opens the session's file read-only or read-write and configures its
// connection; on success it replaces s.DB and s.Conn.
func (s *Session) open(ctx context.Context, readOnly bool) error {
	path := s.Path
	if path == MemoryPath {
		readOnly = false // DuckDB cannot open an in-memory database read-only
	}
	target := openTarget{path: path, readOnly: readOnly, extensions: s.opts.Extensions}
	deferred := false
	if path != MemoryPath {
		exists, err := checkFile(path)
		if err != nil {
			return err
		}
		if !exists && readOnly {
			if !s.opts.Deferred {
				return &NoDatabaseError{Path: path}
			}
			target, deferred = openTarget{path: MemoryPath, extensions: s.opts.Extensions}, true
		}
	}
	db, conn, err := target.open(ctx)
	if err != nil {
		return openError(path, err)
	}
	if err := configure(ctx, conn, s.opts); err != nil {
		conn.Close()
		db.Close()
		return err
	}
	s.DB, s.Conn, s.readOnly, s.deferred = db, conn, readOnly && !deferred, deferred
	if readOnly {
		s.baseline = settings(ctx, conn)
	}
	return nil
}

// NoDatabaseError means a session that only reads was asked to open a
// database file that does not exist: reading must not create it.
type NoDatabaseError struct{ Path string }

// Error says what is missing and how to create it.
func (e *NoDatabaseError) Error() string {
	return fmt.Sprintf("database %s does not exist; run 'flowduck load SOURCE' to create it", e.Path)
}

// configure applies the per-connection settings and the dialect, whose
// macros are installed as statements name them (dialect.InstallLazy).
func configure(ctx context.Context, conn *sql.Conn, opts Options) error {
	tz := opts.TZ
	if tz == "" {
		tz = "UTC"
	}
	settings := []string{fmt.Sprintf("SET TimeZone = '%s'", escapeLiteral(tz))}
	if opts.Threads > 0 {
		settings = append(settings, fmt.Sprintf("SET threads = %d", opts.Threads))
	}
	if opts.MemoryLimit != "" {
		settings = append(settings, fmt.Sprintf("SET memory_limit = '%s'", escapeLiteral(opts.MemoryLimit)))
	}
	for _, stmt := range settings {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("configure session (%s): %w", stmt, err)
		}
	}
	if opts.Plain {
		return nil
	}
	if err := dialect.InstallLazy(ctx, conn); err != nil {
		return fmt.Errorf("install athena dialect: %w", err)
	}
	return nil
}

// Files returns the paths of the database's own files (the database and its
// write-ahead log), or none for an in-memory database.
func (s *Session) Files() []string {
	if s.Path == MemoryPath {
		return nil
	}
	return []string{s.Path, s.Path + ".wal"}
}

// Close releases the connection and the database.
func (s *Session) Close() error {
	dialect.Forget(s.Conn)
	return errors.Join(s.Conn.Close(), s.DB.Close())
}

// ErrLocked means another process holds the database file open for writing.
var ErrLocked = errors.New("database is in use by another process")

// ErrNotDatabase means the file exists but is not a DuckDB database.
var ErrNotDatabase = errors.New("not a DuckDB database file")

// lockHolder finds the process DuckDB names in a lock conflict:
// `Conflicting lock is held in /usr/bin/flowduck (PID 123). See also ...`.
var lockHolder = regexp.MustCompile(`held in (.+?) \(PID (\d+)\)`)

// openError turns DuckDB's open failures into errors that name the file and
// say what to do.
func openError(path string, err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "Could not set lock") || strings.Contains(msg, "Conflicting lock"):
		holder := ""
		if m := lockHolder.FindStringSubmatch(msg); m != nil {
			holder = fmt.Sprintf(" (PID %s, %s)", m[2], filepath.Base(m[1]))
		}
		return fmt.Errorf("open %s: %w%s; wait for it to finish or close it, or use --db for another file", path, ErrLocked, holder)
	case strings.Contains(msg, "not a valid DuckDB database file"):
		return fmt.Errorf("open %s: %w; pass --db with a new or existing .duckdb file", path, ErrNotDatabase)
	}
	if _, statErr := os.Stat(path); statErr != nil && path != MemoryPath && !errors.Is(statErr, os.ErrNotExist) {
		return fmt.Errorf("open %s: %w", path, statErr)
	}
	return fmt.Errorf("open %s: %w", path, err)
}

// escapeLiteral doubles single quotes for use inside a SQL string literal.
func escapeLiteral(s string) string { return strings.ReplaceAll(s, "'", "''") }
