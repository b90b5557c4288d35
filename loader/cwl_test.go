package loader

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/flowduck/flowduck/internal/cwlogs"
	"github.com/flowduck/flowduck/internal/cwlogs/cwltest"
	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/filter"
)

// cwlBase is the time of the first event the CloudWatch tests add: an hour
// ago, inside the default window of the last 24 hours.
var cwlBase = time.Now().Add(-time.Hour).Truncate(time.Second)

// startCWL starts the CloudWatch Logs test server for the test, the SDK's
// environment pointing at it.
func startCWL(t *testing.T) *cwltest.Server { return cwltest.StartT(t) }

// skipShort skips a test under -short: package cwlogs tests the pull
// itself without a database; these load what it pulls (a second or so each).
func skipShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("loads a CloudWatch Logs pull into DuckDB: not with -short")
	}
}

// flowEvents makes n events for a stream named after its interface, one
// default-format record each, a millisecond apart from start (every
// sameEvery-th event shares the previous one's time; 0: never). Each
// record is unique by its interface and source port.
func flowEvents(eni string, start time.Time, first, n, sameEvery int) []cwltest.Event {
	events := make([]cwltest.Event, n)
	t := start.UnixMilli() + int64(first)
	for i := range events {
		k := first + i
		if sameEvery == 0 || k%sameEvery != 0 {
			t++
		}
		secs := t / 1000
		events[i] = cwltest.Event{Stream: eni + "-all", Time: t, Message: fmt.Sprintf(
			"2 123456789012 %s 10.0.%d.%d 10.1.0.1 %d 443 6 %d %d %d %d ACCEPT OK",
			eni, k/250%250, k%250, k, 1+k%7, 100+k, secs, secs+60)}
	}
	return events
}

// cwlOptions loads sources through the real CloudWatch Logs reader, with
// the server's endpoint and short retry waits.
func cwlOptions(srv *cwltest.Server, sources ...string) Options {
	return Options{Sources: sources, CWL: cwlReader(srv, 0)}
}

// cwlReader is the reader cmd/flowduck wires in, pointed at the server,
// reading concurrency streams at once (0: the default).
func cwlReader(srv *cwltest.Server, concurrency int) cwlogs.Reader {
	return cwlogs.Reader{Options: cwlogs.Options{Endpoint: srv.URL, Concurrency: concurrency, MaxBackoff: 20 * time.Millisecond}}
}

// duplicates counts records loaded more than once (by interface and source
// port, which make each test event unique).
func duplicates(t *testing.T, s *duck.Session) string {
	return one(t, s, `SELECT count(*) FROM (SELECT interface_id, srcport FROM flowduck_records GROUP BY ALL HAVING count(*) > 1)`)
}

func TestCWLPullLoadsEveryEventOnceAndReRunsAddOnlyNewOnes(t *testing.T) {
	if testing.Short() {
		t.Skip("200,000 events: not with -short")
	}
	srv := startCWL(t)
	const streams, per = 20, 10_000
	var last []int64
	for i := range streams {
		ev := flowEvents(fmt.Sprintf("eni-%04d", i), cwlBase, 0, per, 5)
		srv.AddEvents("/aws/vpc/flow-logs", ev...)
		last = append(last, ev[len(ev)-1].Time)
	}
	s, _ := openDB(t)
	var progress bytes.Buffer
	opts := cwlOptions(srv, "cwl:///aws/vpc/flow-logs")
	opts.Progress = &progress
	res := mustLoad(t, s, opts)
	if err := res.Err(); err != nil {
		t.Fatalf("load: %v\n%s", err, progress.String())
	}
	if got := one(t, s, "SELECT count(*) FROM flowduck_records"); got != "200000" {
		t.Fatalf("records = %s, want 200000\n%s", got, progress.String())
	}
	if got := duplicates(t, s); got != "0" {
		t.Fatalf("%s records loaded twice", got)
	}
	// The event time is the event's timestamp; the stream is the file's.
	if got := one(t, s, `SELECT count(*) FROM flowduck_records r JOIN flowduck_files f ON r._file_id = f.id
		WHERE f.path NOT LIKE 'cwl:///aws/vpc/flow-logs//' || r.interface_id || '-all@%'`); got != "0" {
		t.Errorf("%s records not under their stream's name", got)
	}
	if got := one(t, s, `SELECT max(epoch_ms(_event_time)) FROM flowduck_records WHERE interface_id = 'eni-0000'`); got != fmt.Sprint(last[0]) {
		t.Errorf("last event time of eni-0000 = %s, want %d", got, last[0])
	}
	for _, want := range []string{"cwl:///aws/vpc/flow-logs: ", "20/20 streams", "200.0k events"} {
		if !strings.Contains(progress.String(), want) {
			t.Errorf("progress lacks %q:\n%s", want, progress.String())
		}
	}

	// 1,000 more events: 50 a stream, the first 10 of each at its last
	// time already read.
	for i := range streams {
		eni := fmt.Sprintf("eni-%04d", i)
		more := flowEvents(eni, cwlBase, per, 50, 0)
		for k := range 10 {
			more[k].Time = last[i]
		}
		srv.AddEvents("/aws/vpc/flow-logs", more...)
	}
	filters := srv.Calls("FilterLogEvents")
	res = mustLoad(t, s, cwlOptions(srv, "cwl:///aws/vpc/flow-logs"))
	if err := res.Err(); err != nil {
		t.Fatal(err)
	}
	if got := one(t, s, "SELECT count(*) FROM flowduck_records"); got != "201000" {
		t.Fatalf("records after the re-run = %s, want 201000", got)
	}
	if got := duplicates(t, s); got != "0" {
		t.Fatalf("%s records loaded twice", got)
	}
	if calls := srv.Calls("FilterLogEvents") - filters; calls != streams {
		t.Errorf("the re-run made %d FilterLogEvents calls, want one a stream (%d)", calls, streams)
	}

	// Nothing new: nothing loaded. --force re-reads the window, replacing.
	res = mustLoad(t, s, cwlOptions(srv, "cwl:///aws/vpc/flow-logs"))
	if res.Loaded != 0 || res.Records != 0 {
		t.Errorf("a re-run without new events loaded %d file(s), %d records", res.Loaded, res.Records)
	}
	force := cwlOptions(srv, "cwl:///aws/vpc/flow-logs//eni-0001")
	force.Force = true
	force.Filter = filter.Filter{Since: cwlBase.Add(-time.Minute)}
	res = mustLoad(t, s, force)
	if res.Records != per+50 {
		t.Errorf("--force re-read %d records of eni-0001, want %d", res.Records, per+50)
	}
	if got := one(t, s, "SELECT count(*) FROM flowduck_records"); got != "201000" {
		t.Fatalf("records after --force = %s, want 201000", got)
	}
	if got := duplicates(t, s); got != "0" {
		t.Fatalf("%s records loaded twice after --force", got)
	}
}

