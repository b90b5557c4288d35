package dialect_test

import (
	"context"
	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/internal/dialect"
	"strings"
	"testing"
)

func TestRewriteLeavesStatementsAlone(t *testing.T) {
	conn := dbtest.OpenMemory(t).Conn
	cases := []struct{ name, stmt string }{
		{"no trigger word", "SELECT  srcaddr ,count(*) -- a comment\nFROM t GROUP BY 1"},
		{"trigger word inside a longer identifier", "SELECT contains_ip, ipaddress_text FROM t"},
		{"string contains", "SELECT contains(srcaddr, '10.') FROM t"},
		{"list contains", "SELECT contains([1, 2], 1)"},
		{"not a SELECT", "CREATE VIEW v AS SELECT CAST(srcaddr AS IPADDRESS) FROM t"},
		{"CREATE TABLE AS", "CREATE TABLE x AS SELECT contains('10.0.0.0/8', CAST(a AS IPADDRESS)) FROM t"},
		{"INSERT SELECT", "INSERT INTO x SELECT CAST(a AS IPADDRESS) FROM t"},
		{"PRAGMA", "PRAGMA table_info('contains')"},
		{"SET", "SET search_path = 'contains'"},
		{"syntax error", "SELECT CAST(a AS IPADDRESS FROM"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := dialect.Rewrite(context.Background(), conn, tc.stmt)
			if err != nil {
				t.Fatalf("Rewrite: %v", err)
			}
			if got != tc.stmt {
				t.Errorf("Rewrite changed the statement:\n got %q\nwant %q", got, tc.stmt)
			}
		})
	}
}

