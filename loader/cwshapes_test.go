package loader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// cwGolden is what a golden file of a CloudWatch shape holds: each record's
// main fields and event time (UTC), then each reject with its line and reason.
const (
	cwRecords = `SELECT 'record', version, account_id, interface_id, srcaddr, dstaddr, srcport, dstport, protocol, packets, bytes,
       start, "end", action, log_status, strftime(_event_time AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%g')
FROM flowduck_records ORDER BY ALL`
	cwRejects = `SELECT 'reject', line, reason, text FROM flowduck_rejects ORDER BY line`
)

// TestCloudWatchUserShapes loads each shape CloudWatch Logs users hold,
// plain and gzip, recognised by content whatever the file is called, and
// compares every record, event time and reject with a golden file.
func TestCloudWatchUserShapes(t *testing.T) {
	cases := []struct {
		name, sample, rel string
		gzip              bool
		records, rejects  int64
		format            string
	}{
		{"console copy-paste", "cloudwatch-console-paste.txt", "paste.txt", false, 2, 0, "cloudwatch-console v2"},
		{"console copy-paste gzip", "cloudwatch-console-paste.txt", "paste.txt.gz", true, 2, 0, "cloudwatch-console+gzip v2"},
		{"JSON message lines", "json-messages.jsonl", "shipper.jsonl", false, 4, 3, "json-messages v2"},
		{"JSON message lines gzip, no extension", "json-messages.jsonl", "shipper-output", true, 4, 3, "json-messages+gzip v2"},
		{"Firehose subscription data", "firehose-subscription.json", "firehose.gz", true, 3, 1, "cloudwatch-json+gzip v2"},
		{"Firehose subscription data, Firehose's object name", "firehose-subscription.json", "flow-logs-stream-1-2023-02-14-05-52-00-5d3f1c2e", true, 3, 1, "cloudwatch-json+gzip v2"},
		{"Firehose subscription data plain", "firehose-subscription.json", "firehose.json", false, 3, 1, "cloudwatch-json v2"},
		{"console CSV export", "cloudwatch-insights-export.csv", "logs-insights-results.csv", false, 3, 2, "cloudwatch-csv v2"},
		{"console CSV export gzip", "cloudwatch-insights-export.csv", "logs-insights-results.csv.gz", true, 3, 2, "cloudwatch-csv+gzip v2"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openDB(t)
			b, err := os.ReadFile(filepath.Join("testdata", "samples", tc.sample))
			if err != nil {
				t.Fatal(err)
			}
			content := string(b)
			if tc.gzip {
				content = gz(t, b)
			}
			path := writeFile(t, t.TempDir(), tc.rel, content)
			res := mustLoad(t, s, Options{Sources: []string{path}})
			if res.Loaded != 1 || res.Records != tc.records || res.Rejects != tc.rejects {
				t.Fatalf("result = %+v, want %d records, %d rejects", res, tc.records, tc.rejects)
			}
			if got := one(t, s, "SELECT format FROM flowduck_files"); got != tc.format {
				t.Errorf("format = %q, want %q", got, tc.format)
			}
			checkGolden(t, tc.sample+".txt", append(query(t, s.Conn, cwRecords), query(t, s.Conn, cwRejects)...))
			mustCheck(t, s.Conn)
		})
	}
}