func TestCWLPullCompletesWhenEveryTenthCallIsThrottled(t *testing.T) {
	if testing.Short() {
		t.Skip("the adaptive retry slows the pull down for seconds: not with -short")
	}
	srv := startCWL(t)
	for i := range 30 {
		srv.AddEvents("vpc-flow", flowEvents(fmt.Sprintf("eni-%d", i), cwlBase, 0, 400, 0)...)
	}
	srv.ThrottleEvery(10)
	s, _ := openDB(t)
	opts := cwlOptions(srv, "cwl://vpc-flow")
	opts.CWL = cwlReader(srv, 2)
	res := mustLoad(t, s, opts)
	if err := res.Err(); err != nil {
		t.Fatal(err)
	}
	if got := one(t, s, "SELECT count(*) FROM flowduck_records"); got != "12000" {
		t.Errorf("records = %s, want 12000 (30 streams of 400)", got)
	}
	if got := duplicates(t, s); got != "0" {
		t.Errorf("%s records loaded twice", got)
	}
	// 31 calls answered (a listing, a page a stream) and every tenth refused.
	if n := srv.Throttled(); n < 3 {
		t.Errorf("%d calls throttled, want at least 3", n)
	}
}

func TestCWLDeniedGroupFailsWhileOthersLoad(t *testing.T) {
	skipShort(t)
	srv := startCWL(t)
	srv.AddEvents("/aws/vpc/ok", flowEvents("eni-a", cwlBase, 0, 100, 0)...)
	srv.AddEvents("/aws/vpc/secret", flowEvents("eni-b", cwlBase, 0, 100, 0)...)
	srv.Deny("/aws/vpc/secret", "FilterLogEvents")
	s, _ := openDB(t)
	res := mustLoad(t, s, cwlOptions(srv, "cwl:///aws/vpc/secret", "cwl:///aws/vpc/ok"))
	if got := one(t, s, "SELECT count(*) FROM flowduck_records"); got != "100" {
		t.Errorf("records = %s, want the other group's 100", got)
	}
	err := res.Err()
	if err == nil || res.Failed != 1 {
		t.Fatalf("failed = %d, err = %v; want the denied group failed", res.Failed, err)
	}
	var reason string
	for _, f := range res.Files {
		if f.Status == Failed {
			reason = f.Path + ": " + f.Reason
		}
	}
	for _, want := range []string{"cwl:///aws/vpc/secret", "access denied", "logs:FilterLogEvents"} {
		if !strings.Contains(reason, want) {
			t.Errorf("failure %q lacks %q", reason, want)
		}
	}
}

