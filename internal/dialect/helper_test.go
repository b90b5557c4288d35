package dialect_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/internal/dialect"
)

// The tests run on dbtest.OpenMemory(t).Conn: an in-memory database in UTC
// with the Athena dialect installed. value and rows run their query through
// Rewrite first, as the shell does.

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
	q, err := dialect.Rewrite(ctx, conn, "SELECT CAST(("+expr+") AS VARCHAR)")
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

// rows runs a query (through Rewrite) and returns every row as text, NULL
// as "NULL".
func rows(t *testing.T, conn *sql.Conn, query string) [][]string {
	t.Helper()
	q, err := dialect.Rewrite(context.Background(), conn, query)
	if err != nil {
		t.Fatalf("Rewrite(%s): %v", query, err)
	}
	return dbtest.Rows(t, conn, q)
}
