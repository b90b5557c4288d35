package loader

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/flowduck/flowduck/internal/duck"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(runChild())
	}
	flag.Parse()
	os.Exit(m.Run())
}

// openDB opens a fresh database file in a temporary directory.
func openDB(t *testing.T) (*duck.Session, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.duckdb")
	return reopen(t, path), path
}

// reopen opens the database at path, closed when the test ends.
func reopen(t *testing.T, path string) *duck.Session {
	t.Helper()
	s, err := duck.Open(context.Background(), duck.Options{Path: path})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
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
func query(t *testing.T, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, stmt string, args ...any) [][]string {
	t.Helper()
	rows, err := q.QueryContext(context.Background(), stmt, args...)
	if err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(vals))
		for i, v := range vals {
			if v == nil {
				row[i] = "NULL"
			} else {
				row[i] = fmt.Sprint(v)
			}
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// one returns the single value of a query.
func one(t *testing.T, s *duck.Session, stmt string, args ...any) string {
	t.Helper()
	rows := query(t, s.Conn, stmt, args...)
	if len(rows) != 1 || len(rows[0]) != 1 {
		t.Fatalf("%s: want one value, got %v", stmt, rows)
	}
	return rows[0][0]
}

// golden compares got with testdata/golden/name, rewriting it with -update.
func golden(t *testing.T, name string, rows [][]string) {
	t.Helper()
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "|"))
		b.WriteByte('\n')
	}
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if b.String() != string(want) {
		t.Errorf("%s differs from golden file %s:\n--- got\n%s--- want\n%s", name, path, b.String(), want)
	}
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