func TestCWLFormatOfTheFlowLog(t *testing.T) {
	srv := startCWL(t)
	format := "${version} ${vpc-id} ${interface-id} ${srcaddr} ${dstaddr} ${action}"
	srv.AddFlowLog(cwltest.FlowLog{ID: "fl-0123", LogGroup: "custom", Format: format})
	srv.AddEvents("custom", cwltest.Event{Stream: "eni-c-all", Time: cwlBase.UnixMilli(), Message: "5 vpc-9 eni-c 10.0.0.1 10.0.0.2 ACCEPT"})
	s, _ := openDB(t)
	var notes bytes.Buffer
	opts := cwlOptions(srv, "cwl://custom")
	opts.Progress = &notes
	if err := mustLoad(t, s, opts).Err(); err != nil {
		t.Fatal(err)
	}
	if got := one(t, s, "SELECT vpc_id || ' ' || interface_id FROM flowduck_records"); got != "vpc-9 eni-c" {
		t.Errorf("record = %q, want it read in the flow log's format", got)
	}
	if !strings.Contains(notes.String(), "format of flow log fl-0123 (ec2:DescribeFlowLogs)") {
		t.Errorf("stderr does not say where the format comes from:\n%s", notes.String())
	}
}

func TestCWLDefaultFormatWhenDescribeFlowLogsIsDenied(t *testing.T) {
	skipShort(t)
	srv := startCWL(t)
	srv.DenyEC2()
	srv.AddEvents("plain", flowEvents("eni-d", cwlBase, 0, 10, 0)...)
	s, _ := openDB(t)
	var notes bytes.Buffer
	opts := cwlOptions(srv, "cwl://plain")
	opts.Progress = &notes
	if err := mustLoad(t, s, opts).Err(); err != nil {
		t.Fatal(err)
	}
	if got := one(t, s, "SELECT count(*) FROM flowduck_records"); got != "10" {
		t.Errorf("records = %s, want 10", got)
	}
	for _, want := range []string{"ec2:DescribeFlowLogs is not allowed", "default format (v2)", "--format"} {
		if !strings.Contains(notes.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, notes.String())
		}
	}
}

func TestCWLENIPicksStreamsAndSourcesShareStreams(t *testing.T) {
	skipShort(t)
	srv := startCWL(t)
	for _, eni := range []string{"eni-a", "eni-b", "eni-c"} {
		srv.AddEvents("g", flowEvents(eni, cwlBase, 0, 10, 0)...)
	}
	s, _ := openDB(t)
	opts := cwlOptions(srv, "cwl://g")
	opts.Filter.ENIs = []string{"eni-b", "eni-c"}
	mustLoad(t, s, opts)
	if got := one(t, s, "SELECT string_agg(DISTINCT interface_id, ',' ORDER BY interface_id) FROM flowduck_records"); got != "eni-b,eni-c" {
		t.Errorf("interfaces = %s, want eni-b,eni-c", got)
	}
	// The whole group and one of its prefixes in one load: each stream once.
	mustLoad(t, s, cwlOptions(srv, "cwl://g//eni-a", "cwl://g"))
	if got := one(t, s, "SELECT count(*) FROM flowduck_records"); got != "30" {
		t.Errorf("records = %s, want 30", got)
	}
}

func TestCWLNoSuchGroupListsSimilarOnes(t *testing.T) {
	skipShort(t)
	srv := startCWL(t)
	srv.CreateGroup("/aws/vpc/flowlogs")
	srv.CreateGroup("/aws/vpc/other")
	s, _ := openDB(t)
	res, err := Load(context.Background(), s.Conn, cwlOptions(srv, "cwl:///aws/vpc/flow-logs"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Failed != 1 {
		t.Fatalf("failed = %d, want 1", res.Failed)
	}
	reason := res.Files[0].Reason
	for _, want := range []string{"no log group /aws/vpc/flow-logs in region us-east-1", `log groups starting with "/aws/vpc/": /aws/vpc/flowlogs, /aws/vpc/other`} {
		if !strings.Contains(reason, want) {
			t.Errorf("reason %q lacks %q", reason, want)
		}
	}
}

func TestCWLForceReplacesOnlyTheWindow(t *testing.T) {
	skipShort(t)
	srv := startCWL(t)
	events := flowEvents("eni-f", cwlBase, 0, 100, 0) // at cwlBase + 1..100 ms
	srv.AddEvents("g", events...)
	s, _ := openDB(t)
	mustLoad(t, s, cwlOptions(srv, "cwl://g"))
	force := cwlOptions(srv, "cwl://g")
	force.Force = true
	force.Filter = filter.Filter{Since: time.UnixMilli(events[50].Time)}
	res := mustLoad(t, s, force)
	if res.Records != 50 {
		t.Errorf("--force re-read %d records, want the 50 from --since", res.Records)
	}
	if got := one(t, s, "SELECT count(*) FROM flowduck_records"); got != "100" {
		t.Errorf("records = %s, want 100", got)
	}
	if got := duplicates(t, s); got != "0" {
		t.Errorf("%s records loaded twice", got)
	}
	// The first pull keeps the records before --since, and says so.
	if got := query(t, s.Conn, "SELECT records FROM flowduck_files ORDER BY id"); fmt.Sprint(got) != "[[50] [50]]" {
		t.Errorf("manifest records = %v, want [[50] [50]]", got)
	}
}
