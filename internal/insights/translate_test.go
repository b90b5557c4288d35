package insights

import (
	"errors"
	"strings"
	"testing"

	"github.com/flowduck/flowduck/schema"
)

// v2Source is the relation of a database holding only default-format
// records, with no CloudWatch event times.
func v2Source() Source {
	src := Source{Name: "vpc_flow_logs", Columns: map[string]string{}}
	for _, f := range schema.DefaultFormat() {
		src.Columns[f.Column] = f.DuckType
	}
	return src
}

func TestTranslate(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  []string // fragments of the SQL, in order
		cols  []string
	}{
		{"default columns and order", `filter action = "REJECT"`,
			[]string{`WHERE ("action" = 'REJECT')`, `AS "@timestamp", concat_ws(' ', coalesce(CAST("version" AS VARCHAR), '-')`, `ORDER BY to_timestamp("start") DESC`, "LIMIT 10000"},
			[]string{"@timestamp", "@message"}},
		{"camelCase and Athena names, any case", `fields SRCADDR, dst_addr, interfaceId, logstatus`,
			[]string{`"srcaddr" AS "SRCADDR", "dstaddr" AS "dst_addr", "interface_id" AS "interfaceId", "log_status" AS "logstatus"`},
			[]string{"SRCADDR", "dst_addr", "interfaceId", "logstatus"}},
		{"numeric string compares as number", `filter srcPort = '22'`,
			[]string{`("srcport" = CAST('22' AS DOUBLE))`}, nil},
		{"non-numeric string against number", `filter srcPort = 'ssh'`,
			[]string{`("srcport" = TRY_CAST('ssh' AS DOUBLE))`}, nil},
		{"absent field is NULL", `filter vpcId = "vpc-1" and nosuchfield > 3`,
			[]string{`(CAST(NULL AS VARCHAR) = 'vpc-1')`, `(NULL > 3)`}, nil},
		{"like is a substring test", `filter dstAddr like "203.0" and dstAddr not like "203.0.113"`,
			[]string{`contains("dstaddr", '203.0')`, `(NOT contains("dstaddr", '203.0.113'))`}, nil},
		{"regex forms", `filter @message like /(?i)reject/ or interfaceId =~ /eni-0a/`,
			[]string{`regexp_matches(concat_ws(`, `'(?i)reject')`, `regexp_matches("interface_id", 'eni-0a')`}, nil},
		{"in and not in", `filter dstPort in [22, 3389] and action not in ["ACCEPT"] and srcPort in ['80', 443]`,
			[]string{`("dstport" IN (22, 3389))`, `(NOT ("action" IN ('ACCEPT')))`, `("srcport" IN (CAST('80' AS DOUBLE), 443))`}, nil},
		{"stats with by, aliases, several aggregates", `stats count(*), sum(bytes) as b, avg(packets) by srcAddr, dstPort as port`,
			[]string{`SELECT "srcaddr" AS "srcAddr", "dstport" AS "port", count(*) AS "count(*)", sum("bytes") AS "b", avg("packets") AS "avg(packets)" FROM vpc_flow_logs GROUP BY ALL`, `ORDER BY "srcAddr", "port"`},
			[]string{"srcAddr", "port", "count(*)", "b", "avg(packets)"}},
		{"second stats over the first", `stats sum(bytes) as b by srcAddr | stats max(b) as top, count(*) as talkers`,
			[]string{`q1 AS (`, `SELECT max("b") AS "top", count(*) AS "talkers" FROM q1`},
			[]string{"top", "talkers"}},
		{"sort several keys then limit", `sort bytes desc, srcAddr asc | limit 5`,
			[]string{`ORDER BY "bytes" DESC, "srcaddr" LIMIT 5`},
			[]string{"@timestamp", "@message"}},
		{"fields expressions", `fields bytes / packets as avgSize, srcPort + 1, toupper(action) as a`,
			[]string{`("bytes" / "packets") AS "avgSize"`, `("srcport" + 1) AS "srcPort + 1"`, `upper("action") AS "a"`},
			[]string{"avgSize", "srcPort + 1", "a"}},
		{"fields after stats chooses among its columns", `stats count(*) as n by action | fields n, action`,
			[]string{`SELECT "n" AS "n", "action" AS "action"`}, []string{"n", "action"}},
		{"display keeps the last", `fields srcAddr, dstAddr | display dstAddr`,
			[]string{`"dstaddr" AS "dstAddr"`}, []string{"dstAddr"}},
		{"dedup after sort", `sort bytes desc | dedup srcAddr | fields srcAddr, bytes`,
			[]string{`QUALIFY row_number() OVER (PARTITION BY "srcaddr" ORDER BY "bytes" DESC) = 1`}, nil},
		{"parse glob", `parse @message "* * * *" as v, acct, eni, rest | stats count(*) by eni`,
			[]string{`regexp_extract(concat_ws(`, `'(.*?) (.*?) (.*?) (.*)', 3), '') AS "eni"`}, nil},
		{"parse regex named groups", `parse interfaceId /eni-(?<head>[0-9a-f]{2})(?<tail>.*)/ | fields head`,
			[]string{`'eni-(?P<head>[0-9a-f]{2})(?P<tail>.*)', 1), '') AS "head"`}, []string{"head"}},
		{"bin in UTC epoch multiples", `stats count(*) by bin(5m)`,
			[]string{`to_timestamp(floor(epoch_ms(to_timestamp("start")) / 300000) * 300000 / 1000.0) AS "bin(5m)"`}, nil},
		{"bin by month", `stats count(*) by bin(1mo)`,
			[]string{`to_months(CAST(floor(((year(timezone('UTC', to_timestamp("start"))) - 1970) * 12 + month(timezone('UTC', to_timestamp("start"))) - 1) / 1)`}, nil},
		{"comments", "# top talkers\nstats sum(bytes) as b by srcAddr # per source\n| sort b desc # biggest first",
			[]string{`ORDER BY "b" DESC`}, []string{"srcAddr", "b"}},
		{"earliest and latest read @timestamp", `stats earliest(srcPort), latest(action) by srcAddr`,
			[]string{`arg_min("srcport", to_timestamp("start"))`, `arg_max("action", to_timestamp("start"))`}, nil},
		{"pct and stddev", `stats pct(bytes, 95), stddev(bytes)`,
			[]string{`quantile_disc("bytes", 0.95)`, `stddev_samp("bytes")`}, nil},
		{"subnet functions", `filter isIpv4InSubnet(srcAddr, "10.0.0.0/8") or isIpv6InSubnet(srcAddr, "2001:db8::/32") or isIpInSubnet(dstAddr, "192.0.2.0/24")`,
			[]string{`(NOT contains("srcaddr", ':') AND coalesce(athena_cidr_contains('10.0.0.0/8', "srcaddr"), false))`, `(contains("srcaddr", ':') AND`, `coalesce(athena_cidr_contains('192.0.2.0/24', "dstaddr"), false)`}, nil},
		{"string functions", `fields substr(interfaceId, 4, 3) as s, strlen(action) as n, concat(srcAddr, ":", srcPort) as ep, replace(action, "A", "a") as r, strcontains(action, "REJ") as rej`,
			[]string{`substr("interface_id", CAST(4 AS BIGINT) + 1, CAST(3 AS BIGINT))`, `length("action")`, `concat("srcaddr", ':', CAST("srcport" AS VARCHAR))`, `replace("action", 'A', 'a')`, `CAST(contains("action", 'REJ') AS INTEGER)`}, nil},
		{"pseudo fields", `fields @logStream, @log, @ingestionTime`,
			[]string{`("interface_id" || '-all') AS "@logStream"`, `CAST(NULL AS VARCHAR) AS "@log"`, `CAST(NULL AS TIMESTAMPTZ) AS "@ingestionTime"`}, nil},
		{"time functions", `fields fromMillis(toMillis(@timestamp)) as t, datefloor(@timestamp, 1h) as f, dateceil(@timestamp, 1d) as c`,
			[]string{`to_timestamp(epoch_ms(to_timestamp("start")) / 1000.0)`, `3600000`, `to_milliseconds(86400000)`}, nil},
		{"if, coalesce, ispresent", `fields if(action = "REJECT", 1, 0) as r, coalesce(vpcId, "none") as v | filter ispresent(srcAddr) and not isempty(action) and not isblank(logStatus)`,
			[]string{`(CASE WHEN ("action" = 'REJECT') THEN 1 ELSE 0 END)`, `coalesce(CAST(NULL AS VARCHAR), 'none')`, `("srcaddr" IS NOT NULL)`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Translate(tt.query, v2Source())
			if err != nil {
				t.Fatalf("Translate(%q): %v", tt.query, err)
			}
			rest := c.SQL
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("SQL lacks (in order) %s\nSQL:\n%s", w, c.SQL)
				}
				rest = rest[i+len(w):]
			}
			if tt.cols != nil && strings.Join(c.Columns, "|") != strings.Join(tt.cols, "|") {
				t.Errorf("columns = %q, want %q", c.Columns, tt.cols)
			}
		})
	}
}

