package schema

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The sample files are copies of /work/shared/samples: real flow-log files
// with and without a header line.
func TestParseHeaderSamples(t *testing.T) {
	tests := []struct {
		file        string
		wantHeader  string // the fields of the first line; "" means no header
		wantVersion int
	}{
		{"default-format.log", "", 0},
		{"nat-gateway-partial.log", "instance-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr", 3},
		{"v3-tcp-flags.log", "version vpc-id subnet-id instance-id interface-id account-id type srcaddr dstaddr " +
			"srcport dstport pkt-srcaddr pkt-dstaddr protocol bytes packets start end action tcp-flags log-status", 3},
		{"v3-transit-gateway-path.log", "version interface-id account-id vpc-id subnet-id instance-id srcaddr dstaddr " +
			"srcport dstport protocol tcp-flags type pkt-srcaddr pkt-dstaddr action log-status", 3},
		{"v5-custom-order.log", "version srcaddr dstaddr srcport dstport protocol start end type packets bytes " +
			"account-id vpc-id subnet-id instance-id interface-id region az-id sublocation-type sublocation-id " +
			"action tcp-flags pkt-srcaddr pkt-dstaddr pkt-src-aws-service pkt-dst-aws-service traffic-path " +
			"flow-direction log-status", 5},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			lines := readLines(t, filepath.Join("testdata", "samples", tt.file))
			records := lines
			if tt.wantHeader != "" {
				got, ok := ParseHeader(lines[0])
				if !ok {
					t.Fatalf("ParseHeader(%q) ok = false, want a header", lines[0])
				}
				if diff := cmp.Diff(strings.Fields(tt.wantHeader), markUnknown(got)); diff != "" {
					t.Errorf("header fields (-want +got):\n%s", diff)
				}
				if v := MaxVersion(got); v != tt.wantVersion {
					t.Errorf("MaxVersion = %d, want %d", v, tt.wantVersion)
				}
				records = lines[1:]
			}
			if len(records) == 0 {
				t.Fatal("no records in sample")
			}
			for i, rec := range records {
				if got, ok := ParseHeader(rec); ok {
					t.Errorf("record %d %q parsed as header %v", i+1, rec, names(got))
				}
			}
		})
	}
}

func TestParseHeader(t *testing.T) {
	const v2 = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status"
	tests := []struct {
		name string
		line string
		want []string // "?name" marks a Known=false field; nil means not a header
	}{
		{"default header", v2, names(DefaultFormat())},
		{"byte order mark", "\uFEFF" + v2, names(DefaultFormat())},
		{"carriage return", v2 + "\r", names(DefaultFormat())},
		{"line feed", v2 + "\r\n", names(DefaultFormat())},
		{"repeated spaces and tabs", "  version \t srcaddr    dstaddr\t", []string{"version", "srcaddr", "dstaddr"}},
		{"single field", "srcaddr", []string{"srcaddr"}},
		{"unknown field kept", "version future-field srcaddr", []string{"version", "?future-field", "srcaddr"}},
		{"unknown field with number", "srcaddr future-tag-2", []string{"srcaddr", "?future-tag-2"}},
		{"athena columns", "version account_id log_status", []string{"version", "account-id", "log-status"}},
		{"legacy aliases", "account sourceaddress numbytes", []string{"account-id", "srcaddr", "bytes"}},
		{"transit gateway", "version resource-type tgw-id tgw-src-eni packets-lost-no-route", []string{"version", "resource-type", "tgw-id", "tgw-src-eni", "packets-lost-no-route"}},
		{"v11 fields", "instance-tag-2 next-hop-az-id", []string{"instance-tag-2", "next-hop-az-id"}},

		{"empty", "", nil},
		{"blank", " \t\r", nil},
		{"bom only", "\uFEFF", nil},
		{"default record", "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK", nil},
		{"nodata record", "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA", nil},
		{"record of ids and words", "eni-1235b8ca123456789 ingress", nil},
		{"record of instance id", "i-01234567890123456 egress", nil},
		{"record of vpc and subnet", "vpc-abcdefab012345678 subnet-aaaaaaaa012345678", nil},
		{"record of az id", "apse2-az3 ingress", nil},
		{"record of plausible words only", "us-east-1 ingress egress", nil},
		{"no known field", "future-field other-field", nil},
		// Each token must be plausible on its own, even next to a known name.
		{"instance id token", "srcaddr i-01234567890123456", nil},
		{"eni id token", "srcaddr eni-1235b8ca123456789", nil},
		{"az id token", "az-id apse2-az3", nil},
		{"dash token", "version - srcaddr", nil},
		{"ip token", "version 10.0.0.1 srcaddr", nil},
		{"ipv6 token", "srcaddr 2001:db8::1", nil},
		{"number token", "version 2 srcaddr", nil},
		{"upper case value", "action ACCEPT", nil},
		{"upper case names", "VERSION SRCADDR", nil},
		{"capitalised name", "Version srcaddr", nil},
		{"duplicate", "version srcaddr dstaddr srcaddr", nil},
		{"duplicate via alias", "srcaddr sourceaddress", nil},
		{"duplicate via column", "log-status log_status", nil},
		{"comma separated", "version,srcaddr,dstaddr", nil},
		{"format string", "${version} ${srcaddr}", nil},
		{"comment", "# version srcaddr", nil},
		{"trailing hyphen", "version srcaddr-", nil},
		{"double hyphen", "version src--addr", nil},
		{"leading underscore", "version _account", nil},
		{"non-ascii letter", "version sourceaddrés", nil},
		{"nul byte", "version\x00 srcaddr", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseHeader(tt.line)
			if ok != (tt.want != nil) {
				t.Fatalf("ParseHeader(%q) ok = %v (%v), want %v", tt.line, ok, names(got), tt.want != nil)
			}
			if !ok {
				if got != nil {
					t.Errorf("ParseHeader(%q) returned fields %v with ok = false", tt.line, names(got))
				}
				return
			}
			if diff := cmp.Diff(tt.want, markUnknown(got)); diff != "" {
				t.Errorf("ParseHeader(%q) (-want +got):\n%s", tt.line, diff)
			}
		})
	}
}

func readLines(t testing.TB, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return lines
}
