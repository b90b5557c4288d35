package dialect_test

import (
	"context"
	"database/sql"
	"errors"
	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/internal/dialect"
	"testing"
)

// TestRun: what one statement gives on the path the sql command and the
// shell share: rows to show or none, and whether the catalog may have changed.
func TestRun(t *testing.T) {
	conn := dbtest.OpenMemory(t).Conn
	dbtest.Exec(t, conn, "CREATE TABLE t (n INTEGER)")
	replace := func(context.Context, string) (string, error) { return "SELECT 'rewritten' AS s", nil }
	tests := []struct {
		name        string
		stmt        string
		rewrite     dialect.RewriteFunc
		wantRows    bool
		wantChanged bool
	}{
		{name: "select shows rows", stmt: "SELECT 1 AS one", wantRows: true},
		{name: "create is quiet and changes the catalog", stmt: "CREATE TABLE u (n INTEGER)", wantChanged: true},
		{name: "insert is quiet", stmt: "INSERT INTO t VALUES (1)", wantChanged: true},
		{name: "insert returning shows rows", stmt: "INSERT INTO t VALUES (2) RETURNING n", wantRows: true, wantChanged: true},
		{name: "set is quiet", stmt: "SET threads = 1", wantChanged: true},
		{name: "several statements may change the catalog", stmt: "SELECT 1; SELECT 2", wantRows: true, wantChanged: true},
		{name: "the rewrite runs first", stmt: "DROP TABLE t", rewrite: replace, wantRows: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := dialect.Run(context.Background(), conn, tc.stmt, tc.rewrite, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Rows != nil {
				defer res.Rows.Close()
			}
			if got := res.Rows != nil; got != tc.wantRows {
				t.Errorf("rows: %v, want %v", got, tc.wantRows)
			}
			if res.Changed != tc.wantChanged {
				t.Errorf("Changed = %v, want %v", res.Changed, tc.wantChanged)
			}
		})
	}
	var n int
	if err := conn.QueryRowContext(context.Background(), "SELECT count(*) FROM t").Scan(&n); err != nil || n != 2 {
		t.Errorf("t has %d rows (%v) after the rewritten DROP; want 2, the DROP never ran", n, err)
	}
}

// TestRunRewriteError: a failing rewrite runs nothing, so nothing changed,
// and its error is explained.
func TestRunRewriteError(t *testing.T) {
	conn := dbtest.OpenMemory(t).Conn
	failure := errors.New(`Parser Error: syntax error at or near "MSCK"`)
	res, err := dialect.Run(context.Background(), conn, "MSCK REPAIR TABLE x", func(context.Context, string) (string, error) {
		return "", failure
	}, nil)
	var athena *dialect.AthenaError
	if !errors.As(err, &athena) || !errors.Is(err, failure) {
		t.Errorf("err = %v, want an *AthenaError wrapping the rewrite's error", err)
	}
	if res.Rows != nil || res.Changed {
		t.Errorf("result %+v, want no rows and nothing changed", res)
	}
}

// TestQueryRewritesAthena: Query applies Rewrite, so contains(cidr, ip) is
// an address test, not DuckDB's string contains.
func TestQueryRewritesAthena(t *testing.T) {
	conn := dbtest.OpenMemory(t).Conn
	rows, err := dialect.Query(context.Background(), conn, "SELECT contains('10.0.0.0/8', '10.1.2.3') AS inside")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var inside bool
	if !rows.Next() {
		t.Fatalf("no row: %v", rows.Err())
	}
	if err := rows.Scan(&inside); err != nil || !inside {
		t.Errorf("contains('10.0.0.0/8', '10.1.2.3') = %v, %v; want true", inside, err)
	}
	if rows, err := dialect.Query(context.Background(), conn, "CREATE TABLE q (n INTEGER)"); err != nil || rows != nil {
		t.Errorf("CREATE TABLE gave rows %v, err %v; want nil rows, no error", rows, err)
	}
}

// TestRunBinds: the arguments bind returns for the rewritten statement are
// bound to its $name parameters, and a bind failure runs nothing.
func TestRunBinds(t *testing.T) {
	conn := dbtest.OpenMemory(t).Conn
	var seen string
	bind := func(_ context.Context, query string) ([]any, error) {
		seen = query
		return []any{sql.Named("n", 41)}, nil
	}
	res, err := dialect.Run(context.Background(), conn, "SELECT $n + 1 AS answer", nil, bind)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Rows.Close()
	var answer int
	if !res.Rows.Next() {
		t.Fatal("no row")
	}
	if err := res.Rows.Scan(&answer); err != nil || answer != 42 {
		t.Errorf("answer = %d, %v; want 42", answer, err)
	}
	if seen != "SELECT $n + 1 AS answer" {
		t.Errorf("bind saw %q", seen)
	}
	unbound := errors.New("parameter $n is not set")
	res, err = dialect.Run(context.Background(), conn, "CREATE TABLE never AS SELECT $n AS x", nil,
		func(context.Context, string) ([]any, error) { return nil, unbound })
	if !errors.Is(err, unbound) || res.Rows != nil {
		t.Errorf("Run = %+v, %v; want the bind error", res, err)
	}
	var tables int
	if err := conn.QueryRowContext(context.Background(), "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'never'").Scan(&tables); err != nil || tables != 0 {
		t.Errorf("tables named never = %d, %v; want 0", tables, err)
	}
}
