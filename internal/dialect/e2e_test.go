package dialect_test

import (
	"context"
	"database/sql"
	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/internal/dialect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// flowLogFixture is a small vpc_flow_logs table with the Athena columns,
// the "default" schema view, and a partition-projection view whose day
// column is the 'yyyy/MM/dd' string Athena projects.
var flowLogFixture = []string{
	`CREATE TABLE vpc_flow_logs (
		version INTEGER, account_id VARCHAR, interface_id VARCHAR,
		srcaddr VARCHAR, dstaddr VARCHAR, srcport INTEGER, dstport INTEGER,
		protocol BIGINT, packets BIGINT, bytes BIGINT, start BIGINT, "end" BIGINT,
		action VARCHAR, log_status VARCHAR, date DATE)`,
	`INSERT INTO vpc_flow_logs VALUES
		(2, '111122223333', 'eni-a', '10.117.1.2', '10.0.0.5', 49152, 443, 6, 10, 1000, 1617278400, 1617278460, 'ACCEPT', 'OK', DATE '2021-04-01'),
		(2, '111122223333', 'eni-a', '10.117.9.9', '10.0.0.5', 49153, 443, 6, 5, 500, 1617364800, 1617364830, 'ACCEPT', 'OK', DATE '2021-04-02'),
		(2, '111122223333', 'eni-b', '192.0.2.1', '192.0.2.10', 40000, 80, 6, 7, 700, 1588590000, 1588590060, 'REJECT', 'OK', DATE '2020-05-04'),
		(2, '111122223333', 'eni-b', '192.0.2.1', '192.0.2.10', 40001, 80, 6, 3, 300, 1588590100, 1588590160, 'ACCEPT', 'OK', DATE '2020-05-04'),
		(2, '111122223333', 'eni-b', '192.0.2.254', '192.0.2.1', 40002, 123, 17, 1, 76, 1588590200, 1588590260, 'ACCEPT', 'OK', DATE '2020-05-04'),
		(2, '111122223333', 'eni-c', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1588590300, 1588590360, NULL, 'NODATA', DATE '2020-05-04')`,
	`INSERT INTO vpc_flow_logs
		SELECT 2, '111122223333', 'eni-d', src, dst, 50000, 443, 6, pk, pk * 100,
			CAST(epoch(d) AS BIGINT), CAST(epoch(d) AS BIGINT) + 60, 'ACCEPT', 'OK', d
		FROM (VALUES
			('203.0.113.7', '10.0.0.7', 4, current_date - 1),
			('203.0.113.8', '10.0.0.7', 6, current_date - 1),
			('2001:db8::5', '2001:db8::1', 2, current_date - 2),
			('203.0.113.7', '10.0.0.7', 100, current_date - 10)) v(src, dst, pk, d)`,
	`CREATE SCHEMA "default"`,
	`CREATE VIEW "default"."vpc_flow_logs" AS SELECT * FROM main.vpc_flow_logs`,
	`CREATE VIEW test_table_vpclogs AS SELECT * EXCLUDE (date), strftime(date, '%Y/%m/%d') AS day FROM vpc_flow_logs`,
}

func TestAthenaQueriesEndToEnd(t *testing.T) {
	conn := dbtest.OpenMemory(t).Conn
	dbtest.Exec(t, conn, flowLogFixture...)
	cases := []struct {
		name  string
		query string
		want  [][]string
	}{
		{"day range on a string partition, DAY in capitals",
			`SELECT srcaddr, day FROM test_table_vpclogs WHERE DAY >= '2021/04/01' AND DAY < '2021/04/02' ORDER BY day ASC LIMIT 100`,
			[][]string{{"10.117.1.2", "2021/04/01"}}},
		{"sum per address ordered by alias",
			`SELECT SUM(packets) AS packetcount, dstaddr FROM test_table_vpclogs
			 WHERE dstport = 443 AND day >= '2021/04/01' AND day < '2021/04/30'
			 GROUP BY dstaddr ORDER BY packetcount DESC LIMIT 10`,
			[][]string{{"15", "10.0.0.5"}}},
		{"ISO 8601 times of start and end",
			`SELECT interface_id, to_iso8601(from_unixtime(start)) AS start_time, to_iso8601(from_unixtime("end")) AS end_time
			 FROM test_table_vpclogs WHERE day = '2021/04/01'`,
			[][]string{{"eni-a", "2021-04-01T12:00:00.000Z", "2021-04-01T12:01:00.000Z"}}},
		{"split_part on an address",
			`SELECT srcaddr FROM test_table_vpclogs WHERE split_part(srcaddr, '.', 1) = '10' AND split_part(srcaddr, '.', 2) = '117' ORDER BY srcaddr`,
			[][]string{{"10.117.1.2"}, {"10.117.9.9"}}},
		{"date equals DATE()",
			`SELECT count(*) FROM vpc_flow_logs WHERE date = DATE('2020-05-04') LIMIT 100`,
			[][]string{{"4"}}},
		{"day_of_week of the date partition",
			`SELECT day_of_week(date) AS day, date, interface_id, action FROM vpc_flow_logs WHERE action = 'REJECT' AND protocol = 6 LIMIT 100`,
			[][]string{{"1", "2020-05-04 00:00:00 +0000 UTC", "eni-b", "REJECT"}}},
		{"last 7 days",
			`SELECT SUM(packets) AS packetcount, dstaddr FROM vpc_flow_logs
			 WHERE dstport = 443 AND date > current_date - interval '7' day
			 GROUP BY dstaddr ORDER BY packetcount DESC LIMIT 10`,
			[][]string{{"10", "10.0.0.7"}, {"2", "2001:db8::1"}}},
		{"partition string from date_add and date_format",
			`SELECT count(*) FROM test_table_vpclogs WHERE day >= date_format(date_add('day', -30, current_timestamp), '%Y/%m/%d')`,
			[][]string{{"4"}}},
		{"the default schema",
			`SELECT srcaddr, dstaddr FROM "default"."vpc_flow_logs" WHERE dstaddr = '192.0.2.1' AND dstport = 123 AND protocol = 17`,
			[][]string{{"192.0.2.254", "192.0.2.1"}}},
		{"the default schema, catalog prefix",
			`SELECT count(*) FROM awsdatacatalog."default".vpc_flow_logs WHERE log_status = 'NODATA'`,
			[][]string{{"1"}}},
		{"sum per port between two hosts",
			`SELECT SUM(packets) AS packetcount, dstaddr, dstport, protocol FROM "default"."vpc_flow_logs"
			 WHERE srcaddr = '192.0.2.1' AND dstaddr = '192.0.2.10'
			 GROUP BY dstaddr, dstport, protocol ORDER BY packetcount DESC`,
			[][]string{{"10", "192.0.2.10", "80", "6"}}},
		{"rewritten statement keeps date, \"end\" and \"default\"",
			`SELECT date, count(*) AS flows, max("end") AS last_end FROM "default"."vpc_flow_logs"
			 WHERE log_status = 'OK' AND contains('10.0.0.0/8', CAST(srcaddr AS IPADDRESS))
			 GROUP BY date ORDER BY date`,
			[][]string{{"2021-04-01 00:00:00 +0000 UTC", "1", "1617278460"}, {"2021-04-02 00:00:00 +0000 UTC", "1", "1617364830"}}},
		{"private to public traffic with IPADDRESS ranges and contains",
			`SELECT srcaddr, dstaddr FROM vpc_flow_logs
			 WHERE log_status = 'OK'
			   AND NOT (contains('10.0.0.0/8', CAST(srcaddr AS IPADDRESS))
			         OR contains('172.16.0.0/12', CAST(srcaddr AS IPADDRESS))
			         OR contains('192.168.0.0/16', CAST(srcaddr AS IPADDRESS)))
			   AND ((CAST(dstaddr AS IPADDRESS) > IPADDRESS '10.0.0.0' AND CAST(dstaddr AS IPADDRESS) < IPADDRESS '10.255.255.255')
			     OR (CAST(dstaddr AS IPADDRESS) > IPADDRESS '172.16.0.0' AND CAST(dstaddr AS IPADDRESS) < IPADDRESS '172.31.255.255'))
			 GROUP BY srcaddr, dstaddr ORDER BY CAST(srcaddr AS IPADDRESS)`,
			[][]string{{"203.0.113.7", "10.0.0.7"}, {"203.0.113.8", "10.0.0.7"}}},
		{"from_unixtime compared with timestamps",
			`SELECT count(*) FROM vpc_flow_logs WHERE from_unixtime(start) BETWEEN TIMESTAMP '2021-04-01 00:00:00' AND TIMESTAMP '2021-04-02 00:00:00'`,
			[][]string{{"1"}}},
		{"first and last seen per source",
			`SELECT srcaddr, min(start) AS first_seen, max("end") AS last_seen, array_agg(DISTINCT(dstport)) AS ports
			 FROM vpc_flow_logs WHERE srcaddr = '192.0.2.1' GROUP BY srcaddr ORDER BY first_seen ASC`,
			[][]string{{"192.0.2.1", "1588590000", "1588590160", "[80]"}}},
		{"CROSS JOIN UNNEST WITH ORDINALITY",
			`SELECT n, port FROM (SELECT array_agg(DISTINCT dstport ORDER BY dstport) AS ports FROM vpc_flow_logs WHERE dstport IS NOT NULL)
			 CROSS JOIN UNNEST(ports) WITH ORDINALITY AS t(port, n) ORDER BY n`,
			[][]string{{"1", "80"}, {"2", "123"}, {"3", "443"}}},
		{"bytes per packet is integer division",
			`SELECT bytes / packets FROM vpc_flow_logs WHERE srcaddr = '10.117.1.2'`,
			[][]string{{"100"}}},
		{"approx_distinct over the table",
			`SELECT approx_distinct(srcaddr) = count(DISTINCT srcaddr) FROM vpc_flow_logs`,
			[][]string{{"true"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := rows(t, conn, tc.query)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.query, diff)
			}
		})
	}
}

