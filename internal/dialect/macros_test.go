package dialect_test

import (
	"context"
	"strings"
	"testing"

	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/internal/dialect"
)

// functionCase is one Athena expression and the value Athena gives for it,
// written as DuckDB's VARCHAR cast writes the value.
type functionCase struct {
	name string
	expr string
	want string
}

func runFunctionCases(t *testing.T, cases []functionCase) {
	t.Helper()
	conn := dbtest.OpenMemory(t).Conn
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := value(t, conn, tc.expr); got != tc.want {
				t.Errorf("%s = %q, want %q", tc.expr, got, tc.want)
			}
		})
	}
}

func TestTimeFunctions(t *testing.T) {
	runFunctionCases(t, []functionCase{
		{"from_unixtime is a timestamp with time zone", "typeof(from_unixtime(1617278400))", "TIMESTAMP WITH TIME ZONE"},
		{"from_unixtime", "from_unixtime(1617278400)", "2021-04-01 12:00:00+00"},
		{"from_unixtime fraction", "from_unixtime(1617278400.5)", "2021-04-01 12:00:00.5+00"},
		{"from_unixtime zone is the same instant", "from_unixtime(1617278400, 'America/New_York') = from_unixtime(1617278400)", "true"},
		{"from_unixtime NULL", "from_unixtime(NULL)", "NULL"},
		{"from_unixtime compares with timestamp literal", "from_unixtime(1617278400) >= TIMESTAMP '2021-04-01 12:00:00'", "true"},
		{"from_unixtime compares with later timestamp", "from_unixtime(1617278399) >= TIMESTAMP '2021-04-01 12:00:00'", "false"},
		{"to_unixtime", "to_unixtime(from_unixtime(1617278400))", "1617278400.0"},
		{"to_unixtime is double", "typeof(to_unixtime(TIMESTAMP '2021-04-01 12:00:00'))", "DOUBLE"},
		{"to_unixtime timestamp", "to_unixtime(TIMESTAMP '1970-01-02 00:00:00.25')", "86400.25"},
		{"to_iso8601 timestamptz UTC", "to_iso8601(from_unixtime(1617278400))", "2021-04-01T12:00:00.000Z"},
		{"to_iso8601 millis", "to_iso8601(from_unixtime(1617278400.123))", "2021-04-01T12:00:00.123Z"},
		{"to_iso8601 date", "to_iso8601(DATE '2021-04-01')", "2021-04-01"},
		{"to_iso8601 timestamp", "to_iso8601(TIMESTAMP '2021-04-01 12:00:00')", "2021-04-01T12:00:00.000"},
		{"to_iso8601 timestamp(3)", "to_iso8601(CAST('2021-04-01 12:00:00.5' AS TIMESTAMP(3)))", "2021-04-01T12:00:00.500"},
		{"to_iso8601 NULL", "to_iso8601(NULL)", "NULL"},
		{"from_iso8601_timestamp Z", "from_iso8601_timestamp('2021-04-01T12:00:00Z')", "2021-04-01 12:00:00+00"},
		{"from_iso8601_timestamp offset", "from_iso8601_timestamp('2021-04-01T12:00:00.123+02:00')", "2021-04-01 10:00:00.123+00"},
		{"from_iso8601_timestamp date only", "from_iso8601_timestamp('2021-04-01')", "2021-04-01 00:00:00+00"},
		{"from_iso8601_date", "from_iso8601_date('2020-02-29')", "2020-02-29"},
		{"day_of_week Monday", "day_of_week(DATE '2021-04-05')", "1"},
		{"day_of_week Sunday", "day_of_week(DATE '2021-04-04')", "7"},
		{"dow timestamp", "dow(TIMESTAMP '2021-04-10 23:59:59')", "6"},
		{"day_of_week NULL", "day_of_week(NULL)", "NULL"},
		{"day_of_year leap", "day_of_year(DATE '2020-12-31')", "366"},
		{"doy", "doy(DATE '2021-03-01')", "60"},
		{"day_of_month", "day_of_month(DATE '2021-03-07')", "7"},
		{"week_of_year ISO", "week_of_year(DATE '2021-01-01')", "53"},
		{"year_of_week ISO", "year_of_week(DATE '2021-01-01')", "2020"},
		{"millisecond of second", "millisecond(TIMESTAMP '2021-01-01 00:00:05.123')", "123"},
		{"date_format MySQL specifiers", "date_format(TIMESTAMP '2021-04-05 13:07:09.123', '%Y-%m-%d %H:%i:%s')", "2021-04-05 13:07:09"},
		{"date_format %i is minutes, %S seconds", "date_format(TIMESTAMP '2021-04-05 13:07:09', '%i|%S|%s')", "07|09|09"},
		{"date_format names", "date_format(TIMESTAMP '2021-04-05 13:07:09', '%a %b %M %W')", "Mon Apr April Monday"},
		{"date_format numbers", "date_format(TIMESTAMP '2021-04-05 03:07:09', '%j %y %e %c %h %k %l %p')", "095 21 5 4 03 3 3 AM"},
		{"date_format compound", "date_format(TIMESTAMP '2021-04-05 13:07:09', '%T %r')", "13:07:09 01:07:09 PM"},
		{"date_format ISO week", "date_format(DATE '2021-01-01', '%x-%v')", "2020-53"},
		{"date_format fraction", "date_format(TIMESTAMP '2021-04-05 13:07:09.123', '%f')", "123000"},
		{"date_format literal percent", "date_format(DATE '2021-04-05', '100%% on %Y/%m/%d')", "100% on 2021/04/05"},
		{"date_format partition string", "date_format(DATE '2021-04-05', '%Y/%m/%d')", "2021/04/05"},
		{"date_format NULL", "date_format(NULL, '%Y')", "NULL"},
		{"date_parse", "date_parse('2021/04/05 13:07', '%Y/%m/%d %H:%i')", "2021-04-05 13:07:00"},
		{"date_parse is a timestamp", "typeof(date_parse('2021-04-05', '%Y-%m-%d'))", "TIMESTAMP"},
		{"date_parse seconds", "date_parse('05.04.2021 01:02:03 PM', '%d.%m.%Y %h:%i:%s %p')", "2021-04-05 13:02:03"},
		{"format_datetime Joda", "format_datetime(from_unixtime(1617278400.123), 'yyyy-MM-dd''T''HH:mm:ss.SSS')", "2021-04-01T12:00:00.123"},
		{"format_datetime names", "format_datetime(TIMESTAMP '2021-04-05 13:07:09', 'EEE, d MMM yyyy h:mm a')", "Mon, 5 Apr 2021 1:07 PM"},
		{"format_datetime long names", "format_datetime(TIMESTAMP '2021-04-05 13:07:09', 'EEEE MMMM yy')", "Monday April 21"},
		{"format_datetime quote", "format_datetime(TIMESTAMP '2021-04-05 13:07:09', 'HH''''mm')", "13'07"},
		{"parse_datetime", "parse_datetime('2021-04-05 13:07', 'yyyy-MM-dd HH:mm')", "2021-04-05 13:07:00+00"},
		{"parse_datetime offset", "parse_datetime('2021-04-05 13:07 +0200', 'yyyy-MM-dd HH:mm Z')", "2021-04-05 11:07:00+00"},
		{"date_add day to timestamp with time zone", "date_add('day', -30, from_unixtime(1617278400))", "2021-03-02 12:00:00+00"},
		{"date_add day keeps DATE", "date_add('day', 1, DATE '2020-02-28')", "2020-02-29"},
		{"date_add month clamps", "date_add('month', 1, DATE '2020-01-31')", "2020-02-29"},
		{"date_add year from leap day", "date_add('year', 1, DATE '2020-02-29')", "2021-02-28"},
		{"date_add quarter", "date_add('quarter', 1, DATE '2020-11-30')", "2021-02-28"},
		{"date_add week", "date_add('week', 2, DATE '2021-04-05')", "2021-04-19"},
		{"date_add hour", "date_add('hour', 2, TIMESTAMP '2020-12-31 23:00:00')", "2021-01-01 01:00:00"},
		{"date_add minute", "date_add('minute', 90, TIMESTAMP '2021-01-01 00:00:00')", "2021-01-01 01:30:00"},
		{"date_add second", "date_add('second', -1, TIMESTAMP '2021-01-01 00:00:00')", "2020-12-31 23:59:59"},
		{"date_add millisecond", "date_add('millisecond', 1500, TIMESTAMP '2021-01-01 00:00:00')", "2021-01-01 00:00:01.5"},
		{"date_add unit in capitals", "date_add('DAY', 1, DATE '2021-01-01')", "2021-01-02"},
		{"date_add NULL", "date_add('day', 1, CAST(NULL AS DATE))", "NULL"},
		{"duckdb date_add still works", "date_add(DATE '2021-01-01', INTERVAL 1 DAY)", "2021-01-02 00:00:00"},
		{"date_diff day", "date_diff('day', DATE '2020-02-01', DATE '2020-03-01')", "29"},
		{"date_diff whole units elapsed", "date_diff('day', TIMESTAMP '2021-01-01 23:00:00', TIMESTAMP '2021-01-02 01:00:00')", "0"},
		{"date_diff hour", "date_diff('hour', TIMESTAMP '2021-01-01 00:00:00', TIMESTAMP '2021-01-01 05:59:59')", "5"},
		{"date_diff negative", "date_diff('hour', TIMESTAMP '2021-01-01 05:00:00', TIMESTAMP '2021-01-01 00:00:00')", "-5"},
		{"date_diff month end of month", "date_diff('month', DATE '2021-01-31', DATE '2021-02-28')", "1"},
		{"date_diff month short", "date_diff('month', DATE '2021-01-15', DATE '2021-02-14')", "0"},
		{"date_diff year from leap day", "date_diff('year', DATE '2020-02-29', DATE '2021-02-28')", "1"},
		{"date_diff year short by a day", "date_diff('year', DATE '2020-03-01', DATE '2021-02-28')", "0"},
		{"date_diff week", "date_diff('week', DATE '2021-01-01', DATE '2021-01-15')", "2"},
		{"date_diff quarter", "date_diff('quarter', DATE '2021-01-15', DATE '2021-07-15')", "2"},
		{"date_diff second on unix times", "date_diff('second', from_unixtime(100), from_unixtime(190))", "90"},
		{"date_diff millisecond", "date_diff('millisecond', TIMESTAMP '2021-01-01 00:00:00', TIMESTAMP '2021-01-01 00:00:01.5')", "1500"},
		{"date_trunc DATE stays DATE", "date_trunc('month', DATE '2021-04-05')", "2021-04-01"},
		{"date_trunc week is Monday", "date_trunc('week', DATE '2021-04-04')", "2021-03-29"},
		{"date_trunc timestamp", "date_trunc('hour', TIMESTAMP '2021-04-05 10:11:12')", "2021-04-05 10:00:00"},
		{"date_trunc timestamptz", "date_trunc('day', from_unixtime(1617278400))", "2021-04-01 00:00:00+00"},
		{"DATE function form", "DATE('2020-05-04')", "2020-05-04"},
		{"date of timestamp", "date(TIMESTAMP '2020-05-04 23:59:59')", "2020-05-04"},
		{"interval literal", "DATE '2021-04-08' - interval '7' day", "2021-04-01 00:00:00"},
		{"current_date minus interval is before today", "current_date - interval '7' day < current_date", "true"},
		{"now is a timestamp with time zone", "typeof(now())", "TIMESTAMP WITH TIME ZONE"},
		{"current_timezone", "current_timezone()", "UTC"},
	})
}

