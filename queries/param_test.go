package queries

import (
	"database/sql"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParamParse(t *testing.T) {
	enum := Param{Name: "by", Type: Enum, Choices: []string{"bytes", "packets"}}
	tests := []struct {
		name    string
		param   Param
		value   string
		want    any
		wantErr string
	}{
		{"int", Param{Name: "n", Type: Int}, "100", int64(100), ""},
		{"int negative", Param{Name: "n", Type: Int}, "-5", nil, "--param n=-5: not a non-negative integer; use e.g. 100"},
		{"int text", Param{Name: "n", Type: Int}, "ten", nil, "--param n=ten: not a non-negative integer; use e.g. 100"},
		{"duration minutes", Param{Name: "window", Type: Duration}, "10m", int64(600), ""},
		{"duration days", Param{Name: "window", Type: Duration}, "7d", int64(7 * 86400), ""},
		{"duration days and hours", Param{Name: "window", Type: Duration}, "1d12h", int64(36 * 3600), ""},
		{"duration weeks", Param{Name: "window", Type: Duration}, "2w", int64(14 * 86400), ""},
		{"duration bad", Param{Name: "window", Type: Duration}, "abc", nil, "--param window=abc: not a duration; use 10m, 1h, 7d"},
		{"duration zero", Param{Name: "window", Type: Duration}, "0s", nil, "--param window=0s: not a duration; use 10m, 1h, 7d"},
		{"size plain", Param{Name: "b", Type: Size}, "500000", int64(500000), ""},
		{"size MB", Param{Name: "b", Type: Size}, "100MB", int64(100_000_000), ""},
		{"size fraction GB", Param{Name: "b", Type: Size}, "1.5gb", int64(1_500_000_000), ""},
		{"size GiB", Param{Name: "b", Type: Size}, "1GiB", int64(1 << 30), ""},
		{"size bad", Param{Name: "b", Type: Size}, "lots", nil, "--param b=lots: not a byte count; use 500000, 100MB, 1.5GB"},
		{"ip v4", Param{Name: "a", Type: IP}, "10.0.0.5", "10.0.0.5", ""},
		{"ip v6 canonical", Param{Name: "a", Type: IP}, "2001:DB8:0:0::1", "2001:db8::1", ""},
		{"ip cidr is not an ip", Param{Name: "a", Type: IP}, "10.0.0.0/8", nil, "--param a=10.0.0.0/8: not an IP address; use 10.0.0.5 or 2001:db8::1"},
		{"cidr", Param{Name: "ip", Type: CIDR}, "10.1.2.3/16", "10.1.0.0/16", ""},
		{"cidr bare address", Param{Name: "ip", Type: CIDR}, "10.1.2.3", "10.1.2.3/32", ""},
		{"cidr v6", Param{Name: "ip", Type: CIDR}, "2001:db8::/32", "2001:db8::/32", ""},
		{"cidr bad", Param{Name: "ip", Type: CIDR}, "10.1.2.300/8", nil, "--param ip=10.1.2.300/8: not an address or CIDR; use 10.0.0.5, 10.0.0.0/8 or 2001:db8::/32"},
		{"enum", enum, "PACKETS", "packets", ""},
		{"enum bad", enum, "flows", nil, "--param by=flows: not one of bytes, packets"},
		{"string", Param{Name: "s", Type: String}, " any thing ", " any thing ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.param.Parse(tt.value)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestBind(t *testing.T) {
	portScan := mustReport(t, "port-scan")
	conversation := mustReport(t, "conversation")
	tests := []struct {
		name    string
		report  Report
		params  map[string]string
		want    []any
		wantErr string
	}{
		{"defaults", portScan, nil, []any{sql.Named("min_ports", int64(100)), sql.Named("window", int64(600))}, ""},
		{"given", portScan, map[string]string{"window": "1h"}, []any{sql.Named("min_ports", int64(100)), sql.Named("window", int64(3600))}, ""},
		{"invalid", portScan, map[string]string{"window": "abc"}, nil, "--param window=abc: not a duration; use 10m, 1h, 7d"},
		{"unknown", portScan, map[string]string{"ports": "5"}, nil, "--param ports=5: report port-scan has no such parameter (it has min_ports, window)"},
		{"missing required", conversation, map[string]string{"a": "10.0.0.1"}, nil, "report conversation needs --param b=VALUE: the other end"},
		{"no parameters", mustReport(t, "ipv4-vs-ipv6"), map[string]string{"limit": "5"}, nil, "--param limit=5: report ipv4-vs-ipv6 takes no parameters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.report.Bind(tt.params)
			if tt.wantErr != "" {
				var pe *ParamError
				if !errors.As(err, &pe) || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want *ParamError %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(sql.NamedArg{})); diff != "" {
				t.Errorf("bound values (-want +got):\n%s", diff)
			}
		})
	}
}
