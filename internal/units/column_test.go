package units

import "testing"

func TestColumnUnit(t *testing.T) {
	cases := map[string]Unit{
		"bytes": ByteUnit, "total_bytes": ByteUnit, "sum(bytes)": ByteUnit, "NumBytes": ByteUnit,
		"bytes_per_flow": ByteUnit, "packets": CountUnit, "flows": CountUnit, "rejected_flows": CountUnit,
		"count_star()": CountUnit, "count(DISTINCT dstport)": CountUnit, "records": CountUnit,
		"dstport": None, "protocol": None, "duration_s": None, "": None, "bytesize": None,
	}
	for name, want := range cases {
		if got := ColumnUnit(name); got != want {
			t.Errorf("ColumnUnit(%q) = %v, want %v", name, got, want)
		}
	}
}