func TestTimeFunctionsInZone(t *testing.T) {
	conn := dbtest.OpenMemory(t).Conn
	cases := []struct {
		name, zone, expr, want string
	}{
		{"to_iso8601 offset", "Asia/Kolkata", "to_iso8601(from_unixtime(0))", "1970-01-01T05:30:00.000+05:30"},
		{"to_iso8601 negative offset", "America/New_York", "to_iso8601(from_unixtime(1617278400))", "2021-04-01T08:00:00.000-04:00"},
		{"date_format in zone", "America/New_York", "date_format(from_unixtime(1617278400), '%Y-%m-%d %H:%i')", "2021-04-01 08:00"},
		{"date_add day across spring forward keeps wall time", "America/New_York",
			"to_iso8601(date_add('day', 1, from_iso8601_timestamp('2021-03-13T12:00:00-05:00')))", "2021-03-14T12:00:00.000-04:00"},
		{"date_add hour across spring forward is elapsed time", "America/New_York",
			"to_iso8601(date_add('hour', 24, from_iso8601_timestamp('2021-03-13T12:00:00-05:00')))", "2021-03-14T13:00:00.000-04:00"},
		{"date_diff day across fall back", "America/New_York",
			"date_diff('day', from_iso8601_timestamp('2021-11-06T12:00:00-04:00'), from_iso8601_timestamp('2021-11-07T12:00:00-05:00'))", "1"},
		{"day_of_week in zone", "America/New_York", "day_of_week(from_unixtime(1617580800))", "7"},
		{"DATE of instant in zone", "America/New_York", "CAST(from_unixtime(0) AS DATE)", "1969-12-31"},
		{"from_iso8601_timestamp without offset is local", "Asia/Kolkata", "to_unixtime(from_iso8601_timestamp('1970-01-01T05:30:00'))", "0.0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dbtest.Exec(t, conn, "SET TimeZone = '"+tc.zone+"'")
			defer dbtest.Exec(t, conn, "SET TimeZone = 'UTC'")
			if got := value(t, conn, tc.expr); got != tc.want {
				t.Errorf("in %s: %s = %q, want %q", tc.zone, tc.expr, got, tc.want)
			}
		})
	}
}

