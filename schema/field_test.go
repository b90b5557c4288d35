package schema

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string // AWS name of the field found; "" means not found
	}{
		{"aws name", "pkt-srcaddr", "pkt-srcaddr"},
		{"athena column", "pkt_srcaddr", "pkt-srcaddr"},
		{"legacy alias", "pktsrcaddr", "pkt-srcaddr"},
		{"upper case name", "PKT-SRCADDR", "pkt-srcaddr"},
		{"mixed case column", "Log_Status", "log-status"},
		{"legacy account", "account", "account-id"},
		{"legacy sourceaddress", "SourceAddress", "srcaddr"},
		{"legacy starttime", "starttime", "start"},
		{"reserved word end", "end", "end"},
		{"v6 counter", "packets_lost_ttl_expired", "packets-lost-ttl-expired"},
		{"v11 field", "next-hop-interface-type", "next-hop-interface-type"},
		{"unknown", "future-field", ""},
		{"empty", "", ""},
		{"provenance column", "_account", ""},
		{"partial name", "pkt", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ok := Lookup(tt.input)
			if ok != (tt.want != "") || f.Name != tt.want {
				t.Errorf("Lookup(%q) = %q, %v; want %q", tt.input, f.Name, ok, tt.want)
			}
			if ok && !f.Known {
				t.Errorf("Lookup(%q).Known = false", tt.input)
			}
		})
	}
}

func TestFieldFor(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  Field
	}{
		{"known by column", "tcp_flags", Catalog[indexOf(t, "tcp-flags")]},
		{"unknown hyphenated", "Future-Field-2", Field{
			Name: "future-field-2", Column: "future_field_2", AthenaType: "string", DuckType: "VARCHAR",
			Version: 0, Doc: unknownDoc, Legacy: "futurefield2", Known: false,
		}},
		{"unknown underscored", "my_field", Field{
			Name: "my_field", Column: "my_field", AthenaType: "string", DuckType: "VARCHAR",
			Doc: unknownDoc, Legacy: "my_field",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, FieldFor(tt.input)); diff != "" {
				t.Errorf("FieldFor(%q) (-want +got):\n%s", tt.input, diff)
			}
		})
	}
}

func TestDefaultFormat(t *testing.T) {
	want := []string{"version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport",
		"protocol", "packets", "bytes", "start", "end", "action", "log-status"}
	if diff := cmp.Diff(want, names(DefaultFormat())); diff != "" {
		t.Errorf("DefaultFormat (-want +got):\n%s", diff)
	}
}

func TestAthenaTableFields(t *testing.T) {
	// The column list of the Athena user guide's vpc_flow_logs table.
	want := []string{"version", "account_id", "interface_id", "srcaddr", "dstaddr", "srcport", "dstport",
		"protocol", "packets", "bytes", "start", "end", "action", "log_status", "vpc_id", "subnet_id",
		"instance_id", "tcp_flags", "type", "pkt_srcaddr", "pkt_dstaddr", "region", "az_id",
		"sublocation_type", "sublocation_id", "pkt_src_aws_service", "pkt_dst_aws_service",
		"flow_direction", "traffic_path"}
	var got []string
	for _, f := range AthenaTableFields() {
		got = append(got, f.Column)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("AthenaTableFields (-want +got):\n%s", diff)
	}
}

func TestMaxVersion(t *testing.T) {
	tests := []struct {
		name   string
		fields []string
		want   int
	}{
		{"none", nil, 0},
		{"default format", names(DefaultFormat()), 2},
		{"v2 and v5", []string{"srcaddr", "flow-direction", "dstaddr"}, 5},
		{"transit gateway", []string{"version", "tgw-id", "packets-lost-mtu-exceeded"}, 6},
		{"v11 first", []string{"next-hop-vpc-id", "srcaddr"}, 11},
		{"unknown only", []string{"future-field"}, 0},
		{"unknown and v3", []string{"future-field", "tcp-flags"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fields []Field
			for _, n := range tt.fields {
				fields = append(fields, FieldFor(n))
			}
			if got := MaxVersion(fields); got != tt.want {
				t.Errorf("MaxVersion(%v) = %d, want %d", tt.fields, got, tt.want)
			}
		})
	}
}

func indexOf(t *testing.T, name string) int {
	t.Helper()
	for i, f := range Catalog {
		if f.Name == name {
			return i
		}
	}
	t.Fatalf("%q not in Catalog", name)
	return -1
}

func names(fields []Field) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.Name
	}
	return out
}
