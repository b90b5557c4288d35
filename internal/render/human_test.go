package render

import "testing"

func TestColumnUnit(t *testing.T) {
	integer := &colType{kind: kindInt}
	cases := []struct {
		name string
		typ  *colType
		want unit
	}{
		{"bytes", integer, byteUnit},
		{"total_bytes", integer, byteUnit},
		{"sum(bytes)", &colType{kind: kindBigInt}, byteUnit},
		{"NumBytes", integer, byteUnit},
		{"bytes_per_packet", integer, byteUnit},
		{"packets", &colType{kind: kindUint}, countUnit},
		{"rejected_flows", integer, countUnit},
		{"records", integer, countUnit},
		{"count_star()", integer, countUnit},
		{"count(DISTINCT dstport)", integer, countUnit},
		{"dstport", integer, plain},
		{"protocol", integer, plain},
		{"bytesize", integer, plain},
		{"avg_bytes", &colType{kind: kindFloat}, plain},
		{"bytes", &colType{kind: kindString}, plain},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := columnUnit(column{name: tc.name, typ: tc.typ}); got != tc.want {
				t.Errorf("columnUnit(%q) = %d, want %d", tc.name, got, tc.want)
			}
		})
	}
}
