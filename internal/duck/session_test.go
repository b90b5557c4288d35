package duck

import (
	"context"
	"errors"
	"testing"

	"github.com/flowduck/flowduck/internal/dialect"
)

// queryOne runs stmt as the shell runs a user's statement (dialect.Query,
// which installs the dialect macros it names) and scans its one row.
func queryOne(ctx context.Context, s *Session, stmt string, dest ...any) error {
	rows, err := dialect.Query(ctx, s.Conn, stmt)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		return errors.Join(rows.Err(), errors.New("no row"))
	}
	return rows.Scan(dest...)
}

// TestPlainSessionSkipsDialect: a default session has the Athena dialect
// (macros and Presto integer division); a plain one is DuckDB as it is.
func TestPlainSessionSkipsDialect(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name    string
		plain   bool
		dialect bool
	}{
		{"default", false, true},
		{"plain", true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Open(ctx, Options{Path: MemoryPath, Plain: tc.plain})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			var iso string
			err = queryOne(ctx, s, "SELECT to_iso8601(from_unixtime(0))", &iso)
			if got := err == nil; got != tc.dialect {
				t.Errorf("from_unixtime available: %v (%v), want %v", got, err, tc.dialect)
			}
			var div string
			if err := s.Conn.QueryRowContext(ctx, "SELECT CAST(7 / 2 AS VARCHAR)").Scan(&div); err != nil {
				t.Fatal(err)
			}
			want := map[bool]string{true: "3", false: "3.5"}[tc.dialect]
			if div != want {
				t.Errorf("7 / 2 = %s, want %s", div, want)
			}
		})
	}
}