func TestRewriteUsesTheSyntaxTree(t *testing.T) {
	conn := dbtest.OpenMemory(t).Conn
	cases := []struct {
		name     string
		stmt     string
		contains []string // in the rewritten SQL
		absent   []string // not in the rewritten SQL
	}{
		{"cast to IPADDRESS",
			"SELECT CAST(srcaddr AS IPADDRESS) AS ip FROM t",
			[]string{"athena_ipaddress(srcaddr) AS ip"}, []string{"IPADDRESS"}},
		{"literal text mentioning the constructs is untouched",
			"SELECT 'contains(''10.0.0.0/8'', CAST(x AS IPADDRESS))' AS s, CAST(a AS IPADDRESS) FROM t",
			[]string{"'contains(''10.0.0.0/8'', CAST(x AS IPADDRESS))' AS s", "athena_ipaddress(a)"}, nil},
		{"quoted identifier named like the type is untouched",
			`SELECT "IPADDRESS" FROM t WHERE contains('10.0.0.0/8', CAST("IPADDRESS" AS IPADDRESS))`,
			[]string{`SELECT IPADDRESS FROM`, `CAST(IPADDRESS AS VARCHAR) ~~ '10.%'`}, nil},
		{"comparison keys both sides",
			"SELECT * FROM t WHERE CAST(a AS IPADDRESS) < IPADDRESS '10.0.0.10'",
			[]string{"(athena_ip_key_text(CAST(a AS VARCHAR)) < athena_ip_key_text(CAST('10.0.0.10' AS VARCHAR)))"}, nil},
		{"ORDER BY orders by key, from the text when rows are not grouped",
			"SELECT a FROM t ORDER BY CAST(a AS IPADDRESS) DESC",
			[]string{"ORDER BY athena_ip_key_text(CAST(a AS VARCHAR)) DESC"}, nil},
		{"ORDER BY of a grouped query keys the canonical address",
			"SELECT CAST(a AS IPADDRESS) AS ip FROM t GROUP BY 1 ORDER BY CAST(a AS IPADDRESS)",
			[]string{"ORDER BY athena_ip_key(athena_ipaddress(a))"}, nil},
		{"contains a constant CIDR in WHERE folds into a prefix test",
			"SELECT * FROM t WHERE contains('10.20.0.0/16', CAST(a AS IPADDRESS))",
			[]string{"(CAST(a AS VARCHAR) ~~ '10.20.%')", "(CAST(a AS VARCHAR) < '1.0.0.0')", "(CAST(a AS VARCHAR) >= ':')"},
			[]string{"athena_cidr_contains"}},
		{"contains a constant CIDR outside a truth place keeps NULL for non-addresses",
			"SELECT contains('10.20.0.0/16', CAST(a AS IPADDRESS)) FROM t",
			[]string{"starts_with(flowduck_ip_key(CAST(a AS VARCHAR)), '00000000000000000000ffff0a14')"},
			[]string{"~~"}},
		{"contains a CIDR whose prefix is not whole hex digits outside a truth place",
			"SELECT contains('10.20.0.0/15', CAST(a AS IPADDRESS)) FROM t",
			[]string{"flowduck_ip_key(CAST(a AS VARCHAR)) BETWEEN '00000000000000000000ffff0a140000' AND '00000000000000000000ffff0a15ffff'"},
			[]string{"~~"}},
		{"under NOT the exact predicate",
			"SELECT * FROM t WHERE NOT contains('10.20.0.0/16', CAST(a AS IPADDRESS))",
			[]string{"(NOT starts_with(flowduck_ip_key(CAST(a AS VARCHAR)), '00000000000000000000ffff0a14'))"}, []string{"~~"}},
		{"equality with a constant address in WHERE folds into text equality",
			"SELECT * FROM t WHERE CAST(a AS IPADDRESS) = IPADDRESS '10.0.0.1'",
			[]string{"(CAST(a AS VARCHAR) = '10.0.0.1')"}, nil},
		{"contains a non-constant CIDR keeps the macro",
			"SELECT * FROM t WHERE contains(c, CAST(a AS IPADDRESS))",
			[]string{"athena_cidr_contains(c, a)"}, nil},
		{"catalog prefix dropped",
			`SELECT * FROM "awsdatacatalog"."default"."vpc_flow_logs"`,
			[]string{`FROM "default".vpc_flow_logs`}, []string{"awsdatacatalog"}},
		{"date_parse format translated",
			"SELECT date_parse(s, '%Y/%m/%d %H:%i') FROM t",
			[]string{"strptime(s, '%Y/%m/%d %H:%M')"}, []string{"date_parse"}},
		{"parse_datetime format translated",
			"SELECT parse_datetime(s, 'yyyy-MM-dd HH:mm') FROM t",
			[]string{"CAST(strptime(s, '%Y-%m-%d %H:%M') AS TIMESTAMP WITH TIME ZONE)"}, nil},
		{"transform renamed",
			"SELECT transform(a, x -> x + 1) FROM t",
			[]string{"list_transform(a, "}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := dialect.Rewrite(context.Background(), conn, tc.stmt)
			if err != nil {
				t.Fatalf("Rewrite: %v", err)
			}
			for _, s := range tc.contains {
				if !strings.Contains(got, s) {
					t.Errorf("rewritten SQL lacks %q:\n%s", s, got)
				}
			}
			for _, s := range tc.absent {
				if strings.Contains(got, s) {
					t.Errorf("rewritten SQL still has %q:\n%s", s, got)
				}
			}
		})
	}
}

func TestRewriteLiteralsSurviveExecution(t *testing.T) {
	conn := dbtest.OpenMemory(t).Conn
	got := rows(t, conn, "SELECT 'contains(''10.0.0.0/8'', ip) IPADDRESS' AS s, CAST('10.0.0.1' AS IPADDRESS) AS ip")
	want := []string{"contains('10.0.0.0/8', ip) IPADDRESS", "10.0.0.1"}
	if len(got) != 1 || got[0][0] != want[0] || got[0][1] != want[1] {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestHasTriggerWord(t *testing.T) {
	cases := []struct {
		stmt string
		want bool
	}{
		{"select 1", false},
		{"SELECT CAST(x AS IpAddress)", true},
		{"select contains('a', 'b')", true},
		{"select my_contains(x)", false},
		{"select * from AwsDataCatalog.db.t", true},
		{"select date_parse(x, '%Y')", true},
		{"select ipaddresses from t", false},
	}
	for _, tc := range cases {
		if got := dialect.HasTriggerWord(tc.stmt); got != tc.want {
			t.Errorf("hasTriggerWord(%q) = %v, want %v", tc.stmt, got, tc.want)
		}
	}
}