func TestTranslateErrors(t *testing.T) {
	tests := []struct {
		name, query string
		line, col   int
		want        string
	}{
		{"unknown command", "filter action = 'ACCEPT'\n| frobnicate x", 2, 3, `unknown command "frobnicate"`},
		{"missing operand", "filter srcPort = ", 1, 17, "expected a field, a value or a function, found the end of the query"},
		{"unterminated string", `filter action = "ACC`, 1, 17, "unterminated string"},
		{"bad character", "filter a = 1 ; b", 1, 14, "unexpected character ';'"},
		{"stats without aggregate", "stats srcAddr", 1, 7, "stats needs an aggregate function"},
		{"aggregate outside stats", "filter count(*) > 1", 1, 8, "only goes in stats"},
		{"unknown function", "fields frob(x)", 1, 8, "unknown function frob()"},
		{"arity", "fields substr(x)", 1, 8, "substr() takes 2 to 3 arguments, got 1"},
		{"bad span", "stats count(*) by bin(5parsecs)", 1, 23, "malformed time span 5parsecs"},
		{"span as value", "filter bytes > 5m", 1, 16, "time span"},
		{"glob count", `parse @message "* *" as a`, 1, 16, "the pattern has 2 '*' but 1 name(s)"},
		{"regex without names", `parse @message /(\d+)/`, 1, 16, "needs named groups"},
		{"limit zero", "limit 0", 1, 7, "limit must be a whole number above 0"},
		{"empty", "  # nothing\n", 1, 1, "empty query"},
		{"trailing pipe", "filter bytes > 1 |", 1, 19, "expected a command after '|'"},
		{"two stats columns of one name", "stats count(*) as n, sum(bytes) as n", 1, 1, `two columns named "n"`},
		{"bin after stats", "stats count(*) as n by srcAddr | stats sum(n) by bin(1h)", 1, 50, "bin() needs @timestamp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Translate(tt.query, v2Source())
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Translate(%q) = %v, want a *SyntaxError", tt.query, err)
			}
			if se.Line != tt.line || se.Column != tt.col || !strings.Contains(se.Msg, tt.want) {
				t.Errorf("error at %d:%d %q, want %d:%d containing %q", se.Line, se.Column, se.Msg, tt.line, tt.col, tt.want)
			}
			lines := strings.Split(se.Caret(), "\n")
			if len(lines) != 3 || strings.Index(lines[1], "^") != tt.col+1 {
				t.Errorf("caret not under column %d:\n%s", tt.col, se.Caret())
			}
		})
	}
}

