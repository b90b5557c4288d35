package cwltest

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// page cuts items[from:] to at most limit (0: max), returning the next
// token ("" when done).
func page(n, from, limit, max int) (lo, hi int, next string) {
	if limit <= 0 || limit > max {
		limit = max
	}
	lo = min(from, n)
	hi = min(lo+limit, n)
	if hi < n {
		next = strconv.Itoa(hi)
	}
	return lo, hi, next
}

// offset reads a token this server gave.
func offset(token *string) (int, error) {
	if token == nil || *token == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(*token)
	if err != nil || n < 0 {
		return 0, &apiError{"InvalidParameterException", "The specified nextToken is invalid."}
	}
	return n, nil
}

func (s *Server) describeLogGroups(body []byte) (any, error) {
	var in struct {
		LogGroupNamePrefix *string
		NextToken          *string
		Limit              int
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, err
	}
	type outGroup struct {
		LogGroupName string `json:"logGroupName"`
		Arn          string `json:"arn"`
		CreationTime int64  `json:"creationTime"`
		StoredBytes  int64  `json:"storedBytes"`
	}
	var all []outGroup
	for _, name := range sortedNames(s.groups) {
		if in.LogGroupNamePrefix != nil && !strings.HasPrefix(name, *in.LogGroupNamePrefix) {
			continue
		}
		all = append(all, outGroup{LogGroupName: name, Arn: s.arn(name), CreationTime: s.groups[name].created})
	}
	from, err := offset(in.NextToken)
	if err != nil {
		return nil, err
	}
	lo, hi, next := page(len(all), from, in.Limit, maxGroups)
	out := map[string]any{"logGroups": append([]outGroup{}, all[lo:hi]...)}
	if next != "" {
		out["nextToken"] = next
	}
	return out, nil
}

func (s *Server) describeLogStreams(body []byte) (any, error) {
	var in struct {
		LogGroupName        *string
		LogGroupIdentifier  *string
		LogStreamNamePrefix *string
		OrderBy             string
		Descending          bool
		NextToken           *string
		Limit               int
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, err
	}
	g, err := s.readable(groupName(in.LogGroupName, in.LogGroupIdentifier), "DescribeLogStreams")
	if err != nil {
		return nil, err
	}
	if in.OrderBy == "LastEventTime" && in.LogStreamNamePrefix != nil {
		return nil, &apiError{"InvalidParameterException", "Cannot order by LastEventTime with a logStreamNamePrefix."}
	}
	type outStream struct {
		LogStreamName       string `json:"logStreamName"`
		Arn                 string `json:"arn"`
		CreationTime        int64  `json:"creationTime"`
		FirstEventTimestamp *int64 `json:"firstEventTimestamp,omitempty"`
		LastEventTimestamp  *int64 `json:"lastEventTimestamp,omitempty"`
		LastIngestionTime   *int64 `json:"lastIngestionTime,omitempty"`
		StoredBytes         int64  `json:"storedBytes"`
	}
	var all []outStream
	for _, name := range sortedNames(g.streams) {
		if in.LogStreamNamePrefix != nil && !strings.HasPrefix(name, *in.LogStreamNamePrefix) {
			continue
		}
		st := g.streams[name]
		st.sortEvents()
		o := outStream{LogStreamName: name, Arn: fmt.Sprintf("%s:log-stream:%s", strings.TrimSuffix(s.arn(g.name), ":*"), name),
			CreationTime: st.created}
		if n := len(st.events); n > 0 {
			first, last, ing := st.events[0].Time, st.events[n-1].Time, st.ingested
			o.FirstEventTimestamp, o.LastEventTimestamp, o.LastIngestionTime = &first, &last, &ing
		}
		all = append(all, o)
	}
	if in.OrderBy == "LastEventTime" {
		sort.SliceStable(all, func(a, b int) bool { return last(all[a].LastEventTimestamp) < last(all[b].LastEventTimestamp) })
	}
	if in.Descending {
		for i, j := 0, len(all)-1; i < j; i, j = i+1, j-1 {
			all[i], all[j] = all[j], all[i]
		}
	}
	from, err := offset(in.NextToken)
	if err != nil {
		return nil, err
	}
	lo, hi, next := page(len(all), from, in.Limit, maxStreams)
	out := map[string]any{"logStreams": append([]outStream{}, all[lo:hi]...)}
	if next != "" {
		out["nextToken"] = next
	}
	return out, nil
}

