package cwltest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// Fixed credentials of every test server. A request signed with ExpiredKey
// is refused with ExpiredTokenException, any other unknown key with
// UnrecognizedClientException.
const (
	AccessKey  = "flowduck-cwl-access"
	SecretKey  = "flowduck-cwl-secret"
	ExpiredKey = "flowduck-cwl-expired"
	Region     = "us-east-1"
	Account    = "123456789012"
)

// Page limits of the service: events per FilterLogEvents/GetLogEvents page
// (and their message bytes), streams and groups per Describe page.
const (
	maxEvents     = 10_000
	maxEventBytes = 1 << 20
	maxStreams    = 50
	maxGroups     = 50
)

// Event is one log event. Stream and Time (milliseconds since the epoch)
// place it; ID is given by the server when empty.
type Event struct {
	Stream  string
	Time    int64
	Message string
	ID      string
}

// FlowLog is what DescribeFlowLogs answers for one flow log.
type FlowLog struct {
	ID       string
	LogGroup string
	Format   string
}

// Server is a running CloudWatch Logs (and EC2 DescribeFlowLogs) server on
// loopback.
type Server struct {
	// URL is the endpoint, http://127.0.0.1:PORT.
	URL string

	http *httptest.Server

	mu        sync.Mutex
	groups    map[string]*group
	seq       int64
	throttle  int // every throttle-th Logs call fails with ThrottlingException; 0 never
	logCalls  int
	throttled int
	calls     map[string]int
	flowLogs  []FlowLog
	ec2Deny   bool
	gone      map[string]bool // group + "\x00" + stream: listed, but reads fail
}

type group struct {
	name    string
	created int64
	denied  map[string]bool // actions refused; nil: none
	streams map[string]*stream
}

type stream struct {
	name     string
	created  int64
	ingested int64
	events   []Event // by Time, then arrival
	sorted   bool
}

// Start starts a server on a free loopback port; Close stops it.
func Start() *Server {
	s := &Server{groups: map[string]*group{}, calls: map[string]int{}}
	s.http = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.http.URL
	return s
}

// Close stops the server.
func (s *Server) Close() { s.http.Close() }

// Env is the environment that points the AWS SDK (and flowduck) at the
// server with its credentials.
func (s *Server) Env() []string {
	return []string{
		"AWS_ACCESS_KEY_ID=" + AccessKey,
		"AWS_SECRET_ACCESS_KEY=" + SecretKey,
		"AWS_REGION=" + Region,
		"AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=" + s.URL,
		"AWS_ENDPOINT_URL_EC2=" + s.URL,
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_CONFIG_FILE=/dev/null",
		"AWS_SHARED_CREDENTIALS_FILE=/dev/null",
	}
}

// CreateGroup creates an empty log group (AddEvents creates groups too).
func (s *Server) CreateGroup(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.group(name)
}

// Deny makes the actions (DescribeLogStreams, FilterLogEvents,
// GetLogEvents; none named: all three) on the group fail with
// AccessDeniedException; it is still listed by DescribeLogGroups.
func (s *Server) Deny(name string, actions ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(actions) == 0 {
		actions = []string{"DescribeLogStreams", "FilterLogEvents", "GetLogEvents"}
	}
	g := s.group(name)
	if g.denied == nil {
		g.denied = map[string]bool{}
	}
	for _, a := range actions {
		g.denied[a] = true
	}
}

// Vanish makes reads of one stream fail with ResourceNotFoundException while
// DescribeLogStreams still lists it, as when a stream is deleted between
// the listing and the reading.
func (s *Server) Vanish(group, stream string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.gone == nil {
		s.gone = map[string]bool{}
	}
	s.gone[group+"\x00"+stream] = true
}

// ThrottleEvery makes every n-th Logs call (retries included) fail with
// ThrottlingException; 0 stops it.
func (s *Server) ThrottleEvery(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.throttle, s.logCalls = n, 0
}

// AddFlowLog makes DescribeFlowLogs know a flow log.
func (s *Server) AddFlowLog(f FlowLog) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.flowLogs = append(s.flowLogs, f)
}

// DenyEC2 makes DescribeFlowLogs fail with UnauthorizedOperation.
func (s *Server) DenyEC2() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ec2Deny = true
}

// Throttled is how many calls were answered with ThrottlingException.
func (s *Server) Throttled() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.throttled
}

// Calls is how many requests of an operation the server answered, errors
// included.
func (s *Server) Calls(op string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[op]
}

