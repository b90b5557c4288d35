package loader

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/schema"
)

// flowLines writes n default-format records with the header; every
// notOKEvery-th (from the first) is NODATA, every other one of those
// SKIPDATA (0: none).
func flowLines(n, notOKEvery int) string {
	var b strings.Builder
	b.WriteString("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n")
	for i := range n {
		start := 1700000000 + i
		switch {
		case notOKEvery > 0 && i%notOKEvery == 0 && (i/notOKEvery)%2 == 0:
			fmt.Fprintf(&b, "2 123456789010 eni-%04d - - - - - - - %d %d - NODATA\n", i%7, start, start+60)
		case notOKEvery > 0 && i%notOKEvery == 0:
			fmt.Fprintf(&b, "2 123456789010 eni-%04d - - - - - - - %d %d - SKIPDATA\n", i%7, start, start+60)
		default:
			fmt.Fprintf(&b, "2 123456789010 eni-%04d 10.0.%d.%d 10.1.0.%d %d 443 6 %d %d %d %d ACCEPT OK\n",
				i%7, i%256, i%200, i%100, 1024+i, 1+i%9, 40*(1+i%9), start, start+60)
		}
	}
	return b.String()
}

// TestNotOKRecordsLoadLast: when the files' first lines show few records of
// a status other than OK, the load adds those records after the others, so
// that the vectors of the others hold no NULL address; they load with the
// same values as before, and a file full of them loads straight.
func TestNotOKRecordsLoadLast(t *testing.T) {
	cases := []struct {
		name       string
		notOKEvery int
		grouped    bool
	}{
		{"few not OK (0.5%), gzip", 200, true},
		{"many not OK (10%)", 10, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openDB(t)
			content, rel := flowLines(2000, tc.notOKEvery), "a.log"
			if strings.Contains(tc.name, "gzip") {
				content, rel = gz(t, []byte(content)), "a.log.gz"
			}
			path := writeFile(t, t.TempDir(), rel, content)
			res := mustLoad(t, s, Options{Sources: []string{path}})
			if res.Records != 2000 || res.Rejects != 0 {
				t.Fatalf("result = %+v, want 2000 records, no reject", res)
			}
			notOK := fmt.Sprint(2000 / tc.notOKEvery)
			if got := one(t, s, `SELECT count(*) FROM vpc_flow_logs WHERE log_status IN ('NODATA', 'SKIPDATA')
				AND srcaddr IS NULL AND dstaddr IS NULL AND srcport IS NULL AND packets IS NULL AND action IS NULL AND start IS NOT NULL`); got != notOK {
				t.Errorf("%s NODATA/SKIPDATA records with NULL fields, want %s", got, notOK)
			}
			if got := one(t, s, "SELECT count(*) FROM vpc_flow_logs WHERE log_status = 'SKIPDATA'"); got != fmt.Sprint(2000/tc.notOKEvery/2) {
				t.Errorf("%s SKIPDATA records", got)
			}
			last := one(t, s, `SELECT max(rowid) FILTER (WHERE log_status = 'OK') < min(rowid) FILTER (WHERE log_status <> 'OK') FROM flowduck_records`)
			if want := fmt.Sprint(tc.grouped); last != want {
				t.Errorf("every OK record before the others: %s, want %s", last, want)
			}
		})
	}
}