func last(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

func groupName(name, identifier *string) string {
	if name != nil {
		return *name
	}
	if identifier != nil {
		// An ARN names the group after "log-group:".
		id := *identifier
		if i := strings.Index(id, ":log-group:"); i >= 0 {
			id = strings.TrimSuffix(id[i+len(":log-group:"):], ":*")
		}
		return id
	}
	return ""
}

// outEvent is an event as FilterLogEvents answers it.
type outEvent struct {
	LogStreamName string `json:"logStreamName"`
	Timestamp     int64  `json:"timestamp"`
	Message       string `json:"message"`
	IngestionTime int64  `json:"ingestionTime"`
	EventID       string `json:"eventId"`
}

func (s *Server) filterLogEvents(body []byte) (any, error) {
	var in struct {
		LogGroupName        *string
		LogGroupIdentifier  *string
		LogStreamNames      []string
		LogStreamNamePrefix *string
		StartTime           *int64
		EndTime             *int64
		FilterPattern       *string
		NextToken           *string
		Limit               int
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, err
	}
	g, err := s.readable(groupName(in.LogGroupName, in.LogGroupIdentifier), "FilterLogEvents")
	if err != nil {
		return nil, err
	}
	if in.FilterPattern != nil && *in.FilterPattern != "" {
		return nil, &apiError{"InvalidParameterException", "the test server does not implement filter patterns"}
	}
	if len(in.LogStreamNames) > 0 && in.LogStreamNamePrefix != nil {
		return nil, &apiError{"InvalidParameterException", "logStreamNames and logStreamNamePrefix are mutually exclusive"}
	}
	start, end := int64(0), int64(-1)
	if in.StartTime != nil {
		start = *in.StartTime
	}
	if in.EndTime != nil {
		end = *in.EndTime
	}
	var streams []*stream
	if len(in.LogStreamNames) > 0 {
		for _, n := range in.LogStreamNames {
			st, ok := g.streams[n]
			if !ok || s.gone[g.name+"\x00"+n] {
				return nil, &apiError{"ResourceNotFoundException", "The specified log stream does not exist."}
			}
			streams = append(streams, st)
		}
	} else {
		for _, n := range sortedNames(g.streams) {
			if in.LogStreamNamePrefix == nil || strings.HasPrefix(n, *in.LogStreamNamePrefix) {
				streams = append(streams, g.streams[n])
			}
		}
	}
	var matched []Event
	if len(streams) == 1 {
		matched = streams[0].between(start, end)
	} else {
		// Interleaved across streams, by time.
		for _, st := range streams {
			matched = append(matched, st.between(start, end)...)
		}
		sort.SliceStable(matched, func(a, b int) bool { return matched[a].Time < matched[b].Time })
	}
	from, err := offset(in.NextToken)
	if err != nil {
		return nil, err
	}
	lo, hi, _ := page(len(matched), from, in.Limit, maxEvents)
	events := make([]outEvent, 0, hi-lo)
	size := 0
	for i := lo; i < hi; i++ {
		e := matched[i]
		size += len(e.Message) + 26
		if size > maxEventBytes && len(events) > 0 {
			hi = i
			break
		}
		events = append(events, outEvent{LogStreamName: e.Stream, Timestamp: e.Time, Message: e.Message,
			IngestionTime: g.streams[e.Stream].ingested, EventID: e.ID})
	}
	out := map[string]any{"events": events, "searchedLogStreams": []any{}}
	if hi < len(matched) {
		out["nextToken"] = strconv.Itoa(hi)
	}
	return out, nil
}

func (s *Server) getLogEvents(body []byte) (any, error) {
	var in struct {
		LogGroupName       *string
		LogGroupIdentifier *string
		LogStreamName      string
		StartTime          *int64
		EndTime            *int64
		StartFromHead      bool
		NextToken          *string
		Limit              int
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, err
	}
	g, err := s.readable(groupName(in.LogGroupName, in.LogGroupIdentifier), "GetLogEvents")
	if err != nil {
		return nil, err
	}
	st, ok := g.streams[in.LogStreamName]
	if !ok {
		return nil, &apiError{"ResourceNotFoundException", "The specified log stream does not exist."}
	}
	start, end := int64(0), int64(-1)
	if in.StartTime != nil {
		start = *in.StartTime
	}
	if in.EndTime != nil {
		end = *in.EndTime - 1 // GetLogEvents' end time is exclusive
	}
	matched := st.between(start, end)
	// Tokens are "f/N" (forward from N) and "b/N" (backward to N); without
	// one, startFromHead picks the oldest page, else the newest.
	pos := 0
	if !in.StartFromHead {
		pos = max(0, len(matched)-maxEvents)
	}
	if in.NextToken != nil && *in.NextToken != "" {
		t := *in.NextToken
		n, err := strconv.Atoi(t[min(2, len(t)):])
		if err != nil || (!strings.HasPrefix(t, "f/") && !strings.HasPrefix(t, "b/")) {
			return nil, &apiError{"InvalidParameterException", "The specified nextToken is invalid."}
		}
		pos = n
		if strings.HasPrefix(t, "b/") {
			limit := in.Limit
			if limit <= 0 || limit > maxEvents {
				limit = maxEvents
			}
			pos = max(0, n-limit)
		}
	}
	lo, hi, _ := page(len(matched), pos, in.Limit, maxEvents)
	type getEvent struct {
		Timestamp     int64  `json:"timestamp"`
		Message       string `json:"message"`
		IngestionTime int64  `json:"ingestionTime"`
	}
	events := make([]getEvent, 0, hi-lo)
	for _, e := range matched[lo:hi] {
		events = append(events, getEvent{e.Time, e.Message, st.ingested})
	}
	// As CloudWatch does, the forward token at the end repeats the one given.
	return map[string]any{"events": events, "nextForwardToken": fmt.Sprintf("f/%d", hi),
		"nextBackwardToken": fmt.Sprintf("b/%d", lo)}, nil
}