// TestCloudWatchUserShapesDone spells out the examples: the console
// paste loads 2 records at the times of their time lines, the message line
// loads as a NODATA record, and a Firehose file loads every DATA_MESSAGE
// event and no CONTROL_MESSAGE one.
func TestCloudWatchUserShapesDone(t *testing.T) {
	s, _ := openDB(t)
	dir := t.TempDir()
	copySample(t, "cloudwatch-console-paste.txt", dir, "paste.txt")
	writeFile(t, dir, "message.json", `{"message":"2 428961148399 eni-0a1b2c3d - - - - - - - 1671029698 1671029728 - NODATA"}`+"\n")
	copySample(t, "firehose-subscription.json", dir, "firehose.gz")
	res := mustLoad(t, s, Options{Sources: []string{dir}})
	if res.Loaded != 3 || res.Failed != 0 || res.Skipped != 0 {
		t.Fatalf("result = %+v, want 3 files loaded", res)
	}
	checks := []struct{ query, want string }{
		{`SELECT string_agg(action || ' ' || strftime(r._event_time AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S'), ', ' ORDER BY action)
		  FROM flowduck_records AS r JOIN flowduck_files AS f ON f.id = r._file_id WHERE f.path LIKE '%paste.txt'`,
			"ACCEPT 2023-02-13T20:51:48, REJECT 2023-02-13T20:51:48"},
		{`SELECT log_status || ' ' || interface_id || ' ' || coalesce(action, 'no action') || ' ' || start FROM vpc_flow_logs WHERE account_id = '428961148399'`,
			"NODATA eni-0a1b2c3d no action 1671029698"},
		{`SELECT count(*) || ' records, ' || count(*) FILTER (WHERE bytes = 4120) || ' of the second document' FROM flowduck_records AS r JOIN flowduck_files AS f ON f.id = r._file_id WHERE f.path LIKE '%firehose.gz'`,
			"3 records, 1 of the second document"},
		{`SELECT line || ': ' || reason FROM flowduck_rejects`, "4: expected 14 fields, found 4"},
		{`SELECT count(*) FROM flowduck_rejects WHERE text LIKE '%CONTROL%'`, "0"},
	}
	for _, c := range checks {
		if got := one(t, s, c.query); got != c.want {
			t.Errorf("%s\n= %q, want %q", c.query, got, c.want)
		}
	}
}

