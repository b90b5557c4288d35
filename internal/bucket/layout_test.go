package bucket

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParsePrefix(t *testing.T) {
	tests := []struct {
		name   string
		prefix string
		want   pos
		ok     bool
	}{
		{"bucket root", "", pos{}, false},
		{"unrelated", "logs/2026/", pos{}, false},
		{"logs dir", "AWSLogs/", pos{root: "AWSLogs/", level: levelAccount}, true},
		{"logs dir without slash", "team/AWSLogs", pos{root: "team/AWSLogs/", level: levelAccount}, true},
		{"account", "AWSLogs/123456789012/", pos{root: "AWSLogs/", level: levelService, account: "123456789012"}, true},
		{"other service", "AWSLogs/123456789012/CloudTrail/", pos{}, false},
		{"year without slash", "AWSLogs/1/vpcflowlogs/us-east-1/2026",
			pos{root: "AWSLogs/", level: levelMonth, account: "1", region: "us-east-1", year: 2026}, true},
		{"day and hour", "AWSLogs/1/vpcflowlogs/us-east-1/2026/01/05/07/",
			pos{root: "AWSLogs/", level: levelBelow, account: "1", region: "us-east-1", year: 2026, month: 1, day: 5, rest: "07/"}, true},
		{"bad month", "AWSLogs/1/vpcflowlogs/us-east-1/2026/13/", pos{}, false},
		{"month cut short", "AWSLogs/1/vpcflowlogs/us-east-1/2026/0", pos{}, false},
		{"hive without AWSLogs", "x/aws-account-id=1/aws-service=vpcflowlogs/aws-region=eu-west-1/year=2026/",
			pos{root: "x/", hive: true, level: levelMonth, account: "1", region: "eu-west-1", year: 2026}, true},
		{"hive under AWSLogs", "AWSLogs/aws-account-id=1/",
			pos{root: "AWSLogs/", hive: true, level: levelService, account: "1"}, true},
		{"hive with a plain year", "AWSLogs/aws-account-id=1/aws-service=vpcflowlogs/aws-region=r/2026/", pos{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := parsePrefix(tt.prefix)
			if ok != tt.ok {
				t.Fatalf("parsePrefix(%q) ok = %v, want %v", tt.prefix, ok, tt.ok)
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(pos{})); diff != "" {
				t.Errorf("parsePrefix(%q) (-want +got):\n%s", tt.prefix, diff)
			}
			if ok && tt.want.rest == "" {
				if p := got.prefix(); p != tt.prefix && p != tt.prefix+"/" {
					t.Errorf("prefix() = %q, want %q", p, tt.prefix)
				}
			}
		})
	}
}
