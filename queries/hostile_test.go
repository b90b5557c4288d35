package queries

import (
	"errors"
	"testing"

	"github.com/flowduck/flowduck/internal/filter"
)

const hostile = `1.2.3.4'; DROP TABLE flowduck_records; --`

// TestHostileValues checks that values are validated or bound, never run as
// SQL: the records table survives every attempt.
func TestHostileValues(t *testing.T) {
	before := count(t, "SELECT count(*) FROM flowduck_records")

	t.Run("ip parameter is rejected", func(t *testing.T) {
		_, err := runCSV(t, demoSession.Conn, mustReport(t, "conversation"), map[string]string{"a": hostile, "b": "10.0.0.1"}, filter.Filter{})
		var pe *ParamError
		if !errors.As(err, &pe) || pe.Name != "a" {
			t.Fatalf("err = %v, want a ParamError for a", err)
		}
	})

	t.Run("string parameter is bound as a value", func(t *testing.T) {
		r, err := Parse("-- name: by-eni\n-- param: eni string - \"interface\"\nSELECT count(*) AS n FROM vpc_flow_logs WHERE interface_id = $eni", "test", "")
		if err != nil {
			t.Fatal(err)
		}
		out, err := runCSV(t, demoSession.Conn, r, map[string]string{"eni": hostile}, filter.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if got := parseCSV(t, out).get(t, 0, "n"); got != "0" {
			t.Errorf("hostile interface id matched %s records", got)
		}
	})

	t.Run("filter values are bound", func(t *testing.T) {
		out, err := runCSV(t, demoSession.Conn, mustReport(t, "ipv4-vs-ipv6"), nil, filter.Filter{ENIs: []string{hostile}, Regions: []string{hostile}})
		if err != nil {
			t.Fatal(err)
		}
		if rows := parseCSV(t, out).rows; len(rows) != 0 {
			t.Errorf("hostile filters matched %v", rows)
		}
	})

	if after := count(t, "SELECT count(*) FROM flowduck_records"); after != before {
		t.Fatalf("records %d before, %d after", before, after)
	}
}
