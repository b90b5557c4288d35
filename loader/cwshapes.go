package loader

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The shapes CloudWatch Logs users hold besides exports and subscription
// payloads, recognised by content like the others.
const (
	// KindCloudWatchConsole is a copy-paste from the CloudWatch console: a
	// line with only the event's time, the record on the next line, blank
	// lines in between or not.
	KindCloudWatchConsole Kind = "cloudwatch-console"
	// KindJSONMessages is JSON lines whose objects carry the record in
	// message (or @message, log, event.original), as log shippers write them,
	// with timestamp or @timestamp as the event time.
	KindJSONMessages Kind = "json-messages"
	// KindCloudWatchCSV is the CSV the CloudWatch console's "Export results"
	// writes: a header line naming @timestamp and @message, one quoted row a
	// record.
	KindCloudWatchCSV Kind = "cloudwatch-csv"
)

// messageKeys are the top-level keys of a JSON object that carry a flow-log
// record, in the order they are looked for; event.original is looked for too.
var messageKeys = []string{"message", "@message", "log"}

// jsonKind tells the JSON shape of a file from its head: CloudWatch Logs
// documents (logEvents, events) or objects that carry a record in a message
// field. The first document decides; when it is cut by the end of the head or
// damaged, the keys the head names do.
func jsonKind(head []byte) (Kind, bool) {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\ufeff")), " \t\r\n")
	var doc map[string]json.RawMessage
	if bytes.HasPrefix(trimmed, []byte("{")) && json.NewDecoder(bytes.NewReader(trimmed)).Decode(&doc) == nil {
		if _, ok := doc["logEvents"]; ok {
			return KindCloudWatchJSON, true
		}
		if _, ok := doc["events"]; ok {
			return KindCloudWatchJSON, true
		}
		for _, k := range messageKeys {
			if _, ok := doc[k]; ok {
				return KindJSONMessages, true
			}
		}
		var event struct {
			Original *json.RawMessage `json:"original"`
		}
		if raw, ok := doc["event"]; ok && json.Unmarshal(raw, &event) == nil && event.Original != nil {
			return KindJSONMessages, true
		}
		return "", false
	}
	if bytes.Contains(head, []byte(`"logEvents"`)) || bytes.Contains(head, []byte(`"events"`)) {
		return KindCloudWatchJSON, true
	}
	if bytes.HasPrefix(trimmed, []byte("{")) {
		for _, k := range append(messageKeys, "original") {
			if bytes.Contains(head, []byte(`"`+k+`"`)) {
				return KindJSONMessages, true
			}
		}
	}
	return "", false
}

// isTimeLine reports whether a line holds only an ISO-8601 time, as the
// CloudWatch console puts above each event when it is copied.
func isTimeLine(line string) bool {
	s := classifyLine(line)
	return s.iso && s.tokens == 0
}

// consoleShape reports whether the first non-blank lines of a file are a
// CloudWatch console copy-paste: the first is a time line, and most of the
// other lines that are not time lines are records of want fields (want 0:
// any count).
func consoleShape(lines []string, want int) bool {
	if len(lines) < 2 || !isTimeLine(lines[0]) {
		return false
	}
	var records, good int
	for _, l := range lines[1:] {
		if isTimeLine(l) {
			continue
		}
		records++
		if s := classifyLine(l); !s.header && !s.iso && (want == 0 || s.tokens == want) {
			good++
		}
	}
	return 2*good > records
}

// csvExportColumns recognises the header line of a CloudWatch console CSV
// export (@timestamp,@message, and any other columns) and returns its column
// names.
func csvExportColumns(line string) ([]string, bool) {
	if !strings.Contains(line, ",") {
		return nil, false
	}
	cols, err := csv.NewReader(strings.NewReader(line)).Read()
	if err != nil || columnIndex(cols, "@message", "message") < 0 {
		return nil, false
	}
	return cols, true
}

// columnIndex is the index of the first column named one of names (case
// and surrounding spaces aside), or -1.
func columnIndex(cols []string, names ...string) int {
	for _, n := range names {
		for i, c := range cols {
			if strings.EqualFold(strings.TrimSpace(c), n) {
				return i
			}
		}
	}
	return -1
}

// recordsFit reports whether the records a file's head carries (in JSON
// message fields or a CSV column) are flow-log records of want fields (want
// 0: any count), as recordShape decides for plain lines: the first fits, or
// most do.
func recordsFit(records []string, want int) bool {
	_, ok := recordShape(records, want)
	return ok
}

// recordNoun names the records a file was expected to hold.
func recordNoun(want int) string {
	if want == 0 {
		return "records of the --format fields"
	}
	return fmt.Sprintf("default-format records (%d fields)", want)
}

// jsonMessages returns the records the first JSON lines of head carry (""
// for a line that is not an object with one), leaving out a last line cut by
// the end of head.
func jsonMessages(head []byte, complete bool) []string {
	var out []string
	for _, l := range headLines(head, sniffLines, complete) {
		var doc map[string]json.RawMessage
		msg := ""
		if json.Unmarshal([]byte(l), &doc) == nil {
			msg = jsonMessage(doc)
		}
		out = append(out, msg)
	}
	return out
}

// jsonMessage is the record a JSON object carries, or "".
func jsonMessage(doc map[string]json.RawMessage) string {
	var msg string
	for _, k := range messageKeys {
		if raw, ok := doc[k]; ok && json.Unmarshal(raw, &msg) == nil {
			return msg
		}
	}
	var event struct {
		Original string `json:"original"`
	}
	if raw, ok := doc["event"]; ok && json.Unmarshal(raw, &event) == nil {
		return event.Original
	}
	return ""
}

// csvMessages returns the message column of the first rows of a CSV export
// ("" for a row that is not one), leaving out a last line cut by the end of
// head.
func csvMessages(head []byte, complete bool, cols []string) []string {
	if !complete {
		if i := bytes.LastIndexByte(head, '\n'); i >= 0 {
			head = head[:i+1]
		}
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(head, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	i := columnIndex(cols, "@message", "message")
	var out []string
	for n := 0; n <= sniffLines; n++ {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if n == 0 {
			continue // the header
		}
		msg := ""
		if err == nil && i < len(row) {
			msg = row[i]
		}
		out = append(out, msg)
	}
	return out
}
