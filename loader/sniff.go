package loader

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/flowduck/flowduck/schema"
)

// Kind is how a file's records are stored.
type Kind string

// The kinds of input the loader recognises by content.
const (
	KindText           Kind = "text"              // space-separated records, with or without a header line
	KindCloudWatchText Kind = "cloudwatch-export" // CloudWatch Logs export: "<ISO-8601 time> <record>" per line
	KindCloudWatchJSON Kind = "cloudwatch-json"   // subscription payload (logEvents) or filter-log-events output (events)
	KindParquet        Kind = "parquet"           // VPC Flow Logs Parquet delivery
)

// sniffLimit bounds how much of a file is read (and decompressed) to
// recognise it: enough for any header line and for the start of a CloudWatch
// JSON document.
const sniffLimit = 64 << 10

// Sniffed is what the first line of a file says about it.
type Sniffed struct {
	Kind      Kind
	Gzip      bool
	HasHeader bool
	Fields    []schema.Field // the columns of each record, in file order (text kinds)
	Header    string         // the header line, normalised (single spaces), if any
	Columns   []string       // the header's columns of a CloudWatch console CSV export
	// Records estimates the records in the file for the progress line (0:
	// unknown); the loaded count comes from the database.
	Records int64
	// sampled counts the records of the head (whole lines, text kinds),
	// notOK those of them whose log status is not OK (statusSample).
	sampled, notOK int
}

// Format is a short description for the manifest, e.g. "text+gzip v5".
func (s Sniffed) Format() string {
	f := string(s.Kind)
	if s.Gzip {
		f += "+gzip"
	}
	if len(s.Fields) > 0 {
		f += fmt.Sprintf(" v%d", schema.MaxVersion(s.Fields))
	}
	return f
}

// errNotFlowLog means a file's content is not recognisable as flow logs.
var errNotFlowLog = errors.New("not a flow-log file")

