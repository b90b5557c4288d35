package dialect_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flowduck/flowduck/internal/dbtest"
)

func TestIPAddressValues(t *testing.T) {
	runFunctionCases(t, []functionCase{
		{"cast shows the address", "CAST('10.0.0.1' AS IPADDRESS)", "10.0.0.1"},
		{"literal", "IPADDRESS '192.0.2.10'", "192.0.2.10"},
		{"IPv6 shown compressed", "CAST('2001:DB8:0:0:0:0:0:1' AS IPADDRESS)", "2001:db8::1"},
		{"IPv6 first longest zero run", "CAST('2001:db8:0:0:1:0:0:1' AS IPADDRESS)", "2001:db8::1:0:0:1"},
		{"IPv6 single zero group kept", "CAST('1:0:2:3:4:5:6:7' AS IPADDRESS)", "1:0:2:3:4:5:6:7"},
		{"IPv6 all zero", "CAST('0:0:0:0:0:0:0:0' AS IPADDRESS)", "::"},
		{"IPv6 loopback", "CAST('::1' AS IPADDRESS)", "::1"},
		{"IPv6 trailing zeros", "CAST('fe80:0:0:0:0:0:0:0' AS IPADDRESS)", "fe80::"},
		{"IPv6 embedded IPv4", "CAST('64:ff9b::192.0.2.33' AS IPADDRESS)", "64:ff9b::c000:221"},
		{"IPv4-mapped shown as IPv4", "CAST('::ffff:10.1.2.3' AS IPADDRESS)", "10.1.2.3"},
		{"surrounding spaces are not an address, as in Athena", "CAST(' 10.0.0.2 ' AS IPADDRESS)", "NULL"},
		{"leading zeros are not an address, as in Athena", "CAST('10.0.0.010' AS IPADDRESS)", "NULL"},
		{"leading zeros in an embedded IPv4", "CAST('::ffff:10.0.0.01' AS IPADDRESS)", "NULL"},
		{"embedded IPv4 after a hex digit", "CAST('::a1.2.3.4' AS IPADDRESS)", "NULL"},
		{"dash of a NODATA record is NULL", "CAST('-' AS IPADDRESS)", "NULL"},
		{"octet over 255 is NULL", "CAST('256.0.0.1' AS IPADDRESS)", "NULL"},
		{"too many IPv6 groups is NULL", "CAST('1:2:3:4:5:6:7:8:9' AS IPADDRESS)", "NULL"},
		{"two double colons is NULL", "CAST('1::2::3' AS IPADDRESS)", "NULL"},
		{"NULL", "CAST(NULL AS IPADDRESS)", "NULL"},
		{"TRY_CAST", "TRY_CAST('nonsense' AS IPADDRESS)", "NULL"},
		{"lowercase type name", "CAST('10.0.0.1' AS ipaddress)", "10.0.0.1"},
		{"numeric order, not text order", "IPADDRESS '10.0.0.9' < IPADDRESS '10.0.0.10'", "true"},
		{"text order would differ", "'10.0.0.9' < '10.0.0.10'", "false"},
		{"greater or equal", "CAST('10.0.1.0' AS IPADDRESS) >= IPADDRESS '10.0.0.255'", "true"},
		{"IPv6 numeric order", "IPADDRESS '2001:db8::9' < IPADDRESS '2001:db8::10'", "true"},
		{"IPv4 before IPv6", "IPADDRESS '255.255.255.255' < IPADDRESS '2001:db8::1'", "true"},
		{"equal across spellings", "CAST('2001:db8::1' AS IPADDRESS) = CAST('2001:0DB8:0:0:0:0:0:0001' AS IPADDRESS)", "true"},
		{"IPv4-mapped equals IPv4", "IPADDRESS '::ffff:1.2.3.4' = IPADDRESS '1.2.3.4'", "true"},
		{"not equal", "IPADDRESS '1.2.3.4' <> IPADDRESS '1.2.3.5'", "true"},
		{"BETWEEN", "CAST('10.0.0.50' AS IPADDRESS) BETWEEN IPADDRESS '10.0.0.9' AND IPADDRESS '10.0.0.100'", "true"},
		{"IN", "CAST('10.0.0.10' AS IPADDRESS) IN (IPADDRESS '10.0.0.10', IPADDRESS '10.0.0.11')", "true"},
		{"NOT IN", "CAST('10.0.0.12' AS IPADDRESS) NOT IN (IPADDRESS '10.0.0.10', IPADDRESS '10.0.0.11')", "true"},
		{"contains IPv4", "contains('10.0.0.0/8', CAST('10.255.1.1' AS IPADDRESS))", "true"},
		{"contains IPv4 outside", "contains('10.0.0.0/8', CAST('11.0.0.1' AS IPADDRESS))", "false"},
		{"contains /12 upper edge", "contains('172.16.0.0/12', CAST('172.31.255.255' AS IPADDRESS))", "true"},
		{"contains /12 just outside", "contains('172.16.0.0/12', CAST('172.32.0.0' AS IPADDRESS))", "false"},
		{"contains /32", "contains('192.0.2.1/32', IPADDRESS '192.0.2.1')", "true"},
		{"contains /0", "contains('0.0.0.0/0', IPADDRESS '203.0.113.7')", "true"},
		{"contains IPv6", "contains('2001:db8::/32', CAST('2001:db8:ffff::1' AS IPADDRESS))", "true"},
		{"contains IPv6 outside", "contains('2001:db8::/32', CAST('2001:db9::1' AS IPADDRESS))", "false"},
		{"contains IPv6 /128", "contains('::1/128', IPADDRESS '::1')", "true"},
		{"contains IPv6 network, IPv4 address", "contains('2001:db8::/32', IPADDRESS '10.0.0.1')", "false"},
		{"contains mapped network, IPv4 address", "contains('::ffff:0:0/96', IPADDRESS '10.0.0.1')", "true"},
		{"contains IPv4 network, IPv6 address", "contains('10.0.0.0/8', IPADDRESS '2001:db8::1')", "false"},
		{"contains NULL address", "contains('10.0.0.0/8', CAST(NULL AS IPADDRESS))", "NULL"},
		{"contains dash address", "contains('10.0.0.0/8', CAST('-' AS IPADDRESS))", "NULL"},
		{"contains CIDR literal and plain text address", "contains('10.0.0.0/8', '10.1.2.3')", "true"},
		{"NOT contains", "NOT contains('10.0.0.0/8', CAST('192.0.2.1' AS IPADDRESS))", "true"},
	})
}

