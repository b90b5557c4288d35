package queries

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/flowduck/flowduck/internal/filter"
)

// gapLog has traffic at 10:00 and 10:05 and at 13:10 on 2026-03-02 (UTC),
// none from 11:00 to 12:59: only an interface's NODATA record at 11:30.
const gapLog = `version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status
2 123456789012 eni-0a1b2c3d4e5f60718 203.0.113.9 10.0.0.5 40000 22 6 2 120 1772445600 1772445660 REJECT OK
2 123456789012 eni-0a1b2c3d4e5f60718 10.0.0.5 198.51.100.1 50000 443 6 10 5000 1772445900 1772445960 ACCEPT OK
2 123456789012 eni-0a1b2c3d4e5f60718 - - - - - - - 1772451000 1772451060 - NODATA
2 123456789012 eni-0a1b2c3d4e5f60718 198.51.100.1 10.0.0.5 443 50000 6 12 90000 1772457000 1772457060 ACCEPT OK
`

// TestTrafficOverTimeShowsGaps: the buckets without traffic are listed with
// zeros, between the first and last bucket with traffic, or across the
// whole --since/--until range when a filter sets one.
func TestTrafficOverTimeShowsGaps(t *testing.T) {
	s := openLog(t, gapLog, 4)
	at := func(hhmm string) time.Time {
		v, err := time.Parse("2006-01-02T15:04", "2026-03-02T"+hhmm)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	const header = "bucket_start,flows,accepted,rejected,packets,bytes,rejected_bytes\n"
	tests := []struct {
		name   string
		bucket string
		filter filter.Filter
		want   string
	}{
		{
			name:   "hours between the first and last traffic",
			bucket: "hour",
			want: header +
				"2026-03-02 10:00:00+00,2,1,1,12,5120,120\n" +
				"2026-03-02 11:00:00+00,0,0,0,0,0,0\n" +
				"2026-03-02 12:00:00+00,0,0,0,0,0,0\n" +
				"2026-03-02 13:00:00+00,1,1,0,12,90000,0\n",
		},
		{
			name:   "one day",
			bucket: "day",
			want: header +
				"2026-03-02 00:00:00+00,3,2,1,24,95120,120\n",
		},
		{
			name:   "the filter's range, until exclusive",
			bucket: "hour",
			filter: filter.Filter{Since: at("08:30"), Until: at("15:00")},
			want: header +
				"2026-03-02 08:00:00+00,0,0,0,0,0,0\n" +
				"2026-03-02 09:00:00+00,0,0,0,0,0,0\n" +
				"2026-03-02 10:00:00+00,2,1,1,12,5120,120\n" +
				"2026-03-02 11:00:00+00,0,0,0,0,0,0\n" +
				"2026-03-02 12:00:00+00,0,0,0,0,0,0\n" +
				"2026-03-02 13:00:00+00,1,1,0,12,90000,0\n" +
				"2026-03-02 14:00:00+00,0,0,0,0,0,0\n",
		},
		{
			name:   "a range with no traffic at all",
			bucket: "hour",
			filter: filter.Filter{Since: at("11:00"), Until: at("12:30")},
			want: header +
				"2026-03-02 11:00:00+00,0,0,0,0,0,0\n" +
				"2026-03-02 12:00:00+00,0,0,0,0,0,0\n",
		},
		{
			name:   "open until: to the last traffic",
			bucket: "hour",
			filter: filter.Filter{Since: at("10:03")},
			want: header +
				"2026-03-02 10:00:00+00,1,1,0,10,5000,0\n" +
				"2026-03-02 11:00:00+00,0,0,0,0,0,0\n" +
				"2026-03-02 12:00:00+00,0,0,0,0,0,0\n" +
				"2026-03-02 13:00:00+00,1,1,0,12,90000,0\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := runCSV(t, s.Conn, mustReport(t, "traffic-over-time"), map[string]string{"bucket": tt.bucket}, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}

	t.Run("minutes", func(t *testing.T) {
		got, err := runCSV(t, s.Conn, mustReport(t, "traffic-over-time"), map[string]string{"bucket": "minute"}, filter.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		res := parseCSV(t, got)
		if len(res.rows) != 3*60+10+1 {
			t.Fatalf("%d minute buckets from 10:00 to 13:10, want %d", len(res.rows), 3*60+10+1)
		}
		busy := 0
		for _, flows := range res.col(t, "flows") {
			if flows != "0" {
				busy++
			}
		}
		if busy != 3 {
			t.Errorf("%d minutes with traffic, want 3", busy)
		}
	})
}
