package insights

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/flowduck/flowduck/internal/filter"
)

// queryRows runs a statement on the test session and returns its rows as
// text; ordered false sorts them.
func queryRows(t *testing.T, query string, ordered bool) [][]string {
	t.Helper()
	rows, err := session.Conn.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatalf("%v\nSQL:\n%s", err, query)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = cell(v)
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if !ordered {
		slices.SortFunc(out, func(a, b []string) int { return strings.Compare(strings.Join(a, "\x00"), strings.Join(b, "\x00")) })
	}
	return out
}

// cell is a value as comparable text.
func cell(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case time.Time:
		return v.UTC().Format(time.RFC3339Nano)
	case float64:
		return fmt.Sprintf("%.9g", v)
	case float32:
		return fmt.Sprintf("%.6g", v)
	}
	return fmt.Sprint(v)
}

// TestSameAsSQL runs the AWS documentation's sample Logs Insights queries
// for VPC flow logs and the examples, and compares each result
// with that of SQL written by hand over vpc_flow_logs on the same data.
func TestSameAsSQL(t *testing.T) {
	// ts is @timestamp written by hand: the CloudWatch event time where the
	// record came from CloudWatch, else start.
	const ts = `coalesce((SELECT _event_time FROM flowduck_records r WHERE r.interface_id = v.interface_id AND r.start = v.start AND r.srcaddr = v.srcaddr AND r._event_time IS NOT NULL LIMIT 1), to_timestamp(v.start))`
	tests := []struct {
		name     string
		insights string
		sql      string
		ordered  bool // compare row order too (the query sorts on a unique key)
	}{
		{"top 15 packet transfers across hosts (AWS sample)",
			`stats sum(packets) as packetsTransferred by srcAddr, dstAddr | sort packetsTransferred desc | limit 15`,
			`SELECT srcaddr, dstaddr, sum(packets) AS p FROM vpc_flow_logs GROUP BY srcaddr, dstaddr
			 HAVING p >= (SELECT min(p) FROM (SELECT sum(packets) AS p FROM vpc_flow_logs GROUP BY srcaddr, dstaddr ORDER BY p DESC LIMIT 15))
			 ORDER BY p DESC`, false},
		{"top 15 byte transfers for hosts on a subnet (AWS sample, issue example)",
			`filter isIpv4InSubnet(srcAddr, "10.0.0.0/8") | stats sum(bytes) as bytesTransferred by dstAddr | sort bytesTransferred desc | limit 15`,
			`SELECT dstaddr, sum(bytes) AS b FROM vpc_flow_logs WHERE srcaddr LIKE '10.%' AND srcaddr NOT LIKE '%:%'
			 GROUP BY dstaddr ORDER BY b DESC, dstaddr LIMIT 15`, false},
		{"IP addresses that use UDP (AWS sample)",
			`filter protocol=17 | stats count(*) by srcAddr`,
			`SELECT srcaddr, count(*) FROM vpc_flow_logs WHERE protocol = 17 GROUP BY srcaddr ORDER BY srcaddr`, true},
		{"flow records skipped during the capture window (AWS sample)",
			`filter logStatus="SKIPDATA" | stats count(*) by bin(1h) as t | sort t`,
			`SELECT to_timestamp(start // 3600 * 3600) AS t, count(*) FROM vpc_flow_logs WHERE log_status = 'SKIPDATA' GROUP BY t ORDER BY t`, true},
		{"rejected flows by source (AWS sample)",
			`filter action="REJECT" | stats count(*) as numRejections by srcAddr | sort numRejections desc`,
			`SELECT srcaddr, count(*) FROM vpc_flow_logs WHERE action = 'REJECT' GROUP BY srcaddr`, false},
		{"average, min and max bytes by source and destination (AWS sample)",
			`stats avg(bytes), min(bytes), max(bytes) by srcAddr, dstAddr`,
			`SELECT srcaddr, dstaddr, avg(bytes), min(bytes), max(bytes) FROM vpc_flow_logs GROUP BY ALL ORDER BY srcaddr, dstaddr LIMIT 10000`, true},
		{"accepted UDP, newest first (issue example; @message checked by TestMessageIsTheLine)",
			`fields @timestamp, @message | sort @timestamp desc | filter protocol=17 and action='ACCEPT' | limit 100`,
			`SELECT ` + ts + ` AS t FROM vpc_flow_logs v WHERE protocol = 17 AND action = 'ACCEPT' ORDER BY t DESC LIMIT 100`,
			true},
		{"numeric strings compare as numbers",
			`filter srcPort = '443' and dstPort > '1023' | stats count(*) as n`,
			`SELECT count(*) FROM vpc_flow_logs WHERE srcport = 443 AND dstport > 1023`, true},
		{"second stats over the first",
			`stats sum(bytes) as b by srcAddr | stats count(*) as talkers, max(b) as top`,
			`SELECT count(*), max(b) FROM (SELECT srcaddr, sum(bytes) AS b FROM vpc_flow_logs GROUP BY srcaddr)`, true},
		{"dedup keeps the first of each key in sort order",
			`filter action = "REJECT" | sort bytes desc, srcAddr, start, dstAddr | dedup dstPort | fields dstPort, bytes | limit 10000`,
			`SELECT dstport, max(bytes) FROM vpc_flow_logs WHERE action = 'REJECT' GROUP BY dstport`, false},
		{"parse glob over @message",
			`filter not ispresent(vpcId) | parse @message "* * * * * *" as version, account, eni, src, dst, rest | filter src = "203.0.113.200" | stats count(*) as n by eni`,
			`SELECT interface_id, count(*) FROM vpc_flow_logs WHERE srcaddr = '203.0.113.200' AND vpc_id IS NULL GROUP BY ALL`, false},
		{"parse regex with named groups",
			`parse interfaceId /eni-(?<head>[0-9a-f]{3})/ | stats count(*) as n by head`,
			`SELECT regexp_extract(interface_id, 'eni-([0-9a-f]{3})', 1) AS h, count(*) FROM vpc_flow_logs GROUP BY h ORDER BY h`, true},
		{"in, not in, like, regex and arithmetic",
			`filter dstPort in [22, 3389] and action not in ["ACCEPT"] and interfaceId like "eni-0" and srcAddr =~ /^(?i)[0-9.]+$/ | fields bytes / packets as per | stats sum(per) as s`,
			`SELECT sum(bytes / packets) FROM vpc_flow_logs WHERE dstport IN (22, 3389) AND action <> 'ACCEPT' AND interface_id LIKE '%eni-0%' AND regexp_matches(srcaddr, '^[0-9.]+$')`, true},
		{"absent fields compare false",
			`filter tgwId = "tgw-1" or nosuchfield != 5 or nosuchfield = nosuchfield | stats count(*) as n`,
			`SELECT 0`, true},
		{"bin weeks start at epoch multiples (Thursdays), months at calendar months, in UTC",
			`filter interfaceId != "eni-0cw00000000000001" | stats count(*) as n by bin(1w) as w, bin(1mo) as m, bin(15m) as q | sort w, m, q`,
			`SELECT to_timestamp(start // 604800 * 604800) AS w, date_trunc('month', to_timestamp(start) AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS m,
			   to_timestamp(start // 900 * 900) AS q, count(*)
			 FROM vpc_flow_logs WHERE interface_id <> 'eni-0cw00000000000001' GROUP BY ALL ORDER BY w, m, q`, true},
		{"@timestamp is the CloudWatch event time",
			`filter interfaceId = "eni-0cw00000000000001" | fields @timestamp, srcPort, @logStream | sort @timestamp`,
			`VALUES (TIMESTAMPTZ '2026-03-05 10:00:07+00', 443, 'eni-0cw00000000000001-all'), (TIMESTAMPTZ '2026-03-05 10:01:09+00', 50000, 'eni-0cw00000000000001-all')`, true},
		{"bin over days, earliest and latest",
			`filter interfaceId != "eni-0cw00000000000001" | stats count(*) as n, earliest(start) as first, latest(end) as last by bin(1d) as day`,
			`SELECT to_timestamp(start // 86400 * 86400) AS d, count(*), min(start), arg_max("end", start) FROM vpc_flow_logs WHERE interface_id <> 'eni-0cw00000000000001' GROUP BY d ORDER BY d`, true},
	}
	src, err := LoadSource(context.Background(), session.Conn, filter.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Translate(tt.insights, src)
			if err != nil {
				t.Fatal(err)
			}
			query := c.SQL
			if strings.Contains(tt.name, "newest first") {
				query = `SELECT "@timestamp" FROM (` + c.SQL + `)`
			}
			got := queryRows(t, query, tt.ordered)
			want := queryRows(t, tt.sql, tt.ordered)
			if len(want) == 0 {
				t.Fatalf("the hand-written SQL returns no rows: the case tests nothing")
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Logs Insights result differs from the SQL's (-sql +insights):\n%s\nSQL:\n%s", diff, c.SQL)
			}
		})
	}
}
