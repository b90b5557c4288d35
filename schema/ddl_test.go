package schema

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/flowduck/flowduck/internal/golden"
)

func TestAthenaDDLGolden(t *testing.T) {
	layout := func(name string) Layout {
		l, err := LookupLayout(name)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	custom, ok := ParseHeader("version srcaddr dstaddr srcport dstport protocol start end type packets bytes " +
		"account-id region az-id action tcp-flags flow-direction traffic-path log-status reject-reason future-field")
	if !ok {
		t.Fatal("custom header rejected")
	}
	tests := []struct {
		golden string
		opts   DDLOptions
	}{
		{"current", DDLOptions{}},
		{"current-parquet", DDLOptions{Layout: layout("current"), Parquet: true, Location: "s3://my-bucket/flowduck/"}},
		{"current-custom-fields", DDLOptions{Table: "flowlogs.vpc_custom", Fields: custom}},
		{"hive", DDLOptions{Layout: layout("hive")}},
		{"hive-parquet", DDLOptions{Layout: layout("hive"), Parquet: true}},
		{"projection", DDLOptions{Layout: layout("projection")}},
		{"projection-enum", DDLOptions{
			Layout: layout("projection"), Accounts: []string{"111122223333", "444455556666"},
			Regions: []string{"us-east-1", "eu-west-1"}, Since: time.Date(2024, 1, 2, 23, 0, 0, 0, time.UTC),
			Location: "s3://central-logs/AWSLogs",
		}},
		{"projection-parquet-custom-fields", DDLOptions{Layout: layout("projection"), Parquet: true, Fields: custom, Regions: []string{"eu-west-1"}}},
		{"legacy", DDLOptions{Layout: layout("legacy")}},
		{"bootstrap", DDLOptions{Layout: layout("bootstrap"), Accounts: []string{"123456789012"}}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			got := AthenaDDL(tt.opts)
			golden.Check(t, filepath.Join("testdata", "ddl", tt.golden+".sql"), got)
		})
	}
}

// The current layout's DDL is the statement of the Athena user guide ("Create
// a table for Amazon VPC flow logs"), up to quoting and line breaks.
func TestAthenaDDLCurrentIsDocumented(t *testing.T) {
	const documented = "CREATE EXTERNAL TABLE IF NOT EXISTS `vpc_flow_logs` ( version int, account_id string, " +
		"interface_id string, srcaddr string, dstaddr string, srcport int, dstport int, protocol bigint, " +
		"packets bigint, bytes bigint, start bigint, `end` bigint, action string, log_status string, " +
		"vpc_id string, subnet_id string, instance_id string, tcp_flags int, type string, pkt_srcaddr string, " +
		"pkt_dstaddr string, region string, az_id string, sublocation_type string, sublocation_id string, " +
		"pkt_src_aws_service string, pkt_dst_aws_service string, flow_direction string, traffic_path int ) " +
		"PARTITIONED BY (`date` date) ROW FORMAT DELIMITED FIELDS TERMINATED BY ' ' " +
		"LOCATION 's3://DOC-EXAMPLE-BUCKET/prefix/AWSLogs/{account_id}/vpcflowlogs/{region}/' " +
		`TBLPROPERTIES ("skip.header.line.count"="1")`
	if got, want := normalizeDDL(AthenaDDL(DDLOptions{})), normalizeDDL(documented); got != want {
		t.Errorf("current DDL\n got: %s\nwant: %s", got, want)
	}
}

func TestAthenaDDLQuotesEveryName(t *testing.T) {
	for _, l := range Layouts {
		t.Run(l.Name, func(t *testing.T) {
			ddl := AthenaDDL(DDLOptions{Layout: l, Fields: Catalog})
			for _, f := range Catalog {
				name := l.ColumnName(f)
				if !l.Includes(f) {
					name = "record_" + name
				}
				if !strings.Contains(ddl, "  `"+name+"` "+f.AthenaType) {
					t.Errorf("no quoted column %s %s", name, f.AthenaType)
				}
			}
			if n := strings.Count(ddl, "\n  `"); n != len(Catalog) {
				t.Errorf("%d column lines, want %d: text columns are positional", n, len(Catalog))
			}
			for _, p := range l.Partitions {
				if !strings.Contains(ddl, "`"+p.Name+"` "+p.AthenaType) {
					t.Errorf("no quoted partition %s %s", p.Name, p.AthenaType)
				}
			}
		})
	}
}

var (
	spaces   = regexp.MustCompile(`\s+`)
	aroundOp = regexp.MustCompile(`\s*([(),=])\s*`)
)

// normalizeDDL drops backticks and layout whitespace.
func normalizeDDL(s string) string {
	s = strings.ReplaceAll(s, "`", "")
	s = spaces.ReplaceAllString(strings.TrimSpace(s), " ")
	return aroundOp.ReplaceAllString(s, "$1")
}
