package loader

import (
	"strings"

	"github.com/flowduck/flowduck/schema"
)

// lineShape is what one line of text looks like to the sniffer.
type lineShape struct {
	blank  bool
	header bool           // a header line: field names
	fields []schema.Field // the header's fields
	iso    bool           // starts with an ISO-8601 time (CloudWatch export)
	tokens int            // whitespace-separated fields, the time excluded
}

// classifyLine tells what a line is: blank, a header, or a record with some
// number of fields (after the CloudWatch export's time, if any).
func classifyLine(line string) lineShape {
	trimmed := strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))
	if trimmed == "" {
		return lineShape{blank: true}
	}
	if fields, ok := schema.ParseHeader(trimmed); ok {
		return lineShape{header: true, fields: fields, tokens: len(fields)}
	}
	tokens := strings.Fields(trimmed)
	s := lineShape{tokens: len(tokens)}
	if len(tokens) > 0 && isISOTime(tokens[0]) {
		s.iso, s.tokens = true, len(tokens)-1
	}
	return s
}

// sniffLines is how many non-blank lines of a headerless file are looked at:
// one damaged first line must not hide a file of good records.
const sniffLines = 20

// headLines returns the first non-blank lines of head (at most n), leaving
// out a last line cut by the end of head.
func headLines(head []byte, n int, complete bool) []string {
	s := string(head)
	var lines []string
	for len(lines) < n && s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			if complete {
				lines = appendNonBlank(lines, s)
			}
			break
		}
		lines = appendNonBlank(lines, strings.TrimRight(s[:i], "\r"))
		s = s[i+1:]
	}
	return lines
}

func appendNonBlank(lines []string, l string) []string {
	if strings.TrimSpace(l) == "" {
		return lines
	}
	return append(lines, l)
}

// recordShape decides the shape of headerless records from the first lines:
// whether they carry a CloudWatch export time, and whether they have want
// fields (want 0: any count). The first line decides when it fits; otherwise
// the file is still records when most of the lines looked at fit (the first
// line is damaged and will be a reject).
// "Most" is more than half of all the lines looked at, the first included.
func recordShape(lines []string, want int) (iso, ok bool) {
	if len(lines) == 0 {
		return false, false
	}
	fits := func(s lineShape) bool { return !s.header && (want == 0 || s.tokens == want) }
	first := classifyLine(lines[0])
	if fits(first) {
		return first.iso, true
	}
	var good, isoCount int
	for _, l := range lines[1:] {
		s := classifyLine(l)
		if fits(s) {
			good++
			if s.iso {
				isoCount++
			}
		}
	}
	if 2*good <= len(lines) {
		return false, false
	}
	return 2*isoCount > good, true
}
