package cwlogs

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
)

// eventFile writes the events of one stream as a CloudWatch Logs export to
// S3 holds them: one "<time> <message>" line an event, the time in RFC 3339
// with milliseconds. The loader reads that shape with read_csv like any
// flow-log text (KindCloudWatchText), taking the time as the record's event
// time. A message never spans lines: line breaks inside one (flow-log
// records have none) are written as spaces.
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

// page writes the kept events of one FilterLogEvents page.
func (e *eventFile) page(events []types.FilteredLogEvent, keep func(types.FilteredLogEvent) bool) (n int64, bytes int64) {
	b := e.buf[:0]
	for _, ev := range events {
		if !keep(ev) {
			continue
		}
		msg := aws.ToString(ev.Message)
		b = time.UnixMilli(aws.ToInt64(ev.Timestamp)).UTC().AppendFormat(b, isoLayout)
		b = append(b, ' ')
		b = appendLine(b, msg)
		b = append(b, '\n')
		n++
		bytes += int64(len(msg))
	}
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

// appendLine appends a message without its trailing line break and with
// any other line break as a space.
func appendLine(b []byte, msg string) []byte {
	msg = strings.TrimRight(msg, "\r\n")
	if !strings.ContainsAny(msg, "\r\n") {
		return append(b, msg...)
	}
	return append(b, strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(msg)...)
}