func TestIPAddressInQueries(t *testing.T) {
	conn := dbtest.OpenMemory(t).Conn
	dbtest.Exec(t, conn, `CREATE TEMP TABLE addrs AS SELECT * FROM (VALUES
		('10.0.0.10', 100), ('10.0.0.9', 200), ('10.0.0.9', 5), ('2001:db8::10', 1),
		('2001:db8::9', 2), ('192.0.2.1', 7), ('-', 3)) t(srcaddr, bytes)`)
	cases := []struct {
		name  string
		query string
		want  [][]string
	}{
		{"ORDER BY cast", "SELECT srcaddr FROM addrs WHERE srcaddr <> '-' ORDER BY CAST(srcaddr AS IPADDRESS), bytes",
			[][]string{{"10.0.0.9"}, {"10.0.0.9"}, {"10.0.0.10"}, {"192.0.2.1"}, {"2001:db8::9"}, {"2001:db8::10"}}},
		{"ORDER BY alias DESC", "SELECT DISTINCT CAST(srcaddr AS IPADDRESS) AS ip FROM addrs WHERE srcaddr <> '-' ORDER BY ip DESC",
			[][]string{{"2001:db8::10"}, {"2001:db8::9"}, {"192.0.2.1"}, {"10.0.0.10"}, {"10.0.0.9"}}},
		{"GROUP BY and ORDER BY position", "SELECT CAST(srcaddr AS IPADDRESS) AS ip, sum(bytes) AS total FROM addrs WHERE logstatus_ok(srcaddr) GROUP BY 1 ORDER BY 1",
			nil},
		{"GROUP BY cast, ORDER BY cast", "SELECT CAST(srcaddr AS IPADDRESS), sum(bytes) FROM addrs WHERE srcaddr <> '-' GROUP BY CAST(srcaddr AS IPADDRESS) ORDER BY CAST(srcaddr AS IPADDRESS) LIMIT 3",
			[][]string{{"10.0.0.9", "205"}, {"10.0.0.10", "100"}, {"192.0.2.1", "7"}}},
		{"HAVING on an address", "SELECT CAST(srcaddr AS IPADDRESS) AS ip, sum(bytes) FROM addrs GROUP BY CAST(srcaddr AS IPADDRESS) HAVING CAST(srcaddr AS IPADDRESS) > IPADDRESS '10.0.0.9' ORDER BY ip",
			[][]string{{"10.0.0.10", "100"}, {"192.0.2.1", "7"}, {"2001:db8::9", "2"}, {"2001:db8::10", "1"}}},
		{"WHERE range of addresses", "SELECT srcaddr FROM addrs WHERE CAST(srcaddr AS IPADDRESS) > IPADDRESS '10.0.0.0' AND CAST(srcaddr AS IPADDRESS) < IPADDRESS '10.255.255.255' ORDER BY bytes",
			[][]string{{"10.0.0.9"}, {"10.0.0.10"}, {"10.0.0.9"}}},
		{"WHERE contains, dash rows drop out", "SELECT count(*) FROM addrs WHERE contains('10.0.0.0/8', CAST(srcaddr AS IPADDRESS))",
			[][]string{{"3"}}},
		{"WHERE NOT contains keeps only valid other addresses", "SELECT count(*) FROM addrs WHERE srcaddr <> '-' AND NOT contains('10.0.0.0/8', CAST(srcaddr AS IPADDRESS))",
			[][]string{{"3"}}},
		{"IPv6 contains", "SELECT sum(bytes) FROM addrs WHERE contains('2001:db8::/64', CAST(srcaddr AS IPADDRESS))",
			[][]string{{"3"}}},
		{"in a CTE and a subquery", "WITH v AS (SELECT CAST(srcaddr AS IPADDRESS) AS ip, bytes FROM addrs) SELECT max(bytes) FROM (SELECT * FROM v WHERE contains('10.0.0.0/24', ip))",
			[][]string{{"200"}}},
		{"in a join condition", "SELECT n.name, count(*) FROM addrs a JOIN (VALUES ('ten', '10.0.0.0/8'), ('doc', '2001:db8::/32')) n(name, cidr) ON contains(n.cidr, CAST(a.srcaddr AS IPADDRESS)) GROUP BY n.name ORDER BY n.name",
			[][]string{{"doc", "2"}, {"ten", "3"}}},
		{"min by address order", "SELECT srcaddr FROM addrs WHERE srcaddr <> '-' ORDER BY CAST(srcaddr AS IPADDRESS) DESC LIMIT 1",
			[][]string{{"2001:db8::10"}}},
	}
	dbtest.Exec(t, conn, "CREATE TEMP MACRO logstatus_ok(a) AS a <> '-'")
	cases[2].want = [][]string{{"10.0.0.9", "205"}, {"10.0.0.10", "100"}, {"192.0.2.1", "7"}, {"2001:db8::9", "2"}, {"2001:db8::10", "1"}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := rows(t, conn, tc.query)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.query, diff)
			}
		})
	}
}