// TestAddressPredicatesStaySmall guards against macro arguments being
// copied at every level of nesting: a query with many address predicates,
// like the published RFC 1918 query, must expand to a plan of linear size
// (a copy per nesting level made it grow exponentially and take seconds to
// bind). The plan's size is measured, not the time, so a busy machine
// cannot fail it and a slow expansion cannot pass it.
func TestAddressPredicatesStaySmall(t *testing.T) {
	conn := dbtest.OpenMemory(t).Conn
	dbtest.Exec(t, conn, flowLogFixture...)
	q := `SELECT count(*) FROM vpc_flow_logs WHERE log_status = 'OK' AND (
		(NOT ((CAST(srcaddr AS IPADDRESS) > IPADDRESS '10.0.0.0' AND CAST(srcaddr AS IPADDRESS) < IPADDRESS '10.255.255.255')
		   OR (CAST(srcaddr AS IPADDRESS) > IPADDRESS '172.16.0.0' AND CAST(srcaddr AS IPADDRESS) < IPADDRESS '172.31.255.255')
		   OR (CAST(srcaddr AS IPADDRESS) > IPADDRESS '192.168.0.0' AND CAST(srcaddr AS IPADDRESS) < IPADDRESS '192.168.255.255'))
		 AND ((CAST(dstaddr AS IPADDRESS) > IPADDRESS '10.0.0.0' AND CAST(dstaddr AS IPADDRESS) < IPADDRESS '10.255.255.255')
		   OR (CAST(dstaddr AS IPADDRESS) > IPADDRESS '172.16.0.0' AND CAST(dstaddr AS IPADDRESS) < IPADDRESS '172.31.255.255')
		   OR (CAST(dstaddr AS IPADDRESS) > IPADDRESS '192.168.0.0' AND CAST(dstaddr AS IPADDRESS) < IPADDRESS '192.168.255.255')))
		OR (NOT (contains('10.0.0.0/8', CAST(dstaddr AS IPADDRESS)) OR contains('172.16.0.0/12', CAST(dstaddr AS IPADDRESS))
		   OR contains('192.168.0.0/16', CAST(dstaddr AS IPADDRESS)))
		 AND (contains('10.0.0.0/8', CAST(srcaddr AS IPADDRESS)) OR contains('172.16.0.0/12', CAST(srcaddr AS IPADDRESS))
		   OR contains('192.168.0.0/16', CAST(srcaddr AS IPADDRESS)))))`
	got := rows(t, conn, q)
	// Private to public: none; public to private: the three 203.0.113.x rows.
	if diff := cmp.Diff([][]string{{"3"}}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// One address predicate that expands the key macros (an order
	// comparison; a constant network folds into a small test on the text),
	// for scale: the query has 24 address predicates, so a plan that grows
	// linearly is at most a small multiple of 24 of these.
	one := planSize(t, conn, `SELECT count(*) FROM vpc_flow_logs WHERE CAST(srcaddr AS IPADDRESS) > IPADDRESS '10.0.0.0'`)
	all := planSize(t, conn, q)
	t.Logf("plan of one predicate: %d bytes; of the query: %d bytes", one, all)
	if limit := 2 * 24 * one; all > limit {
		t.Errorf("the plan of 24 address predicates is %d bytes, over %d (2 x 24 x one predicate's %d): are macro arguments copied at each nesting level?", all, limit, one)
	}
}

// planSize is the size of the serialized logical plan of query after the
// Athena rewrite: what the binder built, macros expanded.
func planSize(t *testing.T, conn *sql.Conn, query string) int {
	t.Helper()
	rewritten, err := dialect.Rewrite(context.Background(), conn, query)
	if err != nil {
		t.Fatal(err)
	}
	var plan string
	stmt := "SELECT CAST(json_serialize_plan('" + strings.ReplaceAll(rewritten, "'", "''") + "') AS VARCHAR)"
	if err := conn.QueryRowContext(context.Background(), stmt).Scan(&plan); err != nil {
		t.Fatal(err)
	}
	return len(plan)
}
