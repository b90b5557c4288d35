package queries

import (
	"testing"
	"time"

	"github.com/flowduck/flowduck/internal/demo"
)

// countReport counts the records it sees and their time range.
const countReport = `-- name: count-records
-- description: records seen
SELECT count(*) AS n, coalesce(min(start), 0) AS first_start, coalesce(max(start), 0) AS last_start
FROM vpc_flow_logs`

// TestCommonFilters checks each filter against the same condition written
// directly over the database's view, and that the filtered view is gone
// after the run.
func TestCommonFilters(t *testing.T) {
	r, err := Parse(countReport, "test", "")
	if err != nil {
		t.Fatal(err)
	}
	day0 := demo.DefaultStart
	tests := []struct {
		name   string
		filter Filters
		where  string
		args   []any
	}{
		{"since", Filters{Since: day0.Add(36 * time.Hour)}, "start >= ?", []any{day0.Add(36 * time.Hour).Unix()}},
		{"until", Filters{Until: day0.Add(10 * time.Hour)}, "start < ?", []any{day0.Add(10 * time.Hour).Unix()}},
		{"since and until", Filters{Since: day0.Add(9 * time.Hour), Until: day0.Add(10 * time.Hour)}, "start >= ? AND start < ?",
			[]any{day0.Add(9 * time.Hour).Unix(), day0.Add(10 * time.Hour).Unix()}},
		{"eni", Filters{ENIs: []string{demo.GapENI, demo.NATGatewayENI}}, "interface_id IN (?, ?)", []any{demo.GapENI, demo.NATGatewayENI}},
		{"vpc", Filters{VPCs: []string{"vpc-0e6a4c1f9b3d72581"}}, "vpc_id = ?", []any{"vpc-0e6a4c1f9b3d72581"}},
		{"subnet", Filters{Subnets: []string{"subnet-0e9d8146b3d974e6d"}}, "subnet_id = ?", []any{"subnet-0e9d8146b3d974e6d"}},
		{"account", Filters{Accounts: []string{demo.AccountA}}, "account_id = ?", []any{demo.AccountA}},
		{"region", Filters{Regions: []string{demo.RegionEUWest1}}, "interface_id IN (SELECT interface_id FROM flowduck_records WHERE _region = ?)", []any{demo.RegionEUWest1}},
		{"action", Filters{Action: "REJECT"}, "action = ?", []any{"REJECT"}},
		{"combined", Filters{Accounts: []string{demo.AccountB}, Action: "ACCEPT", Since: day0.Add(24 * time.Hour)}, "account_id = ? AND action = ? AND start >= ?",
			[]any{demo.AccountB, "ACCEPT", day0.Add(24 * time.Hour).Unix()}},
	}
	total := count(t, "SELECT count(*) FROM vpc_flow_logs")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := runCSV(t, demoSession.Conn, r, nil, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			got := atoi(t, parseCSV(t, out).get(t, 0, "n"))
			want := count(t, "SELECT count(*) FROM vpc_flow_logs WHERE "+tt.where, tt.args...)
			if got != want || want == 0 || want == total {
				t.Errorf("filtered count %d, want %d (of %d)", got, want, total)
			}
			if after := count(t, "SELECT count(*) FROM vpc_flow_logs"); after != total {
				t.Errorf("after the run vpc_flow_logs has %d records, want all %d", after, total)
			}
		})
	}
}

// TestFiltersNarrowReports checks a filter on a real report: the port scan
// disappears outside its hour and for the other action.
func TestFiltersNarrowReports(t *testing.T) {
	scanHour := demo.DefaultStart.Add(demo.PortScanHour * time.Hour)
	tests := []struct {
		name   string
		filter Filters
		rows   int
	}{
		{"scan hour", Filters{Since: scanHour, Until: scanHour.Add(time.Hour)}, 1},
		{"hour after", Filters{Since: scanHour.Add(time.Hour)}, 0},
		{"rejected", Filters{Action: "REJECT"}, 1},
		{"accepted", Filters{Action: "ACCEPT"}, 0},
		{"scanned eni", Filters{ENIs: []string{demo.PortScanTargetENI}}, 1},
		{"other account", Filters{Accounts: []string{demo.AccountA}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(runDemo(t, "port-scan", nil, tt.filter).rows); got != tt.rows {
				t.Errorf("%d scans, want %d", got, tt.rows)
			}
		})
	}
}

func TestParseTime(t *testing.T) {
	now := time.Date(2026, 3, 5, 12, 30, 0, 0, time.UTC)
	tests := []struct {
		in      string
		want    time.Time
		wantErr bool
	}{
		{"2026-03-02", time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), false},
		{"2026-03-02T10:00", time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), false},
		{"2026-03-02T10:00:00+02:00", time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC), false},
		{"24h", now.Add(-24 * time.Hour), false},
		{"7d", now.Add(-7 * 24 * time.Hour), false},
		{"90m", now.Add(-90 * time.Minute), false},
		{"yesterday", time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseTime(tt.in, now)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFiltersValidate(t *testing.T) {
	t0 := demo.DefaultStart
	tests := []struct {
		name    string
		f       Filters
		wantErr string
	}{
		{"empty", Filters{}, ""},
		{"range", Filters{Since: t0, Until: t0.Add(time.Hour)}, ""},
		{"reversed", Filters{Since: t0.Add(time.Hour), Until: t0}, "--since 2026-03-02T01:00:00Z is not before --until 2026-03-02T00:00:00Z"},
		{"bad action", Filters{Action: "DROP"}, `--action "DROP": use ACCEPT or REJECT`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.f.Validate()
			if got := errString(err); got != tt.wantErr {
				t.Errorf("err = %q, want %q", got, tt.wantErr)
			}
		})
	}
	if a, err := ParseAction("reject"); a != "REJECT" || err != nil {
		t.Errorf("ParseAction(reject) = %q, %v", a, err)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
