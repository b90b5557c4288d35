package bucket

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// layoutObjects is a bucket in both flow-log layouts plus unrelated keys.
func layoutObjects() map[string][]byte {
	objs := map[string][]byte{
		"notes/readme.txt": []byte("not a flow log"),
		"AWSLogs/111111111111/CloudTrail/us-east-1/2026/01/05/trail.json.gz":          []byte("trail"),
		"AWSLogs/111111111111/vpcflowlogs/us-east-1/2025/12/31/111_20251231T2355Z.gz": []byte("new year's eve"),
	}
	for _, acct := range []string{"111111111111", "222222222222"} {
		for _, region := range []string{"us-east-1", "eu-west-1"} {
			for d := 3; d <= 7; d++ {
				key := fmt.Sprintf("AWSLogs/%s/vpcflowlogs/%s/2026/01/%02d/%s_202601%02dT0000Z.log.gz", acct, region, d, acct, d)
				objs[key] = []byte(key)
			}
		}
	}
	for d := 4; d <= 6; d++ {
		key := fmt.Sprintf("AWSLogs/aws-account-id=333333333333/aws-service=vpcflowlogs/aws-region=us-east-1/year=2026/month=01/day=%02d/333_202601%02d.parquet", d, d)
		objs[key] = []byte(key)
	}
	return objs
}

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestSyncPrunesLayout checks which prefixes are listed and which keys are
// fetched for each kind of narrowing.
func TestSyncPrunesLayout(t *testing.T) {
	objects := layoutObjects()
	bucket := newBucket(t, objects)
	const (
		plain111 = "AWSLogs/111111111111/vpcflowlogs/"
		plain222 = "AWSLogs/222222222222/vpcflowlogs/"
		hive333  = "AWSLogs/aws-account-id=333333333333/aws-service=vpcflowlogs/"
	)
	d := func(p string) Listing { return Listing{Prefix: p, Delimited: true} }
	r := func(p string) Listing { return Listing{Prefix: p} }
	tests := []struct {
		name     string
		prefix   string
		opts     Options
		listed   []Listing
		fetched  []string // nil: every key of the listed prefixes
		numFetch int
	}{
		{
			name:     "no narrowing lists the prefix recursively",
			prefix:   "",
			listed:   []Listing{r("")},
			numFetch: len(objects),
		},
		{
			name:   "one day, account and region lists one day prefix",
			opts:   Options{Since: date("2026-01-05T00:00:00Z"), Until: date("2026-01-05T12:00:00Z"), Accounts: []string{"111111111111"}, Regions: []string{"us-east-1"}},
			listed: []Listing{d(""), d("AWSLogs/"), r(plain111 + "us-east-1/2026/01/05/")},
			fetched: []string{
				plain111 + "us-east-1/2026/01/05/111111111111_20260105T0000Z.log.gz",
			},
		},
		{
			name: "accounts and regions are discovered in both layouts",
			opts: Options{Since: date("2026-01-06T00:00:00Z"), Until: date("2026-01-06T12:00:00Z")},
			listed: []Listing{d(""), d("AWSLogs/"),
				d(plain111), r(plain111 + "eu-west-1/2026/01/06/"), r(plain111 + "us-east-1/2026/01/06/"),
				d(plain222), r(plain222 + "eu-west-1/2026/01/06/"), r(plain222 + "us-east-1/2026/01/06/"),
				d(hive333), r(hive333 + "aws-region=us-east-1/year=2026/month=01/day=06/"),
			},
			fetched: []string{
				plain111 + "eu-west-1/2026/01/06/111111111111_20260106T0000Z.log.gz",
				plain111 + "us-east-1/2026/01/06/111111111111_20260106T0000Z.log.gz",
				plain222 + "eu-west-1/2026/01/06/222222222222_20260106T0000Z.log.gz",
				plain222 + "us-east-1/2026/01/06/222222222222_20260106T0000Z.log.gz",
				hive333 + "aws-region=us-east-1/year=2026/month=01/day=06/333_20260106.parquet",
			},
		},
		{
			name:   "prefix inside the layout with an open end discovers months and days",
			prefix: plain111 + "us-east-1/2026/",
			opts:   Options{Since: date("2026-01-06T08:00:00Z")},
			listed: []Listing{d(plain111 + "us-east-1/2026/"), d(plain111 + "us-east-1/2026/01/"),
				r(plain111 + "us-east-1/2026/01/06/"), r(plain111 + "us-east-1/2026/01/07/")},
			fetched: []string{
				plain111 + "us-east-1/2026/01/06/111111111111_20260106T0000Z.log.gz",
				plain111 + "us-east-1/2026/01/07/111111111111_20260107T0000Z.log.gz",
			},
		},
		{
			name:   "until alone prunes across a year boundary",
			prefix: plain111 + "us-east-1",
			opts:   Options{Until: date("2026-01-02T12:00:00Z")},
			listed: []Listing{d(plain111 + "us-east-1/"),
				d(plain111 + "us-east-1/2025/"), d(plain111 + "us-east-1/2025/12/"), r(plain111 + "us-east-1/2025/12/31/"),
				r(plain111 + "us-east-1/2026/01/01/"), r(plain111 + "us-east-1/2026/01/02/")},
			fetched: []string{plain111 + "us-east-1/2025/12/31/111_20251231T2355Z.gz"},
		},
		{
			name:   "hive prefix with a region and the delivery lag past midnight",
			prefix: "AWSLogs/aws-account-id=333333333333/",
			opts:   Options{Since: date("2026-01-06T00:00:00Z"), Until: date("2026-01-06T23:30:00Z"), Regions: []string{"us-east-1"}},
			listed: []Listing{r(hive333 + "aws-region=us-east-1/year=2026/month=01/day=06/"),
				r(hive333 + "aws-region=us-east-1/year=2026/month=01/day=07/")},
			fetched: []string{hive333 + "aws-region=us-east-1/year=2026/month=01/day=06/333_20260106.parquet"},
		},
		{
			name:    "accounts and regions without dates list the region recursively",
			opts:    Options{Accounts: []string{"222222222222"}, Regions: []string{"eu-west-1"}},
			listed:  []Listing{d(""), d("AWSLogs/"), r(plain222 + "eu-west-1/")},
			fetched: nil, numFetch: 5,
		},
		{
			name:    "prefix of an account that is filtered out lists nothing",
			prefix:  "AWSLogs/222222222222/",
			opts:    Options{Accounts: []string{"111111111111"}},
			listed:  nil,
			fetched: []string{},
		},
		{
			name:    "narrowed prefix without a layout is listed recursively",
			prefix:  "notes",
			opts:    Options{Since: date("2026-01-05T00:00:00Z")},
			listed:  []Listing{d("notes/"), r("notes")},
			fetched: []string{"notes/readme.txt"},
		},
		{
			name:    "prefix naming one object",
			prefix:  "notes/readme.txt",
			listed:  []Listing{r("notes/readme.txt")},
			fetched: []string{"notes/readme.txt"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOptions(t)
			opts.Since, opts.Until, opts.Accounts, opts.Regions = tt.opts.Since, tt.opts.Until, tt.opts.Accounts, tt.opts.Regions
			res, err := Sync(context.Background(), URI(bucket, tt.prefix), opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.listed, res.Listed); diff != "" {
				t.Errorf("listed (-want +got):\n%s", diff)
			}
			got := keys(res.Fetched)
			if tt.fetched != nil {
				if diff := cmp.Diff(tt.fetched, got); diff != "" {
					t.Errorf("fetched (-want +got):\n%s", diff)
				}
			} else if len(got) != tt.numFetch {
				t.Errorf("fetched %d objects, want %d: %v", len(got), tt.numFetch, got)
			}
			if len(res.Failed) > 0 || len(res.Cached) > 0 || len(res.Skipped) > 0 {
				t.Errorf("failed %v, cached %v, skipped %v; want none", res.Failed, keys(res.Cached), keys(res.Skipped))
			}
		})
	}
}
