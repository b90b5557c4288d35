package queries

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/flowduck/flowduck/internal/sqlscript"
	"github.com/flowduck/flowduck/schema"
)

// A report file opens with a header of "-- key: value" comment lines:
//
//	-- name: port-scan
//	-- description: One source probing many destination ports on one host
//	-- param: min_ports int 100 "distinct destination ports that make a scan"
//	-- param: a ip - "one end of the conversation (required)"
//	-- param: by enum(bytes|packets|flows) bytes "what to rank by"
//	-- requires: tcp-flags, pkt-srcaddr
//	-- detection: severity=medium mitre=T1046
//
// A param line gives the name, the type, the default ("-" for a required
// parameter; double quotes around a default with spaces) and a quoted
// description. Other comment lines in the header are free text. The header
// ends at the first line that is not a comment; the rest is one SQL
// statement that reads parameter NAME as $NAME, and may read the filter's
// time range as $since and $until without declaring them (see rangeParams).
// A detection line makes the report a detection (see Detection).

// headerKeys are the keys a header line may carry.
var headerKeys = []string{"name", "description", "param", "requires", "detection"}

// namePattern is what a report name must look like.
var namePattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// paramPattern is what a parameter name must look like.
var paramPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// HeaderError is a malformed report file.
type HeaderError struct {
	Origin string // BuiltIn or the file's path
	Line   int    // 1-based line of the header, 0 for the whole file
	Reason string
}

// Error implements error.
func (e *HeaderError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("report %s:%d: %s", e.Origin, e.Line, e.Reason)
	}
	return fmt.Sprintf("report %s: %s", e.Origin, e.Reason)
}

// Parse reads a report file. origin is BuiltIn or the path, for messages;
// fallbackName names a report whose header has no name line.
func Parse(text, origin, fallbackName string) (Report, error) {
	r, body, err := parseHeader(text, origin, fallbackName, "--")
	if err != nil {
		return Report{}, err
	}
	fail := func(line int, format string, args ...any) (Report, error) {
		return Report{}, &HeaderError{Origin: origin, Line: line, Reason: fmt.Sprintf(format, args...)}
	}
	if strings.TrimSpace(codeOnly(body)) == "" {
		return fail(0, "no SQL statement after the header")
	}
	stmts := sqlscript.Split(body)
	if len(stmts) != 1 {
		return fail(0, "want one SQL statement after the header, found %d", len(stmts))
	}
	r.statement = stmts[0]
	for _, name := range placeholders(body) {
		if _, ok := r.Param(name); !ok && !isRangeParam(name) {
			return fail(0, "the SQL reads $%s but the header declares no parameter %s", name, name)
		}
	}
	return r, nil
}

// parseHeader reads the header of a report file whose comment lines start
// with comment ("--" in SQL, "#" in Logs Insights) and returns the report
// it describes and the text after the header.
func parseHeader(text, origin, fallbackName, comment string) (Report, string, error) {
	r := Report{SQL: text, Origin: origin}
	fail := func(line int, format string, args ...any) (Report, string, error) {
		return Report{}, "", &HeaderError{Origin: origin, Line: line, Reason: fmt.Sprintf(format, args...)}
	}
	lines := strings.Split(text, "\n")
	body := ""
	for i, raw := range lines {
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		if !strings.HasPrefix(line, comment) {
			body = strings.Join(lines[i:], "\n")
			break
		}
		key, value, ok := headerLine(strings.TrimPrefix(line, comment))
		if !ok {
			continue
		}
		switch key {
		case "name":
			if r.Name != "" {
				return fail(i+1, "second name line")
			}
			r.Name = value
		case "description":
			r.Description = value
		case "param":
			if comment != "--" {
				return fail(i+1, "a Logs Insights report takes no parameters: the filters (--since, --eni, ...) narrow it")
			}
			p, err := parseParam(value)
			if err != nil {
				return fail(i+1, "%v", err)
			}
			if _, dup := r.Param(p.Name); dup {
				return fail(i+1, "parameter %s declared twice", p.Name)
			}
			r.params = append(r.params, p)
		case "requires":
			for _, name := range strings.FieldsFunc(value, func(c rune) bool { return c == ',' || c == ' ' }) {
				f, ok := schema.Lookup(name)
				if !ok {
					return fail(i+1, "requires unknown field %q (see flowduck schema)", name)
				}
				r.Requires = append(r.Requires, f)
			}
		case "detection":
			if r.IsDetection() {
				return fail(i+1, "second detection line")
			}
			if comment != "--" {
				return fail(i+1, "a Logs Insights report cannot be a detection")
			}
			d, err := parseDetection(value)
			if err != nil {
				return fail(i+1, "%v", err)
			}
			r.Detection = d
		}
	}
	if r.Name == "" {
		r.Name = fallbackName
	}
	if !namePattern.MatchString(r.Name) {
		return fail(0, "name %q: use lower-case words joined by hyphens, e.g. my-report", r.Name)
	}
	return r, body, nil
}

// headerLine splits "key: value" (a header line without its comment
// marker) for a known key.
func headerLine(line string) (key, value string, ok bool) {
	rest := strings.TrimSpace(line)
	for _, k := range headerKeys {
		if after, found := strings.CutPrefix(rest, k+":"); found {
			return k, strings.TrimSpace(after), true
		}
	}
	return "", "", false
}

// parseParam reads `NAME TYPE DEFAULT "DESCRIPTION"`.
func parseParam(spec string) (Param, error) {
	tok, err := splitQuoted(spec)
	if err != nil {
		return Param{}, fmt.Errorf("param %q: %w", spec, err)
	}
	if len(tok) != 4 {
		return Param{}, fmt.Errorf(`param %q: want NAME TYPE DEFAULT "DESCRIPTION" (DEFAULT - when required)`, spec)
	}
	p := Param{Name: tok[0], Doc: tok[3]}
	if !paramPattern.MatchString(p.Name) {
		return Param{}, fmt.Errorf("param name %q: use lower-case letters, digits and _", p.Name)
	}
	typ := tok[1]
	if inner, ok := strings.CutPrefix(typ, "enum("); ok && strings.HasSuffix(inner, ")") {
		p.Type, p.Choices = Enum, strings.Split(strings.TrimSuffix(inner, ")"), "|")
	} else {
		p.Type = Type(typ)
	}
	known := false
	for _, t := range Types {
		known = known || t.Type == p.Type
	}
	if !known || p.Type == Enum && len(p.Choices) == 0 {
		return Param{}, fmt.Errorf("param %s: unknown type %q (int, size, duration, ip, cidr, string, enum(a|b))", p.Name, typ)
	}
	if tok[2] == "-" {
		p.Required = true
		return p, nil
	}
	p.Default = tok[2]
	if _, err := p.Parse(p.Default); err != nil {
		return Param{}, fmt.Errorf("param %s: default: %w", p.Name, err)
	}
	return p, nil
}

// splitQuoted splits on spaces, keeping double-quoted runs together.
func splitQuoted(s string) ([]string, error) {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return nil, fmt.Errorf("unterminated quote")
			}
			out = append(out, s[1:end+1])
			s = s[end+2:]
			continue
		}
		end := strings.IndexAny(s, " \t")
		if end < 0 {
			end = len(s)
		}
		out = append(out, s[:end])
		s = s[end:]
	}
	return out, nil
}
