package loader

import (
	"context"
	"database/sql"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/golden"
)

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(runChild())
	}
	flag.Parse()
	os.Exit(m.Run())
}

// The helpers below keep the names the loader tests use; the work is
// dbtest's.

// openDB opens a fresh database file in a temporary directory, as `flowduck
// load` does: a plain session, without the Athena dialect.
func openDB(t *testing.T) (*duck.Session, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.duckdb")
	return reopen(t, path), path
}

// reopen opens the database at path in a plain session, closed when the
// test ends.
func reopen(t *testing.T, path string) *duck.Session {
	t.Helper()
	return dbtest.OpenOptions(t, duck.Options{Path: path, Plain: true})
}

// mustLoad loads sources and fails the test on error.
func mustLoad(t *testing.T, s *duck.Session, opts Options) Result {
	t.Helper()
	res, err := Load(context.Background(), s.Conn, opts)
	if err != nil {
		t.Fatalf("load %v: %v", opts.Sources, err)
	}
	return res
}

// query returns a query's rows as text, NULL as "NULL".
func query(t *testing.T, q dbtest.Querier, stmt string, args ...any) [][]string {
	t.Helper()
	return dbtest.Rows(t, q, stmt, args...)
}

// one returns the single value of a query.
func one(t *testing.T, s *duck.Session, stmt string, args ...any) string {
	t.Helper()
	return dbtest.One(t, s.Conn, stmt, args...)
}

// checkGolden compares rows, one line each with "|" between the values, with
// testdata/golden/name, rewriting it with -update.
func checkGolden(t *testing.T, name string, rows [][]string) {
	t.Helper()
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "|"))
		b.WriteByte('\n')
	}
	golden.Check(t, filepath.Join("testdata", "golden", name), b.String())
}

// writeFile writes content to dir/rel, creating directories.
func writeFile(t *testing.T, dir, rel, content string) string {
	t.Helper()
	path := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// copySample copies testdata/samples/name to dir/rel, gzipped if rel ends in .gz.
func copySample(t *testing.T, name, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "samples", name))
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(rel, ".gz") {
		return writeFile(t, dir, rel, gz(t, b))
	}
	return writeFile(t, dir, rel, string(b))
}

// mustCheck fails the test unless the database invariant holds.
func mustCheck(t *testing.T, conn *sql.Conn) {
	t.Helper()
	rep, err := Check(context.Background(), conn)
	if err != nil {
		t.Fatalf("check: %v", err)
	}
	if !rep.OK() {
		t.Errorf("check: %s", rep)
	}
}

// itoa formats an int.
func itoa(n int) string { return strconv.Itoa(n) }