// TestStatusSample counts the not-OK records of a file's head: whole lines
// only, the header and malformed lines left out, after a CloudWatch
// export's time too.
func TestStatusSample(t *testing.T) {
	fields := schema.DefaultFormat()
	header := "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status"
	lines := flowLines(40, 4)
	s := Sniffed{Kind: KindText, Fields: fields, Header: header}
	if n, bad := statusSample([]byte(lines), true, s, 0); n != 40 || bad != 10 {
		t.Errorf("complete head: %d records, %d not OK; want 40, 10", n, bad)
	}
	cut := lines[:len(lines)-5] // the last line is cut short: not counted
	if n, bad := statusSample([]byte(cut), false, s, 0); n != 39 || bad != 10 {
		t.Errorf("cut head: %d records, %d not OK; want 39, 10", n, bad)
	}
	var cw strings.Builder
	for l := range strings.SplitSeq(strings.TrimSpace(lines), "\n") {
		if !strings.HasPrefix(l, "version") {
			cw.WriteString("2023-11-14T22:13:20.000Z " + l + "\n")
		}
	}
	cw.WriteString("garbage line\n")
	s = Sniffed{Kind: KindCloudWatchText, Fields: fields}
	if n, bad := statusSample([]byte(cw.String()), true, s, 1); n != 40 || bad != 10 {
		t.Errorf("CloudWatch export: %d records, %d not OK; want 40, 10", n, bad)
	}
	s.Fields = fields[:13] // no log-status field
	if n, bad := statusSample([]byte(cw.String()), true, s, 1); n != 0 || bad != 0 {
		t.Errorf("without a log status: %d records, %d not OK; want 0, 0", n, bad)
	}
}

// TestParquetNotOKRecordsLoadLast: a Parquet delivery's NODATA and SKIPDATA
// records load after its OK ones too (a second statement), with the same
// values, and a --since filter still applies to both.
func TestParquetNotOKRecordsLoadLast(t *testing.T) {
	s, _ := openDB(t)
	path := filepath.Join(t.TempDir(), "flows.log.parquet")
	copyStmt := fmt.Sprintf(`COPY (SELECT 2 AS version, '123456789010' AS account_id, 'eni-1' AS interface_id,
		CASE WHEN i %% 50 = 0 THEN NULL ELSE '10.0.0.' || (i %% 250 + 1) END AS srcaddr,
		CASE WHEN i %% 50 = 0 THEN NULL ELSE '10.1.0.1' END AS dstaddr,
		CASE WHEN i %% 50 = 0 THEN NULL ELSE 443 END AS srcport, CASE WHEN i %% 50 = 0 THEN NULL ELSE 51000 END AS dstport,
		CASE WHEN i %% 50 = 0 THEN NULL ELSE 6 END AS protocol, CASE WHEN i %% 50 = 0 THEN NULL ELSE 10 END AS packets,
		CASE WHEN i %% 50 = 0 THEN NULL ELSE 840 END AS bytes, 1772427900 + i AS start, 1772427960 + i AS "end",
		CASE WHEN i %% 50 = 0 THEN NULL ELSE 'ACCEPT' END AS action,
		CASE WHEN i %% 100 = 0 THEN 'NODATA' WHEN i %% 50 = 0 THEN 'SKIPDATA' ELSE 'OK' END AS log_status
		FROM range(1000) AS t(i)) TO '%s' (FORMAT parquet)`, path)
	if _, err := s.Conn.ExecContext(t.Context(), copyStmt); err != nil {
		t.Fatal(err)
	}
	since := time.Unix(1772427900+500, 0).UTC()
	res := mustLoad(t, s, Options{Sources: []string{path}, Filter: filter.Filter{Since: since}})
	if res.Records != 500 {
		t.Fatalf("result = %+v, want the 500 records from --since on", res)
	}
	got := query(t, s.Conn, `SELECT log_status, count(*), count(srcaddr), min(start) FROM vpc_flow_logs GROUP BY 1 ORDER BY 1`)
	want := [][]string{{"NODATA", "5", "0", "1772428400"}, {"OK", "490", "490", "1772428401"}, {"SKIPDATA", "5", "0", "1772428450"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := one(t, s, `SELECT max(rowid) FILTER (WHERE log_status = 'OK') < min(rowid) FILTER (WHERE log_status <> 'OK') FROM flowduck_records`); got != "true" {
		t.Errorf("every OK record before the others: %s", got)
	}
}
