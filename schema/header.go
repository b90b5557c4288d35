package schema

import "strings"

// bom is the UTF-8 byte order mark some tools write at the start of a file.
const bom = "\uFEFF"

// ParseHeader parses the header line AWS writes at the top of each flow-log
// file delivered to S3: the field names separated by spaces, e.g.
// "version account-id interface-id srcaddr ...". Repeated spaces or tabs, a
// trailing \r and a leading UTF-8 BOM are tolerated. Names resolve like Lookup;
// a plausible name the catalog does not know (lower-case words joined by '-'
// such as "future-field") becomes a Known=false field.
//
// ok is false when the line is not a header: it is empty, holds a token that
// cannot be a field name (a number, an IP address, "-", an AWS ID such as
// eni-0a1b2c3d, an upper-case value such as ACCEPT), repeats a field, or names
// no catalog field at all.
func ParseHeader(line string) (fields []Field, ok bool) {
	line = strings.TrimPrefix(line, bom)
	known := false
	var written []string
	for _, tok := range strings.FieldsFunc(line, func(r rune) bool { return r < 0x80 && isSpace(byte(r)) }) {
		if !plausibleHeaderName(tok) {
			return nil, false
		}
		f := FieldFor(tok)
		known = known || f.Known
		fields = append(fields, f)
		written = append(written, tok)
	}
	if !known || checkUnique(fields, written) != nil {
		return nil, false
	}
	return fields, true
}
