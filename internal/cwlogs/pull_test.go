package cwlogs_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"

	"github.com/flowduck/flowduck/internal/cwlogs"
	"github.com/flowduck/flowduck/internal/cwlogs/cwltest"
)

// base is the time of the first test event: inside the default window.
var base = time.Now().Add(-time.Hour).Truncate(time.Second).UnixMilli()

// start starts the test server for the test, the SDK's environment
// pointing at it.
func start(t testing.TB) *cwltest.Server { return cwltest.StartT(t) }

// events makes n events of a stream, the k-th at base+k/same ms (same
// events share each time), with messages of size bytes.
func events(stream string, from, n, same, size int) []cwltest.Event {
	out := make([]cwltest.Event, n)
	for i := range out {
		k := from + i
		msg := fmt.Sprintf("%s %d ", stream, k)
		msg += strings.Repeat("x", max(0, size-len(msg)))
		out[i] = cwltest.Event{Stream: stream, Time: base + int64(k/same), Message: msg}
	}
	return out
}

// pulled collects the chunks of a pull and the messages of their files.
type pulled struct {
	mu       sync.Mutex
	chunks   map[string]cwlogs.Chunk // by stream
	messages []string
}

func pull(t testing.TB, uri string, opts cwlogs.Options) (*pulled, cwlogs.Result, error) {
	t.Helper()
	p := &pulled{chunks: map[string]cwlogs.Chunk{}}
	if opts.Dir == "" {
		opts.Dir = t.TempDir()
	}
	opts.MaxBackoff = 10 * time.Millisecond
	res, err := cwlogs.Pull(context.Background(), uri, opts, func(c cwlogs.Chunk) {
		f, ferr := os.Open(c.Path)
		if ferr != nil {
			t.Errorf("chunk file: %v", ferr)
			return
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		var lines []string
		for sc.Scan() {
			_, msg, _ := strings.Cut(sc.Text(), " ")
			lines = append(lines, msg)
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		p.chunks[c.Stream] = c
		p.messages = append(p.messages, lines...)
	})
	return p, res, err
}

// marks returns the marks a loader would keep after the chunks loaded.
func (p *pulled) marks(earlier func(string, string, string) (cwlogs.Mark, bool)) func(string, string, string) (cwlogs.Mark, bool) {
	return func(region, group, stream string) (cwlogs.Mark, bool) {
		if c, ok := p.chunks[stream]; ok {
			return c.Mark, true
		}
		if earlier != nil {
			return earlier(region, group, stream)
		}
		return cwlogs.Mark{}, false
	}
}

// once checks that every message was read exactly once and returns how many.
func once(t *testing.T, messages []string) int {
	t.Helper()
	seen := map[string]bool{}
	for _, m := range messages {
		if seen[m] {
			t.Errorf("event read twice: %.40s", m)
		}
		seen[m] = true
	}
	return len(seen)
}

func TestPullReadsEveryEventOnceAcrossPagesAndReRuns(t *testing.T) {
	srv := start(t)
	// 3 streams of 1,500 events of 1 KiB: two 1 MB pages each; every 7
	// events share a timestamp.
	const per = 1500
	for _, s := range []string{"eni-a-all", "eni-b-all", "eni-c-all"} {
		srv.AddEvents("/aws/vpc/flow-logs", events(s, 0, per, 7, 1024)...)
	}
	srv.AddEvents("/aws/vpc/flow-logs", events("other", 0, 10, 1, 10)...)
	first, res, err := pull(t, "cwl:///aws/vpc/flow-logs//eni-", cwlogs.Options{Endpoint: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if n := once(t, first.messages); n != 3*per || res.Events != 3*per || res.Streams != 3 || res.Read != 3 {
		t.Fatalf("read %d messages (result: %d events, %d/%d streams), want %d from the 3 eni- streams", n, res.Events, res.Read, res.Streams, 3*per)
	}
	if pages := srv.Calls("FilterLogEvents"); pages < 6 {
		t.Errorf("%d FilterLogEvents calls: the pages were not cut at 1 MB", pages)
	}
	c := first.chunks["eni-b-all"]
	wantLast, wantIDs := base+(per-1)/7, per-(per-1)/7*7
	if c.Mark.Last != wantLast || len(c.Mark.IDs) != wantIDs {
		t.Errorf("mark = last %d with %d ids, want last %d with %d ids", c.Mark.Last, len(c.Mark.IDs), wantLast, wantIDs)
	}
	if !strings.HasPrefix(c.Key, "cwl:///aws/vpc/flow-logs//eni-b-all@") {
		t.Errorf("chunk key = %q", c.Key)
	}

	// New events at the last time read and after it.
	more := events("eni-b-all", per, 20, 1, 10)
	for i := range 5 {
		more[i].Time = wantLast
	}
	srv.AddEvents("/aws/vpc/flow-logs", more...)
	second, res, err := pull(t, "cwl:///aws/vpc/flow-logs//eni-", cwlogs.Options{Endpoint: srv.URL, Marks: first.marks(nil)})
	if err != nil {
		t.Fatal(err)
	}
	if n := once(t, second.messages); n != 20 || res.Read != 1 {
		t.Fatalf("the re-run read %d events from %d streams, want the 20 new ones of 1", n, res.Read)
	}
	if len(second.chunks["eni-b-all"].Mark.IDs) != 1 {
		t.Errorf("mark ids after the re-run = %v, want the one event at the new last time", second.chunks["eni-b-all"].Mark.IDs)
	}
	third, _, err := pull(t, "cwl:///aws/vpc/flow-logs//eni-", cwlogs.Options{Endpoint: srv.URL, Marks: second.marks(first.marks(nil))})
	if err != nil {
		t.Fatal(err)
	}
	if len(third.messages) != 0 {
		t.Errorf("a re-run without new events read %d", len(third.messages))
	}
}

func TestPullENIsAndWindow(t *testing.T) {
	srv := start(t)
	for _, s := range []string{"eni-1-all", "eni-2-accept", "eni-3-all"} {
		srv.AddEvents("g", events(s, 0, 100, 1, 10)...)
	}
	p, _, err := pull(t, "cwl://g", cwlogs.Options{Endpoint: srv.URL, ENIs: []string{"eni-1", "eni-2"},
		Since: time.UnixMilli(base + 10), Until: time.UnixMilli(base + 19)})
	if err != nil {
		t.Fatal(err)
	}
	var streams []string
	for s := range p.chunks {
		streams = append(streams, s)
	}
	sort.Strings(streams)
	if got := strings.Join(streams, ","); got != "eni-1-all,eni-2-accept" {
		t.Errorf("streams = %s", got)
	}
	if n := once(t, p.messages); n != 20 {
		t.Errorf("read %d events, want 10 a stream (both window ends included)", n)
	}
}

func TestPullOneFailingStreamDoesNotStopTheOthers(t *testing.T) {
	srv := start(t)
	for _, s := range []string{"eni-1-all", "eni-2-all", "eni-3-all"} {
		srv.AddEvents("g", events(s, 0, 50, 1, 10)...)
	}
	srv.Vanish("g", "eni-2-all")
	var progress strings.Builder
	p, res, err := pull(t, "cwl://g", cwlogs.Options{Endpoint: srv.URL, Concurrency: 1, Progress: &progress})
	if err != nil {
		t.Fatal(err)
	}
	if n := once(t, p.messages); n != 100 || res.Read != 2 {
		t.Errorf("read %d events from %d streams, want 100 from the 2 others", n, res.Read)
	}
	if len(res.Failed) != 1 || res.Failed[0].URI != "cwl://g//eni-2-all" {
		t.Fatalf("failed = %+v, want cwl://g//eni-2-all", res.Failed)
	}
	if msg := res.Failed[0].Err.Error(); !strings.Contains(msg, "cwl://g//eni-2-all: no such log stream (deleted after it was listed?)") {
		t.Errorf("failure = %q", msg)
	}
	// The progress line: streams, events, bytes (of messages), failures.
	if !strings.Contains(progress.String(), "cwl://g: 3/3 streams, 100 events, 1.2 KiB, ") || !strings.Contains(progress.String(), ", 1 failed in ") {
		t.Errorf("progress:\n%s", progress.String())
	}
}

func TestPullErrors(t *testing.T) {
	srv := start(t)
	srv.CreateGroup("/aws/vpc/flowlogs")
	srv.AddEvents("denied", events("s", 0, 5, 1, 10)...)
	srv.Deny("denied")
	tests := []struct {
		name  string
		uri   string
		env   map[string]string
		kind  cwlogs.Kind
		wants []string
	}{
		{"no such group", "cwl:///aws/vpc/flow-logs", nil, cwlogs.KindNoSuchGroup,
			[]string{"no log group /aws/vpc/flow-logs in region us-east-1", `log groups starting with "/aws/vpc/": /aws/vpc/flowlogs`}},
		{"denied", "cwl://denied", nil, cwlogs.KindAccessDenied,
			[]string{"access denied to log group denied", "logs:DescribeLogStreams on arn:aws:logs:us-east-1:*:log-group:denied"}},
		{"expired token", "cwl:///aws/vpc/flowlogs", map[string]string{"AWS_ACCESS_KEY_ID": cwltest.ExpiredKey}, cwlogs.KindExpiredToken,
			[]string{"credentials expired", "ExpiredTokenException", "aws sso login"}},
		{"unknown key", "cwl:///aws/vpc/flowlogs", map[string]string{"AWS_ACCESS_KEY_ID": "nobody"}, cwlogs.KindBadCredentials,
			[]string{"credentials rejected", "UnrecognizedClientException"}},
		{"no region", "cwl:///aws/vpc/flowlogs", map[string]string{"AWS_REGION": ""}, cwlogs.KindNoRegion,
			[]string{"pass --region"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			_, _, err := pull(t, tt.uri, cwlogs.Options{Endpoint: srv.URL})
			var e *cwlogs.Error
			if !errors.As(err, &e) || e.Kind != tt.kind {
				t.Fatalf("error = %v, want kind %v", err, tt.kind)
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q lacks %q", err, w)
				}
			}
		})
	}
}

// TestServerSpeaksTheProtocol drives the test server's operations the
// loader does not use, through the SDK: GetLogEvents paging forward until
// the token repeats, and FilterLogEvents over a group, interleaved by time.
func TestServerSpeaksTheProtocol(t *testing.T) {
	srv := start(t)
	srv.AddEvents("g", events("a", 0, 25_000, 1, 10)...)
	srv.AddEvents("g", events("b", 0, 5, 1, 10)...)
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	client := cloudwatchlogs.NewFromConfig(cfg)
	ctx := context.Background()
	var got int
	var token *string
	for {
		out, err := client.GetLogEvents(ctx, &cloudwatchlogs.GetLogEventsInput{LogGroupName: aws.String("g"),
			LogStreamName: aws.String("a"), StartFromHead: aws.Bool(true), NextToken: token,
			StartTime: aws.Int64(base), EndTime: aws.Int64(base + 20_000)})
		if err != nil {
			t.Fatal(err)
		}
		got += len(out.Events)
		if token != nil && aws.ToString(out.NextForwardToken) == *token {
			break
		}
		token = out.NextForwardToken
	}
	if got != 20_000 {
		t.Errorf("GetLogEvents read %d events, want 20000 (the end time excluded)", got)
	}
	out, err := client.FilterLogEvents(ctx, &cloudwatchlogs.FilterLogEventsInput{LogGroupName: aws.String("g"),
		StartTime: aws.Int64(base), EndTime: aws.Int64(base + 2)})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, e := range out.Events {
		order = append(order, aws.ToString(e.LogStreamName))
	}
	if got := strings.Join(order, ","); got != "a,b,a,b,a,b" {
		t.Errorf("group-wide FilterLogEvents streams = %s, want interleaved by time", got)
	}
	groups, err := client.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String("g")})
	if err != nil || len(groups.LogGroups) != 1 {
		t.Errorf("DescribeLogGroups = %v, %v", groups, err)
	}
}

// BenchmarkPull pulls 1,000,000 events (20 streams of 50,000 flow-log
// records) from the local test server into event files and reports
// events/s and events per CPU second (client and server together): the
// cost of flowduck's side of a pull (SDK, paging, writing), without
// CloudWatch's own latency and rate limit. Run it with
//
//	go test ./internal/cwlogs -run XXX -bench Pull -benchtime 1x
func BenchmarkPull(b *testing.B) {
	srv := start(b)
	const streams, per = 20, 50_000
	for i := range streams {
		evs := make([]cwltest.Event, per)
		for k := range evs {
			secs := (base + int64(k)) / 1000
			evs[k] = cwltest.Event{Stream: fmt.Sprintf("eni-%04d-all", i), Time: base + int64(k), Message: fmt.Sprintf(
				"2 123456789012 eni-%04d 10.0.%d.%d 10.1.0.1 %d 443 6 %d %d %d %d ACCEPT OK", i, k/250%250, k%250, k, 1+k%7, 100+k, secs, secs+60)}
		}
		srv.AddEvents("bench", evs...)
	}
	b.ResetTimer()
	var total int64
	cpu := processCPU()
	for b.Loop() {
		res, err := cwlogs.Pull(context.Background(), "cwl://bench", cwlogs.Options{Endpoint: srv.URL, Dir: b.TempDir()}, func(cwlogs.Chunk) {})
		if err != nil {
			b.Fatal(err)
		}
		if res.Events != streams*per {
			b.Fatalf("pulled %d events, want %d", res.Events, streams*per)
		}
		total += res.Events
	}
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "events/s")
	// The CPU time of the pull and of the in-process server answering it:
	// on a shared machine the wall time says more about the neighbours.
	if used := processCPU() - cpu; used > 0 {
		b.ReportMetric(float64(total)/used.Seconds(), "events/cpu-s")
	}
}

