package dbtest

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"
)

// Querier runs a query: a *sql.Conn, *sql.DB or *sql.Tx.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Execer runs a statement: a *sql.Conn, *sql.DB or *sql.Tx.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Text turns scanned values into text: NULL as "NULL", a time as Time
// writes it, anything else as fmt.Sprint writes it.
type Text struct {
	// Time writes a time value; nil means fmt.Sprint's form,
	// "2026-03-01 00:00:00 +0000 UTC".
	Time func(time.Time) string
}

// RFC3339UTC writes a time in UTC as RFC 3339 to the second,
// "2026-03-01T00:00:00Z".
func RFC3339UTC(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// Value is the text of one scanned value.
func (x Text) Value(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case time.Time:
		if x.Time != nil {
			return x.Time(v)
		}
	}
	return fmt.Sprint(v)
}

// Rows runs query on q and returns its rows as text, failing the test on
// error.
func (x Text) Rows(t testing.TB, q Querier, query string, args ...any) [][]string {
	t.Helper()
	rs, err := q.QueryContext(context.Background(), query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rs.Close()
	cols, err := rs.Columns()
	if err != nil {
		t.Fatalf("%s: %v", query, err)
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
		row := make([]string, len(vals))
		for i, v := range vals {
			row[i] = x.Value(v)
		}
		out = append(out, row)
	}
	if err := rs.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}

// One runs a query of one row and one column and returns the value as text,
// failing the test unless there is exactly one value.
func (x Text) One(t testing.TB, q Querier, query string, args ...any) string {
	t.Helper()
	rows := x.Rows(t, q, query, args...)
	if len(rows) != 1 || len(rows[0]) != 1 {
		t.Fatalf("%s: want one value, got %v", query, rows)
	}
	return rows[0][0]
}

// Rows runs query on q and returns its rows as text in the default Text
// form, failing the test on error.
func Rows(t testing.TB, q Querier, query string, args ...any) [][]string {
	t.Helper()
	return Text{}.Rows(t, q, query, args...)
}

// One runs a query of one value and returns it as text in the default Text
// form, failing the test unless there is exactly one value.
func One(t testing.TB, q Querier, query string, args ...any) string {
	t.Helper()
	return Text{}.One(t, q, query, args...)
}

// Exec runs statements on q, failing the test at the first error.
func Exec(t testing.TB, q Execer, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := q.ExecContext(context.Background(), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}