// sniff recognises a file by content. format gives the fields of headerless
// records (--format); nil means the default v2 format when the field count is 14.
func sniff(path string, format []schema.Field) (Sniffed, error) {
	f, err := os.Open(path)
	if err != nil {
		return Sniffed{}, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	magic, _ := br.Peek(4)
	var s Sniffed
	var r io.Reader = br
	switch {
	case bytes.HasPrefix(magic, []byte("PAR1")):
		return Sniffed{Kind: KindParquet}, nil
	case bytes.HasPrefix(magic, []byte{0x1f, 0x8b}):
		zr, err := gzip.NewReader(br)
		if err != nil {
			return Sniffed{}, fmt.Errorf("gzip: %w", err)
		}
		defer zr.Close()
		s.Gzip = true
		r = zr
	}
	head, err := readHead(r)
	if err != nil {
		return Sniffed{}, err
	}
	if err := sniffHead(&s, head, len(head) < sniffLimit, format); err != nil {
		return Sniffed{}, err
	}
	switch s.Kind {
	case KindText:
		s.sampled, s.notOK = statusSample(head, len(head) < sniffLimit, s, 0)
	case KindCloudWatchText:
		s.sampled, s.notOK = statusSample(head, len(head) < sniffLimit, s, 1)
	}
	if s.Kind != KindCloudWatchJSON {
		if info, err := f.Stat(); err == nil {
			s.Records = estimateRecords(path, info.Size(), s.Gzip, head)
		}
	}
	return s, nil
}

// sniffHead recognises the (decompressed) head of a file, whole when
// complete: CloudWatch JSON, a header line, or headerless records (see
// recordShape). It fills in s.
func sniffHead(s *Sniffed, head []byte, complete bool, format []schema.Field) error {
	first, rest := firstLine(head)
	trimmed := strings.TrimSpace(strings.TrimPrefix(first, "\ufeff"))
	want := len(schema.DefaultFormat())
	if format != nil {
		want = 0 // --format says what the fields are, whatever their count
	}
	switch {
	case trimmed == "" && strings.TrimSpace(rest) == "":
		return fmt.Errorf("%w: the file is empty", errNotFlowLog)
	case strings.HasPrefix(trimmed, "{") || strings.HasPrefix(trimmed, "["):
		kind, ok := jsonKind(head)
		if !ok {
			return fmt.Errorf("%w: JSON without logEvents or events, nor a record in message, @message, log or event.original", errNotFlowLog)
		}
		if kind == KindJSONMessages && !recordsFit(jsonMessages(head, complete), want) {
			return fmt.Errorf("%w: JSON lines whose messages are not %s; pass --format '${version} ${account-id} ...' for custom formats", errNotFlowLog, recordNoun(want))
		}
		s.Kind = kind
		s.Fields = format
		if s.Fields == nil {
			s.Fields = schema.DefaultFormat()
		}
		return nil
	}
	if cols, ok := csvExportColumns(trimmed); ok {
		if !recordsFit(csvMessages(head, complete, cols), want) {
			return fmt.Errorf("%w: CSV whose message column does not hold %s; pass --format '${version} ${account-id} ...' for custom formats", errNotFlowLog, recordNoun(want))
		}
		s.Kind, s.Columns, s.Fields = KindCloudWatchCSV, cols, format
		if s.Fields == nil {
			s.Fields = schema.DefaultFormat()
		}
		return nil
	}
	if shape := classifyLine(trimmed); shape.header {
		s.Kind, s.HasHeader, s.Fields = KindText, true, shape.fields
		s.Header = strings.Join(strings.Fields(trimmed), " ")
		return nil
	}
	lines := headLines(head, sniffLines, complete)
	iso, ok := recordShape(lines, want)
	console := consoleShape(lines, want)
	if !ok && !console {
		return fmt.Errorf("%w: %s, nor are most of the lines after it; pass --format '${version} ${account-id} ...' for headerless custom formats", errNotFlowLog, unrecognised(trimmed, want))
	}
	s.Kind, s.Fields = KindText, format
	switch {
	case console:
		s.Kind = KindCloudWatchConsole
	case iso:
		s.Kind = KindCloudWatchText
	}
	if s.Fields == nil {
		s.Fields = schema.DefaultFormat()
	}
	return nil
}

// unrecognised says what the first line of a file is not: a header or a
// record of want fields (the default format when want is 0), alone, after a
// CloudWatch export's time, or under a time line as the console copies it.
func unrecognised(line string, want int) string {
	n := len(strings.Fields(line))
	plural := "s"
	if n == 1 {
		plural = ""
	}
	record := fmt.Sprintf("a default-format record (%d fields", len(schema.DefaultFormat()))
	if want == 0 {
		record = "a record (the --format fields"
	}
	return fmt.Sprintf("line 1 (%d field%s) is neither a header nor %s, alone, after a CloudWatch export time, or on the line after a console time line)", n, plural, record)
}

// readHead reads up to sniffLimit bytes, enough for the first line.
func readHead(r io.Reader) ([]byte, error) {
	head := make([]byte, sniffLimit)
	n, err := io.ReadFull(r, head)
	// Bytes after the gzip stream (padding, garbage) are dealt with by the
	// load; the head before them is what counts here.
	if errors.Is(err, gzip.ErrHeader) && n > 0 {
		err = nil
	}
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read: %w", err)
	}
	return head[:n], nil
}

// firstLine splits off the first non-blank line.
func firstLine(b []byte) (string, string) {
	s := string(b)
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			return s, ""
		}
		if strings.TrimSpace(s[:i]) != "" {
			return strings.TrimRight(s[:i], "\r"), s[i+1:]
		}
		s = s[i+1:]
	}
}

// isISOTime recognises CloudWatch export timestamps such as
// 2021-03-03T12:00:00.000Z.
func isISOTime(tok string) bool {
	return len(tok) >= 20 && tok[4] == '-' && tok[7] == '-' && tok[10] == 'T' && tok[13] == ':' &&
		(strings.HasSuffix(tok, "Z") || strings.ContainsAny(tok[19:], "+-"))
}
