package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

// dialectConn opens an in-memory DuckDB, pins one connection in UTC and
// installs the Athena dialect on it.
func dialectConn(t *testing.T) *sql.Conn {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if _, err := conn.ExecContext(ctx, "SET TimeZone = 'UTC'"); err != nil {
		t.Fatal(err)
	}
	if err := Install(ctx, conn); err != nil {
		t.Fatalf("Install: %v", err)
	}
	return conn
}

// exec runs statements on conn, failing the test on error.
func exec(t *testing.T, conn *sql.Conn, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := conn.ExecContext(context.Background(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// value runs a one-value query (through Rewrite) and returns the value as
// DuckDB's VARCHAR cast writes it, or "NULL".
func value(t *testing.T, conn *sql.Conn, expr string) string {
	t.Helper()
	got, err := queryValue(conn, expr)
	if err != nil {
		t.Fatalf("SELECT %s: %v", expr, err)
	}
	return got
}

func queryValue(conn *sql.Conn, expr string) (string, error) {
	ctx := context.Background()
	q, err := Rewrite(ctx, conn, "SELECT CAST(("+expr+") AS VARCHAR)")
	if err != nil {
		return "", err
	}
	var v sql.NullString
	if err := conn.QueryRowContext(ctx, q).Scan(&v); err != nil {
		return "", err
	}
	if !v.Valid {
		return "NULL", nil
	}
	return v.String, nil
}

// rows runs a query (through Rewrite) and returns every row as its columns
// cast to text, NULL as "NULL".
func rows(t *testing.T, conn *sql.Conn, query string) [][]string {
	t.Helper()
	ctx := context.Background()
	q, err := Rewrite(ctx, conn, query)
	if err != nil {
		t.Fatalf("Rewrite(%s): %v", query, err)
	}
	rs, err := conn.QueryContext(ctx, q)
	if err != nil {
		t.Fatalf("%s\n(rewritten: %s): %v", query, q, err)
	}
	defer rs.Close()
	cols, err := rs.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for rs.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			t.Fatalf("%s: scan: %v", query, err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = "NULL"
			if v != nil {
				row[i] = fmt.Sprint(v)
			}
		}
		out = append(out, row)
	}
	if err := rs.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}
