package loader

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const v2Record1 = "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK"
const v2Record2 = "2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 1418530070 REJECT OK"

// TestHeaderlessRecords covers records without a header line, as CloudWatch
// Logs stores them: the default v2 format when a line has 14 fields, and any
// custom order with --format.
func TestHeaderlessRecords(t *testing.T) {
	t.Run("default v2", func(t *testing.T) {
		s, _ := openDB(t)
		path := writeFile(t, t.TempDir(), "cw.log", v2Record1+"\n"+v2Record2+"\n")
		res := mustLoad(t, s, Options{Sources: []string{path}})
		if res.Records != 2 || res.Rejects != 0 {
			t.Fatalf("result = %+v", res)
		}
		if got := one(t, s, "SELECT dstport FROM vpc_flow_logs WHERE action = 'REJECT'"); got != "3389" {
			t.Errorf("dstport = %s", got)
		}
	})
	t.Run("custom order with --format", func(t *testing.T) {
		s, _ := openDB(t)
		path := writeFile(t, t.TempDir(), "custom.log.gz", gz(t, []byte("10.0.0.1 10.0.0.2 443 6 1700000000 ACCEPT\n10.0.0.3 10.0.0.4 - 1 1700000001 REJECT\n")))
		res := mustLoad(t, s, Options{Sources: []string{path}, Format: "${srcaddr} ${dstaddr} ${dstport} ${protocol} ${start} ${action}"})
		if res.Records != 2 || res.Rejects != 0 {
			t.Fatalf("result = %+v", res)
		}
		got := query(t, s.Conn, "SELECT srcaddr, dstport, protocol, action, CAST(date AS VARCHAR) FROM vpc_flow_logs ORDER BY srcaddr")
		want := [][]string{{"10.0.0.1", "443", "6", "ACCEPT", "2023-11-14"}, {"10.0.0.3", "NULL", "1", "REJECT", "2023-11-14"}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("unrecognisable without --format", func(t *testing.T) {
		s, _ := openDB(t)
		path := writeFile(t, t.TempDir(), "odd.log", "10.0.0.1 10.0.0.2 443\n")
		res := mustLoad(t, s, Options{Sources: []string{path}})
		if res.Failed != 1 || !strings.Contains(res.Files[0].Reason, "--format") {
			t.Fatalf("result = %+v, want a failure that mentions --format", res)
		}
	})
}

// TestCloudWatchShapes loads the three shapes CloudWatch Logs data comes in
// and keeps each event's timestamp.
func TestCloudWatchShapes(t *testing.T) {
	subscription := fmt.Sprintf(`{"messageType":"DATA_MESSAGE","owner":"123456789010","logGroup":"vpc-flow-logs","logStream":"eni-1235b8ca123456789-all","subscriptionFilters":["f"],"logEvents":[{"id":"1","timestamp":1418530070000,"message":%q},{"id":"2","timestamp":1418530071000,"message":%q},{"id":"3","timestamp":1418530072000,"message":"not a record"}]}`, v2Record1, v2Record2)
	filterEvents := fmt.Sprintf(`{"events":[{"logStreamName":"eni-1235b8ca123456789-all","timestamp":1418530070000,"message":%q,"ingestionTime":1418530100000,"eventId":"1"},{"logStreamName":"eni-1235b8ca123456789-all","timestamp":1418530071000,"message":%q,"ingestionTime":1418530100000,"eventId":"2"}],"searchedLogStreams":[]}`, v2Record1, v2Record2)
	export := "2014-12-14T04:07:50.000Z " + v2Record1 + "\n2014-12-14T04:07:51.000Z " + v2Record2 + "\n"
	cases := []struct {
		name, file, content string
		records, rejects    int64
		format              string
	}{
		{"subscription payload gzip", "payload", gz(t, []byte(subscription)), 2, 1, "cloudwatch-json+gzip v2"},
		{"subscription payload plain", "payload.json", subscription, 2, 1, "cloudwatch-json v2"},
		{"filter-log-events output", "events.json", filterEvents, 2, 0, "cloudwatch-json v2"},
		{"export to S3", "000000.gz", gz(t, []byte(export)), 2, 0, "cloudwatch-export+gzip v2"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openDB(t)
			path := writeFile(t, t.TempDir(), tc.file, tc.content)
			res := mustLoad(t, s, Options{Sources: []string{path}})
			if res.Loaded != 1 || res.Records != tc.records || res.Rejects != tc.rejects {
				t.Fatalf("result = %+v, want %d records, %d rejects", res, tc.records, tc.rejects)
			}
			if got := one(t, s, "SELECT format FROM flowduck_files"); got != tc.format {
				t.Errorf("format = %q, want %q", got, tc.format)
			}
			got := query(t, s.Conn, "SELECT dstport, strftime(_event_time AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S') FROM flowduck_records ORDER BY dstport")
			want := [][]string{{"22", "2014-12-14T04:07:50"}, {"3389", "2014-12-14T04:07:51"}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestParquetDelivery writes Parquet shaped as VPC Flow Logs delivers it
// (underscore names, INT32 and INT64 columns, hive-compatible S3 prefix) with
// DuckDB and loads it back with the Athena types.
func TestParquetDelivery(t *testing.T) {
	s, _ := openDB(t)
	dir := filepath.Join(t.TempDir(), "AWSLogs", "aws-account-id=123456789010", "aws-service=vpcflowlogs", "aws-region=us-east-1", "year=2026", "month=03", "day=02", "hour=05")
	writeFile(t, dir, "x.txt", "")
	path := filepath.Join(dir, "123456789010_vpcflowlogs_us-east-1_fl-1_20260302T0505Z_1.log.parquet")
	copyStmt := fmt.Sprintf(`COPY (SELECT CAST(5 AS INTEGER) AS version, '123456789010' AS account_id, 'eni-1' AS interface_id,
		'10.0.0.1' AS srcaddr, '10.0.0.2' AS dstaddr, CAST(443 AS INTEGER) AS srcport, CAST(51000 AS INTEGER) AS dstport,
		CAST(6 AS INTEGER) AS protocol, CAST(10 AS BIGINT) AS packets, CAST(8400 AS BIGINT) AS bytes,
		CAST(1772427900 AS BIGINT) AS start, CAST(1772427960 AS BIGINT) AS "end", 'ACCEPT' AS action, 'OK' AS log_status,
		'S3' AS pkt_dst_aws_service, CAST(19 AS INTEGER) AS tcp_flags
		FROM range(3)) TO '%s' (FORMAT parquet)`, path)
	if _, err := s.Conn.ExecContext(t.Context(), copyStmt); err != nil {
		t.Fatal(err)
	}
	res := mustLoad(t, s, Options{Sources: []string{path}})
	if res.Loaded != 1 || res.Records != 3 {
		t.Fatalf("result = %+v", res)
	}
	got := query(t, s.Conn, `SELECT typeof(v.protocol), typeof(v.srcport), typeof(v.bytes), v.pkt_dst_aws_service, CAST(v.date AS VARCHAR), r._hour, r._account, r._region
		FROM vpc_flow_logs AS v, flowduck_records AS r LIMIT 1`)
	want := [][]string{{"BIGINT", "INTEGER", "BIGINT", "S3", "2026-03-02", "5", "123456789010", "us-east-1"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestParquetLegacyColumnNames: Parquet written with the 2018-2021 Athena
// names (sourceaddress, starttime, account, ...) maps by name, and the
// record's own start and account fill the date and account when the path has
// no layout.
func TestParquetLegacyColumnNames(t *testing.T) {
	s, _ := openDB(t)
	path := filepath.Join(t.TempDir(), "legacy.parquet")
	copyStmt := fmt.Sprintf(`COPY (SELECT '123456789010' AS account, '10.0.0.1' AS sourceaddress,
		CAST(443 AS INTEGER) AS destinationport, CAST(1772427900 AS BIGINT) AS starttime, 'ACCEPT' AS action)
		TO '%s' (FORMAT parquet)`, path)
	if _, err := s.Conn.ExecContext(t.Context(), copyStmt); err != nil {
		t.Fatal(err)
	}
	res := mustLoad(t, s, Options{Sources: []string{path}})
	if res.Loaded != 1 || res.Records != 1 {
		t.Fatalf("result = %+v", res)
	}
	got := query(t, s.Conn, `SELECT srcaddr, dstport, start, CAST(date AS VARCHAR), account_id FROM vpc_flow_logs`)
	want := [][]string{{"10.0.0.1", "443", "1772427900", "2026-03-02", "123456789010"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := one(t, s, "SELECT _account FROM flowduck_records"); got != "123456789010" {
		t.Errorf("_account = %s, want the record's own account", got)
	}
}
