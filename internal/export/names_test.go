package export

import "testing"

func TestFileName(t *testing.T) {
	tests := []struct {
		name, dir string
		n         int
		want      string
	}{
		{"daily", "aws-account-id=111122223333/aws-service=vpcflowlogs/aws-region=us-east-1/year=2026/month=03/day=01", 0,
			"111122223333_vpcflowlogs_us-east-1_fl-flowduck_20260301T0000Z_"},
		{"hourly", "aws-account-id=111122223333/aws-service=vpcflowlogs/aws-region=us-east-1/year=2026/month=03/day=01/hour=17", 0,
			"111122223333_vpcflowlogs_us-east-1_fl-flowduck_20260301T1700Z_"},
		{"unknown values", "aws-account-id=__HIVE_DEFAULT_PARTITION__/aws-service=vpcflowlogs/aws-region=__HIVE_DEFAULT_PARTITION__/year=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__/day=__HIVE_DEFAULT_PARTITION__", 0,
			"unknown_vpcflowlogs_unknown_fl-flowduck_00000000T0000Z_"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fileName(tt.dir, tt.n)
			if len(got) != len(tt.want)+len("12345678.log.parquet") || got[:len(tt.want)] != tt.want {
				t.Errorf("fileName = %q, want %q + hash", got, tt.want)
			}
			if !exportName.MatchString(got) {
				t.Errorf("%q does not match the export name pattern", got)
			}
			if again := fileName(tt.dir, tt.n); again != got {
				t.Errorf("not deterministic: %q then %q", got, again)
			}
			if next := fileName(tt.dir, tt.n+1); next == got {
				t.Errorf("file %d and %d of a partition share the name %q", tt.n, tt.n+1, got)
			}
		})
	}
}

func TestIsExportFile(t *testing.T) {
	tests := []struct {
		rel  string
		want bool
	}{
		{"AWSLogs/aws-account-id=1/x/1_vpcflowlogs_us-east-1_fl-flowduck_20260301T0000Z_0a1b2c3d.log.parquet", true},
		{"AWSLogs/aws-account-id=1/x/1_vpcflowlogs_us-east-1_fl-0123abcd_20260301T0000Z_0a1b2c3d.log.parquet", false},
		{"AWSLogs/aws-account-id=1/x/data_0.parquet", false},
		{"other/1_vpcflowlogs_us-east-1_fl-flowduck_20260301T0000Z_0a1b2c3d.log.parquet", false},
	}
	for _, tt := range tests {
		if got := isExportFile(tt.rel); got != tt.want {
			t.Errorf("isExportFile(%q) = %t, want %t", tt.rel, got, tt.want)
		}
	}
}
