package duck_test

// The tests of internal/dbtest live here, beside the sessions it opens, so
// that dbtest needs no test binary of its own (each one links DuckDB).

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/flowduck/flowduck/internal/dbtest"
)

func TestDBTestTextValue(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 30, 0, 0, time.FixedZone("X", 3600))
	tests := []struct {
		name string
		text dbtest.Text
		v    any
		want string
	}{
		{"null", dbtest.Text{}, nil, "NULL"},
		{"number", dbtest.Text{}, int64(42), "42"},
		{"string", dbtest.Text{}, "NULL", "NULL"},
		{"time as fmt.Sprint writes it", dbtest.Text{}, at, "2026-03-01 12:30:00 +0100 X"},
		{"time as RFC 3339 in UTC", dbtest.Text{Time: dbtest.RFC3339UTC}, at, "2026-03-01T11:30:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.text.Value(tt.v); got != tt.want {
				t.Errorf("Value(%v) = %q, want %q", tt.v, got, tt.want)
			}
		})
	}
}

func TestDBTestRowsOnePlain(t *testing.T) {
	conn := dbtest.OpenPlain(t).Conn
	dbtest.Exec(t, conn, "CREATE TABLE t (n INTEGER, s VARCHAR)", "INSERT INTO t VALUES (1, 'a'), (2, NULL)")
	want := [][]string{{"1", "a"}, {"2", "NULL"}}
	if diff := cmp.Diff(want, dbtest.Rows(t, conn, "SELECT n, s FROM t ORDER BY n")); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if got := dbtest.One(t, conn, "SELECT 1/3 < 1 AND 1/3 > 0"); got != "true" {
		t.Errorf("1/3 on a plain session: %s, want DuckDB's fraction", got)
	}
	if got := dbtest.One(t, dbtest.OpenMemory(t).Conn, "SELECT 1/3"); got != "0" {
		t.Errorf("1/3 with the Athena dialect: %s, want integer division", got)
	}
}
