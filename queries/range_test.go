package queries

import (
	"testing"
	"time"

	"github.com/flowduck/flowduck/internal/filter"
)

// TestRangeParams: a report reads the filter's time range as $since and
// $until without declaring them (epoch seconds, NULL when open), a report
// that declares a parameter of that name reads its own, and any other
// undeclared placeholder is still refused.
func TestRangeParams(t *testing.T) {
	since := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		text string
		want string
	}{
		{"undeclared", "SELECT $since AS s, $until AS u", "s,u\n1772445600,\n"},
		{"declared", "-- param: since int 5 \"mine\"\nSELECT $since AS s", "s\n5\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse("-- name: r\n"+tt.text, "test", "")
			if err != nil {
				t.Fatal(err)
			}
			got, err := runCSV(t, demoSession.Conn, r, nil, filter.Filter{Since: since})
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if _, err := Parse("-- name: r\nSELECT $sinc", "test", ""); err == nil {
		t.Error("a report reading an undeclared $sinc parsed")
	}
}
