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
	"strings"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/flowduck/flowduck/internal/dialect"
)

// DefaultPath is the database file used when neither --db nor FLOWDUCK_DB is set.
const DefaultPath = "flowduck.duckdb"

// MemoryPath opens a database that lives only as long as the process.
const MemoryPath = ":memory:"

// Options configure one session.
type Options struct {
	// Path is the database file, or MemoryPath.
	Path string
	// TZ is the IANA time zone timestamps are shown in; empty means UTC.
	TZ string
	// Threads caps DuckDB's worker threads; 0 keeps DuckDB's default (all cores).
	Threads int
	// MemoryLimit is DuckDB's memory_limit (e.g. "4GB"); empty keeps the default.
	MemoryLimit string
	// ReadOnly opens the file read-only, so several readers can share it.
	ReadOnly bool
	// Plain skips the Athena dialect, for sessions that run only flowduck's
	// own SQL (loading, listing, exporting): installing it costs tens of
	// milliseconds, a third of a load that finds nothing new.
	Plain bool
}

// Session is an open database with one pinned connection. DuckDB settings,
// temporary macros and temporary tables live on a connection, so everything a
// session does goes through Conn.
type Session struct {
	DB   *sql.DB
	Conn *sql.Conn
	Path string
}

// Open opens (creating if needed) the database at opts.Path, pins one
// connection, applies the session settings and installs the Athena dialect.
func Open(ctx context.Context, opts Options) (*Session, error) {
	path := opts.Path
	if path == "" {
		path = DefaultPath
	}
	dsn := path
	if path == MemoryPath {
		dsn = ""
	}
	if opts.ReadOnly && dsn != "" {
		dsn += "?access_mode=READ_ONLY"
	}
	connector, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		return nil, openError(path, err)
	}
	db := sql.OpenDB(connector)
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, openError(path, err)
	}
	s := &Session{DB: db, Conn: conn, Path: path}
	if err := s.configure(ctx, opts); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// configure applies the per-connection settings and the dialect.
func (s *Session) configure(ctx context.Context, opts Options) error {
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
		if _, err := s.Conn.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("configure session (%s): %w", stmt, err)
		}
	}
	if opts.Plain {
		return nil
	}
	if err := dialect.Install(ctx, s.Conn); err != nil {
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
	return errors.Join(s.Conn.Close(), s.DB.Close())
}

// ErrLocked means another process holds the database file open for writing.
var ErrLocked = errors.New("database is in use by another process")

// ErrNotDatabase means the file exists but is not a DuckDB database.
var ErrNotDatabase = errors.New("not a DuckDB database file")

// openError turns DuckDB's open failures into errors that name the file and
// say what to do.
func openError(path string, err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "Could not set lock") || strings.Contains(msg, "Conflicting lock"):
		holder := ""
		if i := strings.Index(msg, "PID "); i >= 0 {
			holder = " (" + strings.TrimRight(strings.Fields(msg[i:])[0]+" "+strings.Fields(msg[i:])[1], ")") + ")"
		}
		return fmt.Errorf("open %s: %w%s; wait for it to finish, or use --db for another file", path, ErrLocked, holder)
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
