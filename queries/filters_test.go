package queries

import (
	"testing"
	"time"

	"github.com/flowduck/flowduck/internal/demo"
	"github.com/flowduck/flowduck/internal/filter"
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
		filter filter.Filter
		where  string
		args   []any
	}{
		{"since", filter.Filter{Since: day0.Add(36 * time.Hour)}, "start >= ?", []any{day0.Add(36 * time.Hour).Unix()}},
		{"until", filter.Filter{Until: day0.Add(10 * time.Hour)}, "start < ?", []any{day0.Add(10 * time.Hour).Unix()}},
		{"since and until", filter.Filter{Since: day0.Add(9 * time.Hour), Until: day0.Add(10 * time.Hour)}, "start >= ? AND start < ?",
			[]any{day0.Add(9 * time.Hour).Unix(), day0.Add(10 * time.Hour).Unix()}},
		{"eni", filter.Filter{ENIs: []string{demo.GapENI, demo.NATGatewayENI}}, "interface_id IN (?, ?)", []any{demo.GapENI, demo.NATGatewayENI}},
		{"vpc", filter.Filter{VPCs: []string{"vpc-0e6a4c1f9b3d72581"}}, "vpc_id = ?", []any{"vpc-0e6a4c1f9b3d72581"}},
		{"subnet", filter.Filter{Subnets: []string{"subnet-0e9d8146b3d974e6d"}}, "subnet_id = ?", []any{"subnet-0e9d8146b3d974e6d"}},
		{"account", filter.Filter{Accounts: []string{demo.AccountA}}, "account_id = ?", []any{demo.AccountA}},
		{"region", filter.Filter{Regions: []string{demo.RegionEUWest1}}, "interface_id IN (SELECT interface_id FROM flowduck_records WHERE _region = ?)", []any{demo.RegionEUWest1}},
		{"action", filter.Filter{Action: "REJECT"}, "action = ?", []any{"REJECT"}},
		{"combined", filter.Filter{Accounts: []string{demo.AccountB}, Action: "ACCEPT", Since: day0.Add(24 * time.Hour)}, "account_id = ? AND action = ? AND start >= ?",
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
		filter filter.Filter
		rows   int
	}{
		{"scan hour", filter.Filter{Since: scanHour, Until: scanHour.Add(time.Hour)}, 1},
		{"hour after", filter.Filter{Since: scanHour.Add(time.Hour)}, 0},
		{"rejected", filter.Filter{Action: "REJECT"}, 1},
		{"accepted", filter.Filter{Action: "ACCEPT"}, 0},
		{"scanned eni", filter.Filter{ENIs: []string{demo.PortScanTargetENI}}, 1},
		{"other account", filter.Filter{Accounts: []string{demo.AccountA}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(runDemo(t, "port-scan", nil, tt.filter).rows); got != tt.rows {
				t.Errorf("%d scans, want %d", got, tt.rows)
			}
		})
	}
}