// TestCloudWatchUserShapesMixed loads every shape, old and new, from one
// directory with one command.
func TestCloudWatchUserShapesMixed(t *testing.T) {
	s, _ := openDB(t)
	dir := t.TempDir()
	copySample(t, "cloudwatch-console-paste.txt", dir, "a/paste.txt.gz")
	copySample(t, "json-messages.jsonl", dir, "b/messages.jsonl")
	copySample(t, "firehose-subscription.json", dir, "c/firehose.gz")
	copySample(t, "cloudwatch-insights-export.csv", dir, "d/results.csv")
	copySample(t, "default-format.log", dir, "e/plain.log")
	writeFile(t, dir, "f/export.gz", gz(t, []byte("2014-12-14T04:07:50.000Z "+v2Record1+"\n")))
	res := mustLoad(t, s, Options{Sources: []string{dir}})
	if res.Loaded != 6 || res.Records != 2+4+3+3+7+1 || res.Rejects != 0+3+1+2 {
		t.Fatalf("result = %+v", res)
	}
	got := query(t, s.Conn, "SELECT format, records, rejects FROM flowduck_files ORDER BY path")
	want := [][]string{
		{"cloudwatch-console+gzip v2", "2", "0"},
		{"json-messages v2", "4", "3"},
		{"cloudwatch-json+gzip v2", "3", "1"},
		{"cloudwatch-csv v2", "3", "2"},
		{"text v2", "7", "0"},
		{"cloudwatch-export+gzip v2", "1", "0"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("manifest (-want +got):\n%s", diff)
	}
	mustCheck(t, s.Conn)
}

// TestConsolePasteDamage: in a console copy-paste, a time line with no record
// after it and a record line of the wrong shape are rejects; a record line
// without a time line above it loads without an event time.
func TestConsolePasteDamage(t *testing.T) {
	s, _ := openDB(t)
	content := "2023-02-14T05:51:48.000+09:00\n" + v2Record1 + "\n\n" +
		"2023-02-14T05:51:49.000+09:00\n\n" +
		"2023-02-14T05:51:50.000+09:00\n2 123456789010 eni-1235b8ca123456789 broken\n" +
		v2Record2 + "\n" +
		"2023-02-14T05:51:51.000+09:00\n"
	path := writeFile(t, t.TempDir(), "paste.txt", content)
	res := mustLoad(t, s, Options{Sources: []string{path}})
	if res.Records != 2 || res.Rejects != 3 {
		t.Fatalf("result = %+v, want 2 records, 3 rejects", res)
	}
	got := append(query(t, s.Conn, "SELECT dstport, coalesce(strftime(_event_time AT TIME ZONE 'UTC', '%H:%M:%S'), 'no time') FROM flowduck_records ORDER BY dstport"),
		query(t, s.Conn, "SELECT line, reason FROM flowduck_rejects ORDER BY line")...)
	want := [][]string{
		{"22", "20:51:48"},
		{"3389", "no time"},
		{"4", "a time line without a record line after it"},
		{"7", "expected 14 fields, found 4"},
		{"9", "a time line without a record line after it"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestNotFlowLogMessage: the message for a file that is not flow logs states
// line 1's real field count and the shapes a record may have.
func TestNotFlowLogMessage(t *testing.T) {
	cases := []struct{ name, content, want string }{
		{"prose", "these are my notes\nabout it\n", "line 1 (4 fields) is neither a header nor a default-format record (14 fields"},
		{"a time line, then prose", "2023-02-14T05:51:48.000+09:00\nthese are my notes\n", "line 1 (1 field) is neither"},
		{"a CloudWatch export time and too few fields", "2023-02-14T05:51:48.000Z 2 123 eni-1\n", "line 1 (4 fields) is neither"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var s Sniffed
			err := sniffHead(&s, []byte(tc.content), true, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "console time line") {
				t.Errorf("sniffHead = %v, want an error containing %q and naming the console shape", err, tc.want)
			}
		})
	}
}

// TestJSONKind: the JSON shape the head of a file is, by its first document.
func TestJSONKind(t *testing.T) {
	cases := []struct {
		name, head string
		kind       Kind
		ok         bool
	}{
		{"subscription payload", `{"messageType":"DATA_MESSAGE","logEvents":[]}`, KindCloudWatchJSON, true},
		{"filter-log-events output", `{"events":[],"searchedLogStreams":[]}`, KindCloudWatchJSON, true},
		{"concatenated payloads", `{"messageType":"CONTROL_MESSAGE","logEvents":[]}{"messageType":"DATA_MESSAGE","logEvents":[]}`, KindCloudWatchJSON, true},
		{"message", `{"message":"2 1 eni-1 - - - - - - - 1 2 - NODATA"}` + "\n", KindJSONMessages, true},
		{"@message", `{"@timestamp":"2022-12-14T14:55:28Z","@message":"x"}`, KindJSONMessages, true},
		{"log", ` {"log":"x","stream":"stdout"}`, KindJSONMessages, true},
		{"event.original", `{"event":{"original":"x"}}`, KindJSONMessages, true},
		{"event without original", `{"event":{"kind":"x"}}`, "", false},
		{"a first line cut by the head", `{"message":"2 1 eni-1`, KindJSONMessages, true},
		{"other JSON", `{"level":"info","msg":"hello"}`, "", false},
		{"an array of payloads", `[{"logEvents":[]}]`, KindCloudWatchJSON, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			kind, ok := jsonKind([]byte(tc.head))
			if kind != tc.kind || ok != tc.ok {
				t.Errorf("jsonKind = %q, %v; want %q, %v", kind, ok, tc.kind, tc.ok)
			}
		})
	}
}

// TestConsoleShape: the sniffer's decision on the first lines of a console
// copy-paste.
func TestConsoleShape(t *testing.T) {
	rec := "2 123456789010 eni-1 10.0.0.1 10.0.0.2 443 50000 6 10 840 1700000000 1700000060 ACCEPT OK"
	tl := "2023-02-14T05:51:48.000+09:00"
	cases := []struct {
		name  string
		lines []string
		want  bool
	}{
		{"time line, record", []string{tl, rec}, true},
		{"pairs", []string{tl, rec, tl, rec, tl, rec}, true},
		{"pairs, one damaged record", []string{tl, rec, tl, "2 x", tl, rec}, true},
		{"a time line alone", []string{tl}, false},
		{"time line, prose", []string{tl, "these are notes"}, false},
		{"records without time lines", []string{rec, rec}, false},
		{"time lines only", []string{tl, tl}, false},
		{"export lines", []string{tl + " " + rec, tl + " " + rec}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := consoleShape(tc.lines, 14); got != tc.want {
				t.Errorf("consoleShape = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestCSVExportColumns: the header line of the console's CSV export.
func TestCSVExportColumns(t *testing.T) {
	cases := []struct {
		line string
		want []string
	}{
		{`"@timestamp","@message","@logStream","@log"`, []string{"@timestamp", "@message", "@logStream", "@log"}},
		{`@timestamp,@message`, []string{"@timestamp", "@message"}},
		{`timestamp,message`, []string{"timestamp", "message"}},
		{`version,account-id`, nil},
		{`version account-id interface-id`, nil},
	}
	for _, tc := range cases {
		got, ok := csvExportColumns(tc.line)
		if ok != (tc.want != nil) || !cmp.Equal(got, tc.want) {
			t.Errorf("csvExportColumns(%q) = %q, %v; want %q", tc.line, got, ok, tc.want)
		}
	}
}

// TestMessagesMustBeRecords: JSON lines and CSV that carry a message are
// recognised only when their messages are flow-log records (the first, or
// most of those looked at); application logs of the same shape are not flow
// logs, and a directory load skips them with the reason.
func TestMessagesMustBeRecords(t *testing.T) {
	rec := "2 123456789010 eni-1 10.0.0.1 10.0.0.2 443 50000 6 10 840 1700000000 1700000060 ACCEPT OK"
	cases := []struct {
		name, head string
		kind       Kind // "" when not flow logs
	}{
		{"JSON records", `{"message":"` + rec + `"}` + "\n", KindJSONMessages},
		{"JSON, damaged first line", `{"message":"2 x"}` + "\n" + `{"message":"` + rec + `"}` + "\n" + `{"message":"` + rec + `"}` + "\n", KindJSONMessages},
		{"JSON application logs", `{"message":"GET /health 200","level":"info"}` + "\n" + `{"message":"GET / 200"}` + "\n", ""},
		{"CSV records", "@timestamp,@message\n2023-02-13 20:51:48.000,\"" + rec + "\"\n", KindCloudWatchCSV},
		{"CSV application logs", "@timestamp,@message\n2023-02-13 20:51:48.000,\"GET /health 200\"\n", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var s Sniffed
			err := sniffHead(&s, []byte(tc.head), true, nil)
			switch {
			case tc.kind == "" && err == nil:
				t.Errorf("sniffHead = %+v, want not flow logs", s)
			case tc.kind != "" && (err != nil || s.Kind != tc.kind):
				t.Errorf("sniffHead = %v, %v; want %s", s.Kind, err, tc.kind)
			}
		})
	}
	t.Run("a directory load skips application logs", func(t *testing.T) {
		s, _ := openDB(t)
		dir := t.TempDir()
		copySample(t, "json-messages.jsonl", dir, "flows.jsonl")
		writeFile(t, dir, "app.jsonl", `{"message":"GET /health 200","level":"info"}`+"\n")
		res := mustLoad(t, s, Options{Sources: []string{dir}})
		if res.Loaded != 1 || res.Skipped != 1 || res.Records != 4 {
			t.Fatalf("result = %+v, want flows.jsonl loaded and app.jsonl skipped", res)
		}
		if got := one(t, s, "SELECT skipped FROM flowduck_files WHERE path LIKE '%app.jsonl'"); !strings.Contains(got, "JSON lines whose messages are not default-format records (14 fields)") {
			t.Errorf("skipped reason = %q", got)
		}
	})
}
