package render

import (
	"bytes"
	"testing"

	"github.com/flowduck/flowduck/internal/dbtest"
)

// TestJSONValues checks the JSON encoding of single values of each DuckDB
// type, timestamps with zone shown in Europe/Paris.
func TestJSONValues(t *testing.T) {
	tests := []struct {
		expr, want string
	}{
		{"NULL", `null`},
		{"'a\"b\\c' || chr(10) || chr(1) || '<&>' || chr(8232)", `"a\"b\\c\n\u0001<&>\u2028"`},
		{"(-128)::TINYINT", `-128`},
		{"4294967295::UINTEGER", `4294967295`},
		{"340282366920938463463374607431768211455::UHUGEINT", `340282366920938463463374607431768211455`},
		{"0.000::DECIMAL(9,3)", `0.000`},
		{"-0.05::DECIMAL(4,2)", `-0.05`},
		{"2.5e-300::DOUBLE", `2.5e-300`},
		{"'-inf'::DOUBLE", `null`},
		{"['nan'::DOUBLE, 1]", `[null,1.0]`},
		{"DATE '2026-03-01'", `"2026-03-01"`},
		{"'infinity'::DATE", `"infinity"`},
		{"DATE '0001-01-01' - INTERVAL 1 DAY", `"0000-12-31T00:00:00Z"`},
		{"TIME '23:59:59.999999'", `"23:59:59.999999"`},
		{"TIMETZ '12:34:56+05:30'", `"12:34:56+05:30"`},
		{"TIMETZ '12:34:56+00'", `"12:34:56Z"`},
		{"TIMESTAMP '2026-03-01 12:00:00'", `"2026-03-01T12:00:00Z"`},
		{"'-infinity'::TIMESTAMP", `"-infinity"`},
		{"TIMESTAMPTZ '2026-03-01 12:00:00.123+00'", `"2026-03-01T13:00:00.123+01:00"`},
		{"{'at': TIMESTAMPTZ '2026-08-01 00:00:00+00', 'day': DATE '2026-08-01'}", `{"at":"2026-08-01T02:00:00+02:00","day":"2026-08-01"}`},
		{"INTERVAL '1 day 2 hours'", `"1 day 02:00:00"`},
		{"'\\x00\\xFF'::BLOB", `"AP8="`},
		{"[UUID 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11']", `["a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"]`},
		{"{'z': 1, 'a': {'y': [true, NULL], 'b': 'x'}}", `{"z":1,"a":{"y":[true,null],"b":"x"}}`},
		{"MAP {'b': 1, 'a': 2}", `{"b":1,"a":2}`},
		{"MAP {1.5::DOUBLE: 'x'}", `[{"key":1.5,"value":"x"}]`},
		{"MAP {DATE '2026-03-01': 5}", `[{"key":"2026-03-01","value":5}]`},
		{"union_value(s := 'x')::UNION(n INTEGER, s VARCHAR)", `"x"`},
		{"'{\"b\": [1, 2.5, null], \"a\": \"<x>\"}'::JSON", `{"a":"<x>","b":[1,2.5,null]}`},
		{"[1, 2, 3]::INTEGER[3]", `[1,2,3]`},
	}
	db := dbtest.OpenPlain(t).Conn
	loc := paris(t)
	for _, tc := range tests {
		t.Run(tc.expr, func(t *testing.T) {
			out, _ := renderQuery(t, db, "SELECT "+tc.expr+" AS v", Options{Format: JSONL, Location: loc})
			want := `{"v":` + tc.want + "}\n"
			if out != want {
				t.Errorf("got  %s\nwant %s", out, want)
			}
		})
	}
}

// TestJSONStringEscapes checks strings the SQL round trip cannot easily
// produce: invalid UTF-8 and every control character.
func TestJSONStringEscapes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", `"plain"`},
		{"bad \xff byte", `"bad \ufffd byte"`},
		{"\x00\x1f\t\r", `"\u0000\u001f\t\r"`},
		{"\u2029 日本 😀", `"\u2029 日本 😀"`},
	}
	for _, tc := range tests {
		if got := appendString(nil, tc.in); !bytes.Equal(got, []byte(tc.want)) {
			t.Errorf("appendString(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
