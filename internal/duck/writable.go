package duck

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/flowduck/flowduck/internal/dialect"
)

// ReadOnly reports whether the session has its file open read-only (or,
// deferred, no file yet): a write needs Writable first.
func (s *Session) ReadOnly() bool { return s.readOnly || s.deferred }

// Deferred reports whether the session runs on an empty in-memory database
// because its file does not exist yet (Options.Deferred).
func (s *Session) Deferred() bool { return s.deferred }

// Reset is what reopening a session read-write could not carry over from
// the read-only connection.
type Reset struct {
	// Dropped names the temporary tables, views and macros the user had
	// created (and, for a deferred session, the in-memory tables); flowduck's
	// own macros are installed again and are not listed.
	Dropped []string
	// Settings names the settings changed with SET that could not be set
	// again on the new connection.
	Settings []string
}

// Empty reports whether nothing was lost.
func (r Reset) Empty() bool { return len(r.Dropped) == 0 && len(r.Settings) == 0 }

// Writable makes a read-only session read-write. DuckDB lets several
// processes read a file or one process write it, and a database opened
// read-only cannot change its mode, so the session closes its database and
// opens it again read-write (a deferred session creates its file), with the
// session settings and the dialect installed again and the settings the
// user changed with SET applied again. What could not be carried over is in
// the Reset. While the session is read-write, no other process can open
// the file. When the file cannot be opened read-write (another process has
// it open), the session goes back to read-only and the error says so.
func (s *Session) Writable(ctx context.Context) (Reset, error) {
	if !s.ReadOnly() {
		return Reset{}, nil
	}
	before := snapshot(ctx, s.Conn, s.deferred)
	baseline := s.baseline
	if err := s.Close(); err != nil {
		return Reset{}, fmt.Errorf("reopen %s read-write: %w", s.Path, err)
	}
	if err := s.open(ctx, false); err != nil {
		if back := s.open(ctx, true); back != nil {
			return Reset{}, errors.Join(err, back)
		}
		return Reset{}, err
	}
	// The dialect macros the session had installed come back with it.
	if err := dialect.Ensure(ctx, s.Conn, strings.Join(before.objects, " ")); err != nil {
		return Reset{}, err
	}
	after := state{objects: s.reopened(ctx, before.objects), settings: settings(ctx, s.Conn)}
	reset := Reset{Dropped: before.missingFrom(after)}
	for _, set := range before.settings {
		if slices.Contains(baseline, set) || slices.Contains(after.settings, set) {
			continue // not changed by the user, or already so
		}
		stmt := fmt.Sprintf("SET %s = '%s'", quoteIdent(set.name), escapeLiteral(set.value))
		if _, err := s.Conn.ExecContext(ctx, stmt); err != nil {
			reset.Settings = append(reset.Settings, set.name)
		}
	}
	return reset, nil
}

// IsReadOnlyError reports whether err is DuckDB refusing a statement
// because the database is open read-only. DuckDB gives this error no type
// of its own, so its message is the only sign.
func IsReadOnlyError(err error) bool {
	return err != nil && strings.Contains(err.Error(), "read-only mode")
}

// setting is one DuckDB setting and its value.
type setting struct{ name, value string }

// state is what a connection holds that a reopen loses: the user's
// temporary objects and the settings.
type state struct {
	objects  []string
	settings []setting
}

// snapshot reads the connection's temporary objects (and with memory, the
// tables of the in-memory database) and its settings. It is best effort: a
// failed query leaves its part empty.
func snapshot(ctx context.Context, conn *sql.Conn, memory bool) state {
	var st state
	st.objects = strings1(ctx, conn, `
SELECT name FROM (
  SELECT database_name, table_name AS name FROM duckdb_tables()
  UNION ALL SELECT database_name, view_name FROM duckdb_views() WHERE NOT internal
  UNION ALL SELECT database_name, function_name FROM duckdb_functions() WHERE function_type IN ('macro', 'table_macro')
) WHERE database_name = 'temp' OR (? AND database_name = 'memory')
ORDER BY name ASC`, memory)
	st.settings = settings(ctx, conn)
	return st
}

// reopened lists the temporary objects of the session just reopened: its
// temporary tables and views, and the macros the dialect installed again,
// which are those of before that are the dialect's (a plain session has
// none). It does not list the macros with duckdb_functions(), as snapshot
// does, since that costs ~60 ms and a new connection has no others.
func (s *Session) reopened(ctx context.Context, before []string) []string {
	objects := strings1(ctx, s.Conn, `
SELECT name FROM (
  SELECT database_name, table_name AS name FROM duckdb_tables()
  UNION ALL SELECT database_name, view_name FROM duckdb_views() WHERE NOT internal
) WHERE database_name = 'temp'`)
	if !s.opts.Plain {
		macros := dialect.MacroNames()
		for _, name := range before {
			if _, ok := slices.BinarySearch(macros, name); ok {
				objects = append(objects, name)
			}
		}
	}
	slices.Sort(objects)
	return objects
}

// settings reads the connection's settings, best effort like snapshot. It is
// all a read-only session needs at open (its baseline): listing the objects
// too would cost far more (duckdb_functions() takes ~60 ms).
func settings(ctx context.Context, conn *sql.Conn) []setting {
	rows, err := conn.QueryContext(ctx, "SELECT name, CAST(value AS VARCHAR) FROM duckdb_settings() WHERE value IS NOT NULL ORDER BY name ASC")
	if err != nil {
		return nil
	}
	defer rows.Close()
	var out []setting
	for rows.Next() {
		var set setting
		if rows.Scan(&set.name, &set.value) == nil {
			out = append(out, set)
		}
	}
	return out
}

// missingFrom lists the objects of st that after does not have.
func (st state) missingFrom(after state) []string {
	var out []string
	for _, name := range st.objects {
		if !slices.Contains(after.objects, name) {
			out = append(out, name)
		}
	}
	return out
}

// strings1 runs a query of one text column and returns its values.
func strings1(ctx context.Context, conn *sql.Conn, query string, args ...any) []string {
	rows, err := conn.QueryContext(ctx, query, args...)
	if err != nil {
		return nil
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if rows.Scan(&v) == nil {
			out = append(out, v)
		}
	}
	return out
}