func TestIntegerDivision(t *testing.T) {
	runFunctionCases(t, []functionCase{
		{"integer", "7 / 2", "3"},
		{"negative truncates toward zero", "-7 / 2", "-3"},
		{"negative divisor", "7 / -2", "-3"},
		{"bigint", "CAST(-9000000000 AS BIGINT) / CAST(4000000000 AS BIGINT)", "-2"},
		{"bigint column type", "typeof(CAST(7 AS BIGINT) / CAST(2 AS BIGINT))", "BIGINT"},
		{"double stays fractional", "7.0 / 2", "3.5"},
		{"double cast", "CAST(7 AS DOUBLE) / 2", "3.5"},
		{"milliseconds to seconds", "CAST(1617278400123 AS BIGINT) / 1000", "1617278400"},
	})
}

func TestMiscFunctions(t *testing.T) {
	runFunctionCases(t, []functionCase{
		{"regexp_like partial match", "regexp_like('10.117.1.2', '^10\\.117\\.')", "true"},
		{"regexp_like no match", "regexp_like('192.0.2.1', '^10\\.')", "false"},
		{"regexp_like NULL", "regexp_like(NULL, 'x')", "NULL"},
		{"regexp_extract", "regexp_extract('eni-0abc123', 'eni-[0-9a-f]+')", "eni-0abc123"},
		{"regexp_extract group", "regexp_extract('vpc-1234 subnet-99', 'subnet-([0-9]+)', 1)", "99"},
		{"regexp_extract no match is NULL", "regexp_extract('abc', '[0-9]+')", "NULL"},
		{"split_part", "split_part('10.117.1.2', '.', 2)", "117"},
		{"split_part past the end is NULL", "split_part('10.117.1.2', '.', 5)", "NULL"},
		{"split_part empty field", "split_part('a..b', '.', 2)", ""},
		{"cardinality array", "cardinality(ARRAY[1, NULL, 3])", "3"},
		{"cardinality empty array", "cardinality(CAST([] AS INTEGER[]))", "0"},
		{"cardinality map", "cardinality(MAP(ARRAY['a', 'b'], ARRAY[1, 2]))", "2"},
		{"cardinality NULL", "cardinality(CAST(NULL AS INTEGER[]))", "NULL"},
		{"element_at array 1-based", "element_at(ARRAY['a', 'b', 'c'], 1)", "a"},
		{"element_at array from the end", "element_at(ARRAY['a', 'b', 'c'], -1)", "c"},
		{"element_at array past the end", "element_at(ARRAY['a', 'b', 'c'], 4)", "NULL"},
		{"element_at map", "element_at(MAP(ARRAY['a', 'b'], ARRAY[1, 2]), 'b')", "2"},
		{"element_at map missing key", "element_at(MAP(ARRAY['a', 'b'], ARRAY[1, 2]), 'z')", "NULL"},
		{"array_join", "array_join(ARRAY['a', NULL, 'c'], ',')", "a,c"},
		{"array_join null replacement", "array_join(ARRAY['a', NULL, 'c'], ',', '-')", "a,-,c"},
		{"json_extract_scalar", "json_extract_scalar('{\"a\": {\"b\": \"x\"}}', '$.a.b')", "x"},
		{"typeof is DuckDB's", "typeof(1)", "INTEGER"},
		{"try", "try(CAST('x' AS INTEGER))", "NULL"},
		{"if", "if(1 < 2, 'yes', 'no')", "yes"},
		{"TRY_CAST", "TRY_CAST('12x' AS INTEGER)", "NULL"},
		{"VARCHAR(n)", "CAST('abc' AS VARCHAR(10))", "abc"},
		{"ROW cast", "CAST(ROW(1, 'a') AS ROW(x INTEGER, y VARCHAR)).y", "a"},
		{"lambda arrow", "filter(ARRAY[1, 2, 3], x -> x > 1)", "[2, 3]"},
		{"transform", "transform(ARRAY[1, 2], x -> x * 10)", "[10, 20]"},
		{"any_match", "any_match(ARRAY[1, 2], x -> x > 1)", "true"},
		{"all_match", "all_match(ARRAY[1, 2], x -> x > 1)", "false"},
		{"none_match", "none_match(ARRAY[1, 2], x -> x > 5)", "true"},
		{"string contains still DuckDB's", "contains('abcdef', 'cd')", "true"},
		{"list contains still DuckDB's", "contains(ARRAY[1, 2, 3], 2)", "true"},
		{"string contains of CIDR-like text without a prefix", "contains('10.0.0.0', '0.0')", "true"},
	})
}

