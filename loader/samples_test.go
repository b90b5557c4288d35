package loader

import (
	"bytes"
	"compress/gzip"
	"path/filepath"
	"testing"
)

// gz compresses b.
func gz(t *testing.T, b []byte) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestSamplesLoadExactly loads each of AWS's documented sample files on its
// own and compares every value the view shows with a golden file, plus the
// values that matter spelled out.
func TestSamplesLoadExactly(t *testing.T) {
	cases := []struct {
		name    string
		file    string
		records int
		checks  map[string]string // query -> expected single value
	}{
		{
			name: "default v2 format", file: "default-format.log", records: 7,
			checks: map[string]string{
				"SELECT count(*) FROM vpc_flow_logs WHERE log_status = 'NODATA' AND srcaddr IS NULL AND packets IS NULL AND action IS NULL": "1",
				"SELECT count(*) FROM vpc_flow_logs WHERE log_status = 'SKIPDATA' AND dstport IS NULL":                                      "1",
				"SELECT srcport FROM vpc_flow_logs WHERE dstaddr = '2001:db8:1234:a102:3304:8879:34cf:4071'":                                "34892",
				"SELECT typeof(srcport) || ' ' || typeof(bytes) || ' ' || typeof(version) FROM vpc_flow_logs LIMIT 1":                       "INTEGER BIGINT INTEGER",
				"SELECT CAST(date AS VARCHAR) FROM vpc_flow_logs WHERE dstport = 3389":                                                      "2014-12-14",
			},
		},
		{
			name: "v3 tcp-flags, one line with a double space", file: "v3-tcp-flags.log", records: 8,
			checks: map[string]string{
				"SELECT sum(bytes) FROM vpc_flow_logs":                  "23462480",
				"SELECT tcp_flags FROM vpc_flow_logs WHERE bytes = 967": "19",
				"SELECT count(DISTINCT pkt_srcaddr) FROM vpc_flow_logs": "2",
			},
		},
		{
			name: "v3 transit gateway path, no start or end", file: "v3-transit-gateway-path.log", records: 4,
			checks: map[string]string{
				"SELECT count(*) FROM vpc_flow_logs WHERE pkt_srcaddr = '10.20.33.164' AND srcaddr = '10.40.1.175'": "1",
				"SELECT count(*) FROM vpc_flow_logs WHERE date IS NULL AND start IS NULL":                           "4",
			},
		},
		{
			name: "v5 custom order", file: "v5-custom-order.log", records: 2,
			checks: map[string]string{
				"SELECT pkt_src_aws_service FROM vpc_flow_logs WHERE flow_direction = 'ingress'": "S3",
				"SELECT traffic_path FROM vpc_flow_logs WHERE flow_direction = 'egress'":         "8",
				"SELECT region || ' ' || az_id FROM vpc_flow_logs LIMIT 1":                       "ap-southeast-2 apse2-az3",
			},
		},
		{
			name: "nat gateway subset without version", file: "nat-gateway-partial.log", records: 6,
			checks: map[string]string{
				"SELECT count(*) FROM vpc_flow_logs WHERE instance_id IS NULL":                             "4",
				"SELECT count(*) FROM vpc_flow_logs WHERE pkt_dstaddr = '203.0.113.5' AND version IS NULL": "3",
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openDB(t)
			path := copySample(t, tc.file, t.TempDir(), tc.file)
			res := mustLoad(t, s, Options{Sources: []string{path}})
			if res.Loaded != 1 || res.Failed != 0 || res.Records != int64(tc.records) || res.Rejects != 0 {
				t.Fatalf("result = %+v, want 1 file, %d records, no rejects", res, tc.records)
			}
			for q, want := range tc.checks {
				if got := one(t, s, q); got != want {
					t.Errorf("%s = %s, want %s", q, got, want)
				}
			}
			checkGolden(t, tc.file+".txt", query(t, s.Conn, "SELECT * FROM vpc_flow_logs ORDER BY ALL"))
		})
	}
}

// TestMixedTreeLoadsIntoOneTable loads every sample, some gzipped, in one
// S3-layout tree with one command: columns are matched by name per file.
func TestMixedTreeLoadsIntoOneTable(t *testing.T) {
	s, _ := openDB(t)
	dir := t.TempDir()
	prefix := "AWSLogs/123456789010/vpcflowlogs/eu-west-1/2026/03/02/"
	copySample(t, "default-format.log", dir, prefix+"a.log.gz")
	copySample(t, "v3-tcp-flags.log", dir, prefix+"b.log.gz")
	copySample(t, "v3-transit-gateway-path.log", dir, prefix+"c.log")
	copySample(t, "v5-custom-order.log", dir, "other/d.log.gz")
	copySample(t, "nat-gateway-partial.log", dir, "other/e.log")
	res := mustLoad(t, s, Options{Sources: []string{dir}})
	if res.Loaded != 5 || res.Records != 27 || res.Rejects != 0 {
		t.Fatalf("result = %+v, want 5 files, 27 records", res)
	}
	checks := map[string]string{
		// The S3 key decides account, region and date; the record's own
		// fields are the fallback outside the layout.
		"SELECT count(*) FROM vpc_flow_logs WHERE date = DATE '2026-03-02'":                   "19",
		"SELECT count(*) FROM flowduck_records WHERE _region = 'eu-west-1'":                   "19",
		"SELECT _region FROM flowduck_records WHERE flow_direction = 'egress'":                "ap-southeast-2",
		"SELECT CAST(_date AS VARCHAR) FROM flowduck_records WHERE flow_direction = 'egress'": "2021-03-26",
		"SELECT count(*) FROM flowduck_files":                                                 "5",
		"SELECT string_agg(format, ',' ORDER BY path) FROM flowduck_files":                    "text+gzip v2,text+gzip v3,text v3,text+gzip v5,text v3",
		"SELECT count(*) FROM vpc_flow_logs WHERE tcp_flags IS NOT NULL":                      "14",
		"SELECT count(*) FROM \"default\".vpc_flow_logs":                                      "27",
	}
	for q, want := range checks {
		if got := one(t, s, q); got != want {
			t.Errorf("%s = %s, want %s", q, got, want)
		}
	}
	_ = filepath.Join
}
