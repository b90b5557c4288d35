package insights

import (
	"context"
	"testing"

	"github.com/flowduck/flowduck/internal/filter"
)

// sampleQueries are the AWS documentation's sample queries for VPC flow
// logs, the examples and a query using most of the language.
var sampleQueries = []string{
	"fields @timestamp, @message\n| sort @timestamp desc\n| filter protocol=17 and action='ACCEPT'\n| limit 100",
	`filter isIpv4InSubnet(srcAddr, "192.0.2.0/24") | stats sum(bytes) as bytesTransferred by dstAddr | sort bytesTransferred desc | limit 15`,
	`stats sum(packets) as packetsTransferred by srcAddr, dstAddr | sort packetsTransferred desc | limit 15`,
	`filter protocol=17 | stats count(*) by srcAddr`,
	`filter logStatus="SKIPDATA" | stats count(*) by bin(1h) as t | sort t`,
	`filter action="REJECT" | stats count(*) as numRejections by srcAddr | sort numRejections desc`,
	`stats avg(bytes), min(bytes), max(bytes) by srcAddr, dstAddr`,
	"# everything\nparse @message \"* * * * *\" as v, acct, eni, src, rest | filter src like \"10.\" and dstPort in [22, 3389] and action not in ['ACCEPT']" +
		" | fields bytes / packets as per, toupper(action) as a, if(srcPort < 1024, 1, 0) as low" +
		" | stats count(*) as n, pct(per, 95) as p95, earliest(a) as first, count_distinct(src) as srcs by bin(5m) as t, low" +
		" | stats max(n) as peak by low | sort peak desc, low | limit 10",
	`parse @message /^(?<ver>\d+) (?<acct>\d+)/ | dedup acct | display ver, acct`,
}

// BenchmarkTranslate measures the translation of each sample query (the
// goal: well under a millisecond).
func BenchmarkTranslate(b *testing.B) {
	src := v2Source()
	for i, q := range sampleQueries {
		b.Run(string(rune('a'+i)), func(b *testing.B) {
			for b.Loop() {
				if _, err := Translate(q, src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCountBySrcAddr compares `stats count(*) by srcAddr`, translated
// and run, with the hand-written GROUP BY on the same data in the same run.
func BenchmarkCountBySrcAddr(b *testing.B) {
	ctx := context.Background()
	c, err := Prepare(ctx, session.Conn, "stats count(*) by srcAddr", filter.Filter{})
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct{ name, sql string }{
		{"insights", c.SQL},
		{"handwritten", "SELECT srcaddr, count(*) FROM vpc_flow_logs GROUP BY srcaddr ORDER BY srcaddr LIMIT 10000"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				rows, err := session.Conn.QueryContext(ctx, bc.sql)
				if err != nil {
					b.Fatal(err)
				}
				for rows.Next() {
				}
				if err := rows.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
