package schema

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalidFormat is wrapped by every error of ParseFormat.
var ErrInvalidFormat = errors.New("invalid flow-log format")

// ParseFormat parses an AWS flow-log format string such as
// "${version} ${srcaddr} ${dstaddr}" into its fields, in order. Tokens are
// separated by spaces, tabs or line breaks (any number). Names are matched like Lookup
// (case-insensitive; Athena columns and legacy aliases are accepted); a name
// that is not in the catalog becomes a Known=false field. It is an error to
// give an empty format, text outside ${...}, an empty ${}, a name that is not
// an identifier (letter first, then letters, digits, '-' or '_'), or the same
// field twice.
func ParseFormat(format string) ([]Field, error) {
	fields, err := parseFormat(format)
	if err != nil {
		return nil, fmt.Errorf("%w %q: %w", ErrInvalidFormat, clip(format), err)
	}
	return fields, nil
}

func parseFormat(format string) ([]Field, error) {
	var fields []Field
	var written []string
	for i := 0; ; {
		for i < len(format) && isSpace(format[i]) {
			i++
		}
		if i == len(format) {
			break
		}
		if !strings.HasPrefix(format[i:], "${") {
			return nil, fmt.Errorf("unexpected text %q at offset %d; want ${field} tokens separated by spaces", clip(format[i:]), i)
		}
		end := strings.IndexByte(format[i:], '}')
		if end < 0 {
			return nil, fmt.Errorf("unclosed %q at offset %d", clip(format[i:]), i)
		}
		name := format[i+2 : i+end]
		if name == "" {
			return nil, fmt.Errorf("empty ${} at offset %d", i)
		}
		if err := checkName(name); err != nil {
			return nil, fmt.Errorf("at offset %d: %w", i, err)
		}
		i += end + 1
		if i < len(format) && !isSpace(format[i]) {
			return nil, fmt.Errorf("unexpected text %q at offset %d; want a space after ${%s}", clip(format[i:]), i, name)
		}
		fields = append(fields, FieldFor(name))
		written = append(written, name)
	}
	if len(fields) == 0 {
		return nil, errors.New("no fields")
	}
	if err := checkUnique(fields, written); err != nil {
		return nil, err
	}
	return fields, nil
}

// Format writes fields as an AWS format string, "${version} ${srcaddr} ...";
// ParseFormat of the result gives the same fields.
func Format(fields []Field) string {
	var b strings.Builder
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("${" + f.Name + "}")
	}
	return b.String()
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// clip shortens s for an error message.
func clip(s string) string {
	const n = 40
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