func TestAggregateFunctions(t *testing.T) {
	conn := dbtest.OpenMemory(t).Conn
	dbtest.Exec(t, conn, "CREATE TEMP TABLE sample AS SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (2, 'b'), (3, NULL), (10, 'c')) t(n, s)")
	cases := []struct{ name, query, want string }{
		{"approx_distinct equals count distinct", "SELECT approx_distinct(s) = count(DISTINCT s) FROM sample", "true"},
		{"approx_distinct", "SELECT approx_distinct(n) FROM sample", "4"},
		{"approx_distinct with error bound", "SELECT approx_distinct(s, 0.01) FROM sample", "3"},
		{"approx_distinct on a larger set", "SELECT approx_distinct(i % 997) = count(DISTINCT i % 997) FROM range(100000) r(i)", "true"},
		{"approx_percentile median", "SELECT approx_percentile(n, 0.5) FROM sample", "2"},
		{"approx_percentile array", "SELECT CAST(approx_percentile(n, ARRAY[0.0, 1.0]) AS VARCHAR) FROM sample", "[1, 10]"},
		{"arbitrary", "SELECT arbitrary(n) IN (1, 2, 3, 10) FROM sample", "true"},
		{"every", "SELECT every(n > 0) FROM sample", "true"},
		{"count_if", "SELECT count_if(n = 2) FROM sample", "2"},
		{"array_agg distinct", "SELECT CAST(array_agg(DISTINCT(s) ORDER BY s) AS VARCHAR) FROM sample WHERE s IS NOT NULL", "[a, b, c]"},
		{"avg of integers is fractional", "SELECT avg(n) FROM sample", "3.6"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := rows(t, conn, tc.query)
			if len(got) != 1 || got[0][0] != tc.want {
				t.Errorf("%s = %v, want %q", tc.query, got, tc.want)
			}
		})
	}
}

