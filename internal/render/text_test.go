package render

import (
	"context"
	"testing"
	"time"

	"github.com/flowduck/flowduck/internal/dbtest"
)

// TestTextMatchesDuckDB checks that the text the display formats show for a
// value is what DuckDB itself prints when it casts that value to VARCHAR.
func TestTextMatchesDuckDB(t *testing.T) {
	exprs := []string{
		"42", "-7::TINYINT", "65535::USMALLINT", "18446744073709551615::UBIGINT",
		"170141183460469231731687303715884105727::HUGEINT", "340282366920938463463374607431768211455::UHUGEINT",
		"1.500::DECIMAL(18,3)", "-0.001::DECIMAL(18,3)", "(-1)::DECIMAL(38,10)", "12345678901234567890123456.123::DECIMAL(38,3)", "5::DECIMAL(4,0)",
		"0.1::DOUBLE", "1e20::DOUBLE", "123456789.0::DOUBLE", "1e-7::DOUBLE", "-0.0::DOUBLE", "'nan'::DOUBLE", "'-inf'::DOUBLE",
		"1e15::DOUBLE", "1e16::DOUBLE", "0.0001::DOUBLE", "1e-5::DOUBLE", "1/3", "2.5e-300::DOUBLE",
		"1.5::FLOAT", "3.4e38::FLOAT", "0.1::FLOAT", "1e10::FLOAT",
		"true", "false",
		"DATE '2026-03-01'", "'infinity'::DATE", "'-infinity'::DATE",
		"TIME '12:34:56.7'", "TIME '00:00:00'", "TIMETZ '12:34:56+05:30'", "TIMETZ '01:02:03-08'",
		"TIMESTAMP '2026-03-01 12:00:00.5'", "TIMESTAMP_NS '2026-03-01 12:00:00.123456789'", "'2026-03-01 12:00:00.123'::TIMESTAMP_MS",
		"'2026-03-01 12:00:01'::TIMESTAMP_S", "'294247-01-10 04:00:54'::TIMESTAMP", "DATE '0001-01-01' - INTERVAL 1 DAY", "'infinity'::TIMESTAMP", "'-infinity'::TIMESTAMP", "DATE '0044-03-15' - INTERVAL 100 YEAR",
		"TIMESTAMPTZ '2026-03-01 12:00:00.25+00'", "TIMESTAMPTZ '2026-07-01 12:00:00+02'",
		"INTERVAL 90 MINUTE", "INTERVAL '1 year 2 months 3 days 04:05:06.789'", "INTERVAL 0 SECOND", "INTERVAL '-1 day -2 hours'",
		"INTERVAL '14 months'", "INTERVAL '-2 days'", "INTERVAL '-1 year'", "INTERVAL 25 HOUR", "INTERVAL '1 day 1 microsecond'",
		"'\\xAA\\x00abc\\x5C'::BLOB", "'a''b\"c~'::BLOB", "UUID '550e8400-e29b-41d4-a716-446655440000'",
		"'ACCEPT'::ENUM('ACCEPT', 'REJECT')", "'1010'::BIT",
		"[1, 2, NULL]", "[[1, 2], [3]]", "[1.5, 2]::DOUBLE[]", "[1, 2, 3]::INTEGER[3]", "[]::INTEGER[]",
		"['', 'NULL', ' a', 'a:b', 'a=b', 'x(y)', '\"q\"', 'a\\b', 'a b', 'ab ', 'a[b', 'a{', 'null', 'it''s', 'é', 'a,b']",
		"{'a': 1, 'b': 'x y', 'c': NULL}", "{'a': [1, 2], 'b': {'c': 'd'}}", "{'a b': 1, 'c\"d': 2}", "{'x': 'it''s'}",
		"[{'ip': '10.0.0.1', 'port': 443}]", "[DATE '2026-03-01', NULL]", "[TIME '01:02:03']", "[TIMESTAMPTZ '2026-03-01 12:00:00+00']", "['\\x00'::BLOB, ''::BLOB]", "{'t': TIMESTAMP '2026-03-01 12:00:00', 'd': 1.50::DECIMAL(5,2)}",
		"MAP {'k': 1, 'z': 2}", "MAP {1: 'a'}", "MAP {'a=b': 'c,d', '': 'x'}", "MAP {'k': [1]}",
		"union_value(n := 1)", "union_value(s := 'x')::UNION(n INTEGER, s VARCHAR)",
	}
	db := dbtest.OpenPlain(t).Conn
	x := texter{loc: time.UTC}
	for _, e := range exprs {
		t.Run(e, func(t *testing.T) {
			rows, err := db.QueryContext(context.Background(), "SELECT "+e+", ("+e+")::VARCHAR")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			src, err := newSQLSource(rows)
			if err != nil {
				t.Fatal(err)
			}
			row, err := src.next(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			want, _ := row[1].(string)
			if got := x.text(row[0], src.columns()[0].typ); got != want {
				t.Errorf("text of %s (%s) = %q, DuckDB prints %q", e, rowsType(src), got, want)
			}
		})
	}
}

func rowsType(s *sqlSource) string {
	types, _ := s.rows.ColumnTypes()
	return types[0].DatabaseTypeName()
}
