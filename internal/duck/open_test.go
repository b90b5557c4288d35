package duck

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestOpenPlainPath: --db is a file name, whatever it holds: a '?' does not
// pass DuckDB options, md: does not reach MotherDuck.
func TestOpenPlainPath(t *testing.T) {
	ctx := context.Background()
	t.Chdir(t.TempDir())
	for _, name := range []string{"q.duckdb?access_mode=READ_ONLY", "md:x", "50%#1.duckdb", "plain.duckdb"} {
		t.Run(name, func(t *testing.T) {
			s, err := Open(ctx, Options{Path: name, Plain: true})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Conn.ExecContext(ctx, "CREATE TABLE t AS SELECT 7 AS n"); err != nil {
				t.Fatalf("write: %v", err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(name); err != nil {
				t.Fatalf("no file named %q: %v", name, err)
			}
			r, err := Open(ctx, Options{Path: name, ReadOnly: true, Plain: true})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			var n int
			if err := r.Conn.QueryRowContext(ctx, "SELECT n FROM t").Scan(&n); err != nil || n != 7 {
				t.Errorf("read back: %d, %v", n, err)
			}
		})
	}
	if _, err := os.Stat("q.duckdb"); err == nil {
		t.Error("the options after '?' were read as options: q.duckdb exists")
	}
}

// TestOpenNotDuckDB: an SQLite file and any other non-DuckDB file are
// ErrNotDatabase, before DuckDB looks for an extension to read them.
func TestOpenNotDuckDB(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"s.sqlite":  "SQLite format 3\x00" + strings.Repeat("\x00", 100),
		"notes.txt": strings.Repeat("not a database\n", 10),
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Open(context.Background(), Options{Path: path, ReadOnly: true})
		if !errors.Is(err, ErrNotDatabase) {
			t.Errorf("%s: %v, want ErrNotDatabase", name, err)
		}
		if strings.Contains(strings.ToLower(err.Error()), "extension") {
			t.Errorf("%s: %v mentions an extension", name, err)
		}
	}
}

// TestOpenMissingReadOnly: reading a database that does not exist is a
// *NoDatabaseError and creates nothing; deferred, it opens empty in memory.
func TestOpenMissingReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "missing.duckdb")
	_, err := Open(ctx, Options{Path: path, ReadOnly: true})
	var missing *NoDatabaseError
	if !errors.As(err, &missing) || missing.Path != path {
		t.Fatalf("open missing read-only: %v, want *NoDatabaseError", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("reading created the file: %v", err)
	}
	s, err := Open(ctx, Options{Path: path, ReadOnly: true, Deferred: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.Deferred() || !s.ReadOnly() {
		t.Errorf("Deferred() = %v, ReadOnly() = %v, want both", s.Deferred(), s.ReadOnly())
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a deferred session created the file: %v", err)
	}
}

// TestWritable: a read-only session refuses a write with DuckDB's read-only
// error; Writable reopens it read-write, installs the dialect again, keeps
// the settings the user changed and names the temporary objects it lost.
func TestWritable(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "w.duckdb")
	w, err := Open(ctx, Options{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Conn.ExecContext(ctx, "CREATE TABLE t (n INTEGER)"); err != nil {
		t.Fatal(err)
	}
	w.Close()

	s, err := Open(ctx, Options{Path: path, ReadOnly: true, TZ: "Asia/Tokyo"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.Conn.ExecContext(ctx, "INSERT INTO t VALUES (1)")
	if !IsReadOnlyError(err) {
		t.Fatalf("insert on a read-only session: %v, want the read-only error", err)
	}
	// A dialect macro the session installed when a statement named it
	// comes back with the session, and is not reported dropped.
	var epoch string
	if err := queryOne(ctx, s, "SELECT to_iso8601(from_unixtime(0))", &epoch); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{"CREATE TEMP TABLE scratch AS SELECT 1", "CREATE TEMP MACRO twice(x) AS 2 * x", "SET default_order = 'DESC'"} {
		if _, err := s.Conn.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	reset, err := s.Writable(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.ReadOnly() {
		t.Error("still read-only after Writable")
	}
	if want := []string{"scratch", "twice"}; !slices.Equal(reset.Dropped, want) || len(reset.Settings) > 0 {
		t.Errorf("reset = %+v, want dropped %v and no settings", reset, want)
	}
	if _, err := s.Conn.ExecContext(ctx, "INSERT INTO t VALUES (1)"); err != nil {
		t.Errorf("insert after Writable: %v", err)
	}
	var order, tz, iso string
	err = s.Conn.QueryRowContext(ctx, "SELECT current_setting('default_order'), current_setting('TimeZone'), to_iso8601(from_unixtime(0))").Scan(&order, &tz, &iso)
	if err != nil {
		t.Fatal(err)
	}
	if strings.ToUpper(order) != "DESC" || tz != "Asia/Tokyo" || iso != "1970-01-01T09:00:00.000+09:00" {
		t.Errorf("after Writable: default_order %s, TimeZone %s, to_iso8601 %s", order, tz, iso)
	}
}

// TestOpenErrorInUse: the "in use" error names the holder once, with no
// stray punctuation from DuckDB's message.
func TestOpenErrorInUse(t *testing.T) {
	msg := `IO Error: Could not set lock on file "/tmp/x.duckdb": Conflicting lock is held in /usr/local/bin/flowduck (PID 4242). See also https://duckdb.org/docs/stable/connect/concurrency`
	err := openError("/tmp/x.duckdb", errors.New(msg))
	want := "open /tmp/x.duckdb: database is in use by another process (PID 4242, flowduck); wait for it to finish or close it, or use --db for another file"
	if !errors.Is(err, ErrLocked) || err.Error() != want {
		t.Errorf("openError = %q, want %q", err, want)
	}
}

// TestExtensionsOff: DuckDB neither installs nor loads extensions on its
// own unless Options.Extensions; the bundled ones are loaded.
func TestExtensionsOff(t *testing.T) {
	ctx := context.Background()
	for _, on := range []bool{false, true} {
		s, err := Open(ctx, Options{Path: MemoryPath, Extensions: on, Plain: true})
		if err != nil {
			t.Fatal(err)
		}
		var install, load bool
		if err := s.Conn.QueryRowContext(ctx, "SELECT current_setting('autoinstall_known_extensions'), current_setting('autoload_known_extensions')").Scan(&install, &load); err != nil {
			t.Fatal(err)
		}
		if install != on || load != on {
			t.Errorf("Extensions %v: autoinstall %v, autoload %v", on, install, load)
		}
		var bundled int
		if err := s.Conn.QueryRowContext(ctx, "SELECT count(*) FROM duckdb_extensions() WHERE loaded AND extension_name IN ('parquet', 'json', 'icu', 'core_functions')").Scan(&bundled); err != nil || bundled != 4 {
			t.Errorf("bundled extensions loaded: %d, %v; want 4", bundled, err)
		}
		s.Close()
	}
}
