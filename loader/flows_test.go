package loader

import (
	"strings"
	"testing"
)

// TestFlowsViewDecodesSamples loads each of AWS's documented sample files
// and compares the flows view's decoded columns with a golden file, plus
// the decodings that matter spelled out.
func TestFlowsViewDecodesSamples(t *testing.T) {
	cases := []struct {
		file   string
		checks map[string]string // query -> expected single value
	}{
		{"default-format.log", map[string]string{
			"SELECT string_agg(DISTINCT service, ',') FROM flows WHERE dstport = 22":               "ssh",
			"SELECT service FROM flows WHERE dstport = 3389":                                       "rdp",
			"SELECT protocol_name FROM flows WHERE srcaddr = '203.0.113.12'":                       "icmp",
			"SELECT count(*) FROM flows WHERE service IS NULL AND protocol = 1":                    "2",
			"SELECT CAST(start_time AS VARCHAR) FROM flows WHERE dstport = 22 AND srcport = 20641": "2014-12-14 04:06:50+00",
			"SELECT duration_s FROM flows WHERE dstport = 22 AND srcport = 20641":                  "60",
			"SELECT src_scope || ' ' || dst_scope FROM flows WHERE srcaddr = '203.0.113.12'":       "public private",
			"SELECT direction FROM flows WHERE srcaddr = '203.0.113.12'":                           "ingress",
			"SELECT direction FROM flows WHERE dstaddr = '203.0.113.12'":                           "egress",
			// Two public IPv6 addresses: the record does not tell.
			"SELECT count(*) FROM flows WHERE type IS NULL AND src_scope = 'public' AND dst_scope = 'public' AND direction IS NULL": "1",
			"SELECT count(*) FROM flows WHERE log_status = 'NODATA' AND src_scope IS NULL AND direction IS NULL":                    "1",
			"SELECT count(*) FROM \"default\".flows": "7",
		}},
		{"v3-tcp-flags.log", map[string]string{
			"SELECT tcp_flags_names FROM flows WHERE bytes = 967": "FIN|SYN|ACK",
			"SELECT tcp_flags_names FROM flows WHERE bytes = 568": "SYN",
			"SELECT tcp_flags_names FROM flows WHERE bytes = 376": "SYN|ACK",
		}},
		{"v3-transit-gateway-path.log", map[string]string{
			"SELECT count(*) FROM flows WHERE start_time IS NULL AND duration_s IS NULL AND service = 'http'": "4",
			"SELECT direction FROM flows WHERE interface_id = 'eni-11111111111111111'":                        "egress",
			"SELECT direction FROM flows WHERE interface_id = 'eni-22222222222222222'":                        "ingress",
		}},
		{"v5-custom-order.log", map[string]string{
			"SELECT string_agg(direction, ',' ORDER BY direction) FROM flows": "egress,ingress",
		}},
		{"nat-gateway-partial.log", map[string]string{
			// The NAT gateway's interface is 10.0.0.220: what it receives
			// for 203.0.113.5 is ingress, what it sends on is egress.
			"SELECT string_agg(COALESCE(direction, '?'), ',' ORDER BY srcaddr, dstaddr) FROM flows WHERE pkt_srcaddr IS NOT NULL": "egress,egress,ingress,egress,ingress,ingress",
		}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			s, _ := openDB(t)
			path := copySample(t, tc.file, t.TempDir(), tc.file)
			mustLoad(t, s, Options{Sources: []string{path}})
			for q, want := range tc.checks {
				if got := one(t, s, q); got != want {
					t.Errorf("%s = %s, want %s", q, got, want)
				}
			}
			// Tab-separated: the golden helper's | is in tcp_flags_names.
			var lines [][]string
			for _, r := range query(t, s.Conn, `SELECT CAST(start_time AS VARCHAR), CAST(end_time AS VARCHAR), duration_s,
				protocol_name, tcp_flags_names, service, src_scope, dst_scope, direction FROM flows ORDER BY ALL`) {
				lines = append(lines, []string{strings.Join(r, "\t")})
			}
			checkGolden(t, "flows-"+strings.TrimSuffix(tc.file, ".log")+".txt", lines)
		})
	}
}