// AddEvents adds events to a group, creating it and its streams as needed.
// Events without an ID get a unique one, as CloudWatch gives them.
func (s *Server) AddEvents(groupName string, events ...Event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.group(groupName)
	now := time.Now().UnixMilli()
	for _, e := range events {
		st, ok := g.streams[e.Stream]
		if !ok {
			st = &stream{name: e.Stream, created: now, sorted: true}
			g.streams[e.Stream] = st
		}
		s.seq++
		if e.ID == "" {
			e.ID = fmt.Sprintf("%020d%016d", e.Time, s.seq)
		}
		if n := len(st.events); n > 0 && st.events[n-1].Time > e.Time {
			st.sorted = false
		}
		st.events = append(st.events, e)
		st.ingested = now
	}
}

func (s *Server) group(name string) *group {
	g, ok := s.groups[name]
	if !ok {
		g = &group{name: name, created: time.Now().UnixMilli(), streams: map[string]*stream{}}
		s.groups[name] = g
	}
	return g
}

// serve answers one request: a Logs operation named by X-Amz-Target, or an
// EC2 Query action.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	target := r.Header.Get("X-Amz-Target")
	if target == "" {
		s.serveEC2(w, r, body)
		return
	}
	op := strings.TrimPrefix(target, "Logs_20140328.")
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[op]++
	if code, msg := authError(r); code != "" {
		logsError(w, code, msg)
		return
	}
	s.logCalls++
	if s.throttle > 0 && s.logCalls%s.throttle == 0 {
		s.throttled++
		logsError(w, "ThrottlingException", "Rate exceeded")
		return
	}
	var out any
	switch op {
	case "DescribeLogGroups":
		out, err = s.describeLogGroups(body)
	case "DescribeLogStreams":
		out, err = s.describeLogStreams(body)
	case "FilterLogEvents":
		out, err = s.filterLogEvents(body)
	case "GetLogEvents":
		out, err = s.getLogEvents(body)
	default:
		logsError(w, "UnknownOperationException", "the test server does not implement "+op)
		return
	}
	if err != nil {
		if ae, ok := err.(*apiError); ok {
			logsError(w, ae.code, ae.msg)
			return
		}
		logsError(w, "InvalidParameterException", err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	_ = json.NewEncoder(w).Encode(out)
}

// authError checks the request's signing key.
func authError(r *http.Request) (code, msg string) {
	auth := r.Header.Get("Authorization")
	switch {
	case strings.Contains(auth, "Credential="+AccessKey+"/"):
		return "", ""
	case strings.Contains(auth, "Credential="+ExpiredKey+"/"):
		return "ExpiredTokenException", "The security token included in the request is expired"
	}
	return "UnrecognizedClientException", "The security token included in the request is invalid."
}

// apiError is a service error answer.
type apiError struct{ code, msg string }

func (e *apiError) Error() string { return e.code + ": " + e.msg }

// logsError writes a JSON 1.1 error answer.
func logsError(w http.ResponseWriter, code, msg string) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("X-Amzn-ErrorType", code)
	w.WriteHeader(http.StatusBadRequest)
	_ = json.NewEncoder(w).Encode(map[string]string{"__type": code, "message": msg})
}

// readable returns the group for an operation, or the error the service
// gives for a group that does not exist or may not be read.
func (s *Server) readable(name, action string) (*group, error) {
	g, ok := s.groups[name]
	if !ok {
		return nil, &apiError{"ResourceNotFoundException", "The specified log group does not exist."}
	}
	if g.denied[action] {
		return nil, &apiError{"AccessDeniedException", fmt.Sprintf(
			"User: arn:aws:iam::%s:user/test is not authorized to perform: logs:%s on resource: arn:aws:logs:%s:%s:log-group:%s:log-stream: because no identity-based policy allows the logs:%s action",
			Account, action, Region, Account, name, action)}
	}
	return g, nil
}

func (st *stream) sortEvents() {
	if !st.sorted {
		sort.SliceStable(st.events, func(a, b int) bool { return st.events[a].Time < st.events[b].Time })
		st.sorted = true
	}
}

// between returns the stream's events with start <= Time <= end (end < 0:
// no bound), in time order.
func (st *stream) between(start, end int64) []Event {
	st.sortEvents()
	lo := sort.Search(len(st.events), func(i int) bool { return st.events[i].Time >= start })
	hi := len(st.events)
	if end >= 0 {
		hi = sort.Search(len(st.events), func(i int) bool { return st.events[i].Time > end })
	}
	if hi < lo {
		hi = lo
	}
	return st.events[lo:hi]
}

func (s *Server) arn(group string) string {
	return fmt.Sprintf("arn:aws:logs:%s:%s:log-group:%s:*", Region, Account, group)
}

// sortedNames returns the keys of a map in order.
func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// StartT starts a server for a test, stops it when the test ends, and points
// the AWS SDK's environment (credentials, region, endpoints) at it for the
// test's duration (t.Setenv: not for parallel tests).
func StartT(t testing.TB) *Server {
	t.Helper()
	s := Start()
	t.Cleanup(s.Close)
	for _, kv := range s.Env() {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	t.Setenv("AWS_PROFILE", "")
	return s
}
