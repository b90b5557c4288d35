package detect

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseIOC(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // text|label|prefix|line
		err        string
	}{
		{"lines", "# feed\n\n10.0.0.5\n203.0.113.0/24  # scanners\n2001:DB8::/32\n::ffff:192.0.2.1\n",
			[]string{"10.0.0.5||10.0.0.5/32|3", "203.0.113.0/24||203.0.113.0/24|4", "2001:DB8::/32||2001:db8::/32|5", "::ffff:192.0.2.1||192.0.2.1/32|6"}, ""},
		{"csv", "# exported\nfirst_seen,IP,Label\n2026-01-01,198.51.100.7,\"c2, tier 1\"\n2026-01-02,2001:db8::1,\n",
			[]string{"198.51.100.7|c2, tier 1|198.51.100.7/32|3", "2001:db8::1||2001:db8::1/128|4"}, ""},
		{"csv indicator column", "indicator\n10.1.0.0/16\n", []string{"10.1.0.0/16||10.1.0.0/16|2"}, ""},
		{"host bits masked", "10.1.2.3/8\n", []string{"10.1.2.3/8||10.0.0.0/8|1"}, ""},
		{"bad line", "10.0.0.5\nevil.example.com\n", nil, `ioc x.txt:2: "evil.example.com" is not an IP address or CIDR`},
		{"bad csv value", "ip,label\n10.0.0.5,a\n10.0.0.999,b\n", nil, `ioc x.txt:3: "10.0.0.999"`},
		{"csv without ip column", "host,label\n10.0.0.5,a\n", nil, "ioc x.txt:1: a CSV indicator file needs an ip or indicator column"},
		{"empty csv value", "ip,label\n,a\n", nil, "ioc x.txt:2: no value in the ip column"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inds, err := parseIOC(strings.NewReader(tt.text), "x.txt")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, i := range inds {
				got = append(got, strings.Join([]string{i.Text, i.Label, i.Prefix.String(), strconv.Itoa(i.Line)}, "|"))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadIOCEmpty(t *testing.T) {
	if _, err := ReadIOC(writeFile(t, "empty.txt", "# nothing yet\n\n")); err == nil || !strings.Contains(err.Error(), "no indicator in the file") {
		t.Errorf("err = %v", err)
	}
	if _, err := ReadIOC("/nonexistent/ioc.txt"); err == nil || !strings.Contains(err.Error(), "ioc: open /nonexistent/ioc.txt") {
		t.Errorf("err = %v", err)
	}
}
