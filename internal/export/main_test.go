package export

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/loader"
)

// text writes a query's times in UTC as RFC 3339, as these tests expect.
var text = dbtest.Text{Time: dbtest.RFC3339UTC}

// day1 is 2026-03-01 00:00 UTC, the first day of the fixtures.
var day1 = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// at is the unix time of day1 plus h hours and m minutes.
func at(h, m int) int64 {
	return day1.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute).Unix()
}

// fixtures are flow-log files in the layouts AWS delivers, keyed by path.
func fixtures() map[string]string {
	v2 := "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n"
	v5 := "version account-id region interface-id vpc-id subnet-id instance-id srcaddr dstaddr srcport dstport protocol packets bytes " +
		"start end action log-status tcp-flags type pkt-srcaddr pkt-dstaddr az-id sublocation-type sublocation-id " +
		"pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path future-field\n"
	return map[string]string{
		// A default-format delivery: header line, gzip, NODATA and SKIPDATA
		// lines full of "-", byte and packet counts beyond 32 bits, IPv6.
		"AWSLogs/111122223333/vpcflowlogs/us-east-1/2026/03/01/111122223333_vpcflowlogs_us-east-1_fl-0a1b2c3d_20260301T0010Z_1a2b3c4d.log.gz": v2 +
			fmt.Sprintf("2 111122223333 eni-0a1b2c3d4e5f60001 10.0.1.5 203.0.113.7 49152 443 6 5000000000 9876543210123 %d %d ACCEPT OK\n", at(0, 1), at(0, 2)) +
			fmt.Sprintf("2 111122223333 eni-0a1b2c3d4e5f60001 203.0.113.7 10.0.1.5 443 49152 6 10 4321 %d %d REJECT OK\n", at(0, 1), at(0, 2)) +
			fmt.Sprintf("2 111122223333 eni-0a1b2c3d4e5f60002 - - - - - - - %d %d - NODATA\n", at(0, 3), at(0, 4)) +
			fmt.Sprintf("2 111122223333 eni-0a1b2c3d4e5f60003 - - - - - - - %d %d - SKIPDATA\n", at(0, 3), at(0, 4)) +
			fmt.Sprintf("2 111122223333 eni-0a1b2c3d4e5f60001 2001:db8::1 2001:db8::2 0 0 58 3 252 %d %d ACCEPT OK\n", at(0, 5), at(0, 6)),
		// A version 5 custom format in an hourly partition, with a field the
		// catalog does not know; the last record starts after midnight but
		// belongs to the partition of 2026-03-02 23:00.
		"AWSLogs/444455556666/vpcflowlogs/eu-west-1/2026/03/02/23/444455556666_vpcflowlogs_eu-west-1_fl-5e6f7a8b_20260302T2355Z_5e6f7a8b.log.gz": v5 +
			fmt.Sprintf("5 444455556666 eu-west-1 eni-0f00000000000aaaa vpc-0aa subnet-0bb i-0cc 10.1.0.9 52.94.1.1 40000 443 6 7 2147483648 %d %d ACCEPT OK 19 IPv4 10.1.0.9 52.94.1.1 euw1-az1 - - - S3 egress 8 blue\n", at(47, 50), at(47, 51)) +
			fmt.Sprintf("5 444455556666 eu-west-1 eni-0f00000000000aaaa vpc-0aa subnet-0bb - 10.1.0.9 10.1.0.10 53 53 17 1 80 %d %d ACCEPT OK - IPv4 10.1.0.9 10.1.0.10 euw1-az1 - - - - ingress - -\n", at(47, 55), at(47, 56)) +
			fmt.Sprintf("5 444455556666 eu-west-1 eni-0f00000000000aaaa - - - - - - - - - - %d %d - NODATA - - - - - - - - - - - -\n", at(48, 1), at(48, 2)),
		// A file outside any AWS key layout: no region anywhere, so the
		// region partition is unknown; one record names no account, one
		// has no start, so their account and day are unknown too.
		"local/flows.log": fmt.Sprintf("2 111122223333 eni-0a1b2c3d4e5f60009 10.0.2.7 10.0.2.8 22 50000 6 40 6000 %d %d ACCEPT OK\n", at(5, 0), at(5, 1)) +
			fmt.Sprintf("2 - eni-0a1b2c3d4e5f6000a 10.0.2.7 10.0.2.9 22 50001 6 1 40 %d %d REJECT OK\n", at(49, 0), at(49, 1)) +
			"2 999988887777 eni-0a1b2c3d4e5f6000b 10.0.3.1 10.0.3.2 123 123 17 1 76 - - ACCEPT OK\n",
	}
}

// fixtureRecords is the number of records in fixtures.
const fixtureRecords = 11

// writeFixtures writes fixtures under a new temporary directory (.gz files
// compressed) and returns it.
func writeFixtures(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for rel, text := range fixtures() {
		data := []byte(text)
		if strings.HasSuffix(rel, ".gz") {
			var b bytes.Buffer
			zw := gzip.NewWriter(&b)
			if _, err := zw.Write(data); err != nil {
				t.Fatal(err)
			}
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
			data = b.Bytes()
		}
		path := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// load loads sources into s and fails the test unless every file loads
// without rejects.
func load(t *testing.T, s *duck.Session, sources ...string) loader.Result {
	t.Helper()
	res, err := loader.Load(context.Background(), s.Conn, loader.Options{Sources: sources})
	if err != nil {
		t.Fatalf("load %v: %v", sources, err)
	}
	if err := res.Err(); err != nil {
		t.Fatalf("load %v: %v", sources, err)
	}
	if res.Rejects != 0 {
		t.Fatalf("load %v: %d rejects", sources, res.Rejects)
	}
	return res
}

// loadedFixtures is a database holding the fixtures.
func loadedFixtures(t *testing.T) *duck.Session {
	t.Helper()
	s := dbtest.OpenPlain(t)
	if res := load(t, s, writeFixtures(t)); res.Records != fixtureRecords {
		t.Fatalf("fixtures loaded %d records, want %d", res.Records, fixtureRecords)
	}
	return s
}

// export runs Parquet and fails the test on error.
func export(t *testing.T, conn *sql.Conn, dir string, opts Options) Summary {
	t.Helper()
	sum, err := Parquet(context.Background(), conn, dir, opts)
	if err != nil {
		t.Fatalf("export %s: %v", dir, err)
	}
	return sum
}
