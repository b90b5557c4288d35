package render

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseType(t *testing.T) {
	i := &colType{kind: kindInt}
	s := &colType{kind: kindString}
	tests := []struct {
		name string
		want *colType
	}{
		{"BIGINT", i},
		{"DOUBLE", &colType{kind: kindFloat, bits: 64}},
		{"DECIMAL(18,3)", &colType{kind: kindDecimal}},
		{"TIMESTAMPTZ", &colType{kind: kindTimestampTZ}},
		{"VARCHAR[]", &colType{kind: kindList, elem: s}},
		{"INTEGER[3][]", &colType{kind: kindList, elem: &colType{kind: kindList, elem: i}}},
		{`STRUCT("a b" INTEGER, "c""d" VARCHAR[], "e" MAP(VARCHAR, STRUCT("x" DECIMAL(5,2))))[]`, &colType{kind: kindList, elem: &colType{
			kind: kindStruct, fields: []field{
				{name: "a b", typ: i},
				{name: `c"d`, typ: &colType{kind: kindList, elem: s}},
				{name: "e", typ: &colType{kind: kindMap, key: s, val: &colType{kind: kindStruct, fields: []field{
					{name: "x", typ: &colType{kind: kindDecimal}},
				}}}},
			},
		}}},
		{`UNION("n" INTEGER, "s" VARCHAR)`, &colType{kind: kindUnion, fields: []field{{name: "n", typ: i}, {name: "s", typ: s}}}},
		{"JSON", &colType{kind: kindJSON}},
		{"SOMETHING_NEW", anyType},
		{"STRUCT(", &colType{kind: kindStruct}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := parseType(tc.name)
			if diff := cmp.Diff(tc.want, got, cmp.AllowUnexported(colType{}, field{})); diff != "" {
				t.Errorf("parseType(%q) (-want +got):\n%s", tc.name, diff)
			}
		})
	}
}

// TestParseTypeMalformed checks that broken names end, as kindAny or as
// far as they could be read.
func TestParseTypeMalformed(t *testing.T) {
	for _, name := range []string{"", "(", ")", "[[[", "MAP(", "MAP(,,", `STRUCT("a`, "STRUCT(#", "STRUCT(a INTEGER", "DECIMAL(18", "UNION()", "  "} {
		if got := parseType(name); got == nil {
			t.Errorf("parseType(%q) = nil", name)
		}
	}
}
