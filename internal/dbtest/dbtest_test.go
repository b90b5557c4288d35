package dbtest

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestTextValue(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 30, 0, 0, time.FixedZone("X", 3600))
	tests := []struct {
		name string
		text Text
		v    any
		want string
	}{
		{"null", Text{}, nil, "NULL"},
		{"number", Text{}, int64(42), "42"},
		{"string", Text{}, "NULL", "NULL"},
		{"time as fmt.Sprint writes it", Text{}, at, "2026-03-01 12:30:00 +0100 X"},
		{"time as RFC 3339 in UTC", Text{Time: RFC3339UTC}, at, "2026-03-01T11:30:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.text.Value(tt.v); got != tt.want {
				t.Errorf("Value(%v) = %q, want %q", tt.v, got, tt.want)
			}
		})
	}
}

func TestRowsOnePlain(t *testing.T) {
	conn := OpenPlain(t).Conn
	Exec(t, conn, "CREATE TABLE t (n INTEGER, s VARCHAR)", "INSERT INTO t VALUES (1, 'a'), (2, NULL)")
	want := [][]string{{"1", "a"}, {"2", "NULL"}}
	if diff := cmp.Diff(want, Rows(t, conn, "SELECT n, s FROM t ORDER BY n")); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if got := One(t, conn, "SELECT 1/3 < 1 AND 1/3 > 0"); got != "true" {
		t.Errorf("1/3 on a plain session: %s, want DuckDB's fraction", got)
	}
	if got := One(t, OpenMemory(t).Conn, "SELECT 1/3"); got != "0" {
		t.Errorf("1/3 with the Athena dialect: %s, want integer division", got)
	}
}