func TestUnsupported(t *testing.T) {
	for _, q := range []string{
		"pattern @message",
		"filter action = 'REJECT' | anomaly",
		"fields srcAddr | diff",
		"unmask(@message)",
		"lookup table1 srcAddr",
		"SOURCE logGroups(namePrefix: ['vpc'])",
		"fields unmask(@message)",
	} {
		_, err := Translate(q, v2Source())
		var ue *UnsupportedError
		if !errors.As(err, &ue) {
			t.Errorf("Translate(%q) = %v, want an *UnsupportedError", q, err)
			continue
		}
		if !strings.Contains(strings.ToLower(q), strings.ToLower(ue.Construct)) || ue.Hint == "" ||
			!strings.Contains(err.Error(), ue.Construct+" is not supported") {
			t.Errorf("Translate(%q): %v does not name the construct with a hint", q, err)
		}
	}
}

func TestCamelName(t *testing.T) {
	for aws, want := range map[string]string{
		"srcaddr": "srcAddr", "dstport": "dstPort", "account-id": "accountId", "interface-id": "interfaceId",
		"log-status": "logStatus", "pkt-srcaddr": "pktSrcAddr", "pkt-dst-aws-service": "pktDstAwsService",
		"flow-direction": "flowDirection", "version": "version", "tcp-flags": "tcpFlags",
	} {
		if got := CamelName(aws); got != want {
			t.Errorf("CamelName(%q) = %q, want %q", aws, got, want)
		}
	}
}

func TestMessageFieldOrder(t *testing.T) {
	src := v2Source()
	src.Fields = true
	src.Columns["vpc_id"] = "VARCHAR"
	src.Columns["custom_field"] = "VARCHAR"
	c, err := Translate("fields @message", src)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`list_transform((SELECT f.fields FROM main.flowduck_files AS f WHERE f.id = "_file_id"), lambda n: coalesce(CASE n WHEN 'version' THEN CAST("version" AS VARCHAR)`,
		`WHEN 'vpc-id' THEN CAST("vpc_id" AS VARCHAR)`,
		`WHEN 'custom-field' THEN CAST("custom_field" AS VARCHAR) END, '-')), ' ')`,
		`coalesce(CAST("log_status" AS VARCHAR), '-'), CAST("vpc_id" AS VARCHAR), CAST("custom_field" AS VARCHAR))`,
	} {
		if !strings.Contains(c.SQL, want) {
			t.Errorf("SQL lacks %s\nSQL:\n%s", want, c.SQL)
		}
	}
}
