package cwlogs

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
)

// eventFile writes the events of one stream as `aws logs filter-log-events`
// prints them, one {"events":[…]} document a line per page: the shape the
// loader reads with read_json (KindCloudWatchJSON).
type eventFile struct {
	path string
	f    *os.File
	w    *bufio.Writer
	buf  []byte
	err  error
}

func createEventFile(path string) (*eventFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("event file: %w", err)
	}
	return &eventFile{path: path, f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

// page writes the kept events of one FilterLogEvents page as one document.
func (e *eventFile) page(events []types.FilteredLogEvent, keep func(types.FilteredLogEvent) bool) (n int64, bytes int64) {
	b := e.buf[:0]
	b = append(b, `{"events":[`...)
	for _, ev := range events {
		if !keep(ev) {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		msg := aws.ToString(ev.Message)
		b = append(b, `{"timestamp":`...)
		b = strconv.AppendInt(b, aws.ToInt64(ev.Timestamp), 10)
		b = append(b, `,"message":`...)
		b = appendJSONString(b, msg)
		b = append(b, '}')
		n++
		bytes += int64(len(msg))
	}
	b = append(b, "]}\n"...)
	e.buf = b
	if n > 0 && e.err == nil {
		_, e.err = e.w.Write(b)
	}
	return n, bytes
}

// close flushes and closes the file.
func (e *eventFile) close() error {
	err := e.err
	if ferr := e.w.Flush(); err == nil {
		err = ferr
	}
	if cerr := e.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("event file %s: %w", e.path, err)
	}
	return nil
}

// appendJSONString appends s as a JSON string: plain ASCII (what flow-log
// records are) as it is, anything else through encoding/json.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
