package schema

import (
	"fmt"
	"strings"
)

// maxNameLen is the longest field name accepted (Glue column names stop at 255).
const maxNameLen = 255

// checkName reports whether name may name a field: an ASCII letter followed by
// letters, digits, hyphens or underscores. Such a name becomes a column that is
// a valid SQL identifier in Athena and DuckDB, and never collides with the
// underscore-prefixed provenance columns of the base table.
func checkName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("empty field name")
	case len(name) > maxNameLen:
		return fmt.Errorf("field name %.20q... longer than %d characters", name, maxNameLen)
	case !isLetter(name[0]):
		return fmt.Errorf("field name %q does not start with a letter", name)
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !isLetter(c) && !isDigit(c) && c != '-' && c != '_' {
			return fmt.Errorf("field name %q contains %q", name, rune(c))
		}
	}
	return nil
}

// plausibleHeaderName reports whether a token of a header line looks like a
// field name rather than a record value: lower case, starting with a letter,
// made of segments (separated by '-' or '_') that are either all letters or
// short numbers ("instance-tag-2"). IDs such as eni-1235b8ca123456789 or
// i-01234567890123456, IP addresses, "-", numbers and upper-case words such as
// ACCEPT are not plausible.
func plausibleHeaderName(tok string) bool {
	if checkName(tok) != nil || strings.ToLower(tok) != tok {
		return false
	}
	begin := 0
	for i := 0; i <= len(tok); i++ {
		if i < len(tok) && tok[i] != '-' && tok[i] != '_' {
			continue
		}
		// allOf is false for an empty segment: "a--b" and "a-" are rejected.
		seg := tok[begin:i]
		if !allOf(seg, isLetter) && !(allOf(seg, isDigit) && len(seg) <= 3) {
			return false
		}
		begin = i + 1
	}
	return true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func allOf(s string, pred func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		if !pred(s[i]) {
			return false
		}
	}
	return s != ""
}

// checkUnique reports the first field whose Column or Legacy alias repeats an
// earlier field's: two such fields could not both be columns. written holds
// the names as the input spelled them, for the message.
func checkUnique(fields []Field, written []string) error {
	columns := make(map[string]int, len(fields))
	legacies := make(map[string]int, len(fields))
	for i, f := range fields {
		if prev, dup := columns[f.Column]; dup {
			return fmt.Errorf("duplicate field %q: column %q already comes from %q", written[i], f.Column, written[prev])
		}
		if prev, dup := legacies[f.Legacy]; dup {
			return fmt.Errorf("duplicate field %q: legacy column %q already comes from %q", written[i], f.Legacy, written[prev])
		}
		columns[f.Column] = i
		legacies[f.Legacy] = i
	}
	return nil
}