func TestPullFindsTheFlowLogFormat(t *testing.T) {
	const v5 = "${version} ${vpc-id} ${interface-id} ${action}"
	tests := []struct {
		name     string
		setup    func(*cwltest.Server)
		format   string
		given    string
		wantNote string
	}{
		{"the flow log's format", func(s *cwltest.Server) {
			s.AddFlowLog(cwltest.FlowLog{ID: "fl-1", LogGroup: "g", Format: v5})
			s.AddFlowLog(cwltest.FlowLog{ID: "fl-other", LogGroup: "other", Format: "${version}"})
		}, v5, "", "g: format of flow log fl-1 (ec2:DescribeFlowLogs): " + v5},
		{"two flow logs, two formats", func(s *cwltest.Server) {
			s.AddFlowLog(cwltest.FlowLog{ID: "fl-1", LogGroup: "g", Format: v5})
			s.AddFlowLog(cwltest.FlowLog{ID: "fl-2", LogGroup: "g", Format: "${version}"})
		}, v5, "", "flow logs fl-1, fl-2 write to this group in different formats; reading fl-1's"},
		{"no flow log", func(*cwltest.Server) {}, "", "", "no flow log writes to this group"},
		{"denied", func(s *cwltest.Server) { s.DenyEC2() }, "", "", "ec2:DescribeFlowLogs is not allowed, so the records are read in the default format (v2); pass --format"},
		{"--format given: no lookup", func(s *cwltest.Server) { s.DenyEC2() }, "${version}", "${version}", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := start(t)
			srv.AddEvents("g", events("s", 0, 1, 1, 10)...)
			tt.setup(srv)
			var notes strings.Builder
			_, res, err := pull(t, "cwl://g", cwlogs.Options{Endpoint: srv.URL, Format: tt.given, Progress: &notes})
			if err != nil {
				t.Fatal(err)
			}
			if res.Format != tt.format {
				t.Errorf("format = %q, want %q", res.Format, tt.format)
			}
			if tt.wantNote != "" && !strings.Contains(notes.String(), tt.wantNote) {
				t.Errorf("notes lack %q:\n%s", tt.wantNote, notes.String())
			}
			if calls := srv.Calls("ec2:DescribeFlowLogs"); (tt.given == "") != (calls == 1) {
				t.Errorf("%d DescribeFlowLogs calls", calls)
			}
		})
	}
}
