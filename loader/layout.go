package loader

import (
	"net/url"
	"regexp"
	"strconv"
	"time"

	"github.com/flowduck/flowduck/internal/filter"
)

// Partition is what a file's path says about its records: the S3 delivery
// layout AWSLogs/{account}/vpcflowlogs/{region}/{yyyy}/{mm}/{dd}/[{hh}/] or its
// Hive form aws-account-id=…/aws-service=vpcflowlogs/aws-region=…/year=…/
// month=…/day=…/[hour=…/]. Zero fields are unknown.
type Partition struct {
	Account string
	Region  string
	Day     time.Time // UTC midnight; zero when unknown
	Hour    int       // -1 when unknown
}

var (
	awsLogsLayout = regexp.MustCompile(`AWSLogs/(\d{12})/vpcflowlogs/([a-z0-9-]+)/(\d{4})/(\d{2})/(\d{2})(?:/(\d{2}))?/`)
	hiveLayout    = regexp.MustCompile(`aws-account-id=([^/]+)/aws-service=vpcflowlogs/aws-region=([^/]+)/year=(\d{4})/month=(\d{1,2})/day=(\d{1,2})(?:/hour=(\d{1,2}))?/`)
)

// PartitionOf reads the partition from a path or S3 key.
func PartitionOf(path string) Partition {
	p := Partition{Hour: -1}
	m := awsLogsLayout.FindStringSubmatch(path)
	if m == nil {
		m = hiveLayout.FindStringSubmatch(path)
	}
	if m == nil {
		return p
	}
	p.Account, p.Region = partitionValue(m[1]), partitionValue(m[2])
	y, _ := strconv.Atoi(m[3])
	mo, _ := strconv.Atoi(m[4])
	d, _ := strconv.Atoi(m[5])
	if mo >= 1 && mo <= 12 && d >= 1 && d <= 31 {
		p.Day = time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	}
	if m[6] != "" {
		if h, err := strconv.Atoi(m[6]); err == nil && h < 24 {
			p.Hour = h
		}
	}
	return p
}

// outside reports whether the partition lies entirely outside [since, until)
// or outside the wanted accounts and regions, so the file can be skipped
// without reading it.
func (p Partition) outside(f filter.Filter) bool {
	if p.Account != "" && len(f.Accounts) > 0 && !contains(f.Accounts, p.Account) {
		return true
	}
	if p.Region != "" && len(f.Regions) > 0 && !contains(f.Regions, p.Region) {
		return true
	}
	if p.Day.IsZero() {
		return false
	}
	first, last := p.Day, p.Day.Add(24*time.Hour)
	if p.Hour >= 0 {
		first = p.Day.Add(time.Duration(p.Hour) * time.Hour)
		last = first.Add(time.Hour)
	}
	// Records of a delivery can start a little before its partition (the
	// aggregation window spans the boundary), so keep a margin of one hour.
	first, last = first.Add(-time.Hour), last.Add(time.Hour)
	if !f.Until.IsZero() && !first.Before(f.Until) {
		return true
	}
	if !f.Since.IsZero() && !last.After(f.Since) {
		return true
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// hiveNull is the directory value Hive, Athena and DuckDB write for a NULL
// partition value.
const hiveNull = "__HIVE_DEFAULT_PARTITION__"

// partitionValue decodes a path segment's value: Hive-style writers escape
// special characters (%2F), and hiveNull means unknown.
func partitionValue(s string) string {
	if v, err := url.PathUnescape(s); err == nil {
		s = v
	}
	if s == hiveNull {
		return ""
	}
	return s
}