func TestDialectErrors(t *testing.T) {
	conn := dbtest.OpenMemory(t).Conn
	cases := []struct{ name, expr, wantErr string }{
		{"date_add unknown unit", "date_add('fortnight', 1, DATE '2021-01-01')", "unknown date unit 'fortnight'"},
		{"date_add hour on a DATE", "date_add('hour', 1, DATE '2021-01-01')", "not a valid unit for a DATE"},
		{"invalid CIDR length", "contains('10.0.0.0/33', CAST('10.0.0.1' AS IPADDRESS))", "invalid CIDR"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := queryValue(conn, tc.expr)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%s: error %v, want one containing %q", tc.expr, err, tc.wantErr)
			}
		})
	}
}

func TestInstallTwice(t *testing.T) {
	conn := dbtest.OpenMemory(t).Conn
	if err := dialect.Install(context.Background(), conn); err != nil {
		t.Fatalf("second Install: %v", err)
	}
	if got := value(t, conn, "to_iso8601(from_unixtime(0))"); got != "1970-01-01T00:00:00.000Z" {
		t.Errorf("after reinstall: %q", got)
	}
}

func TestDialectMacrosAreTemporary(t *testing.T) {
	conn := dbtest.OpenMemory(t).Conn
	ctx := context.Background()
	var outside int
	err := conn.QueryRowContext(ctx,
		"SELECT count(*) FROM duckdb_functions() WHERE database_name NOT IN ('temp', 'system') AND function_name LIKE 'athena_%'").Scan(&outside)
	if err != nil {
		t.Fatal(err)
	}
	if outside != 0 {
		t.Errorf("%d athena_ macros outside the temp catalog", outside)
	}
	var temp int
	err = conn.QueryRowContext(ctx,
		"SELECT count(DISTINCT function_name) FROM duckdb_functions() WHERE database_name = 'temp'").Scan(&temp)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(dialect.DialectMacros()) + 1; temp != want { // + is_private
		t.Errorf("temp catalog holds %d macros, want %d (the dialect's and is_private)", temp, want)
	}
}
