package schema

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzParse feeds the same input to ParseHeader and ParseFormat. Neither may
// panic; whatever they accept must have unique, valid column names and must
// survive a round trip through Format (and, for headers, through a header
// line of the field names).
func FuzzParse(f *testing.F) {
	for _, file := range []string{"default-format.log", "nat-gateway-partial.log", "v3-tcp-flags.log", "v5-custom-order.log"} {
		lines := readLines(f, filepath.Join("testdata", "samples", file))
		f.Add(lines[0])
		f.Add(lines[1])
	}
	for _, seed := range []string{
		"", " ", "\uFEFFversion srcaddr\r", "version future-field", "srcaddr sourceaddress",
		Format(DefaultFormat()), Format(Catalog), "${version}\t${future-field}  ${FOO_bar}",
		"${}", "${srcaddr", "${a}${b}", "${srcaddr} ${sourceaddress}", "${foo-bar} ${foo_bar}",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if fields, ok := ParseHeader(s); ok {
			checkParsed(t, "ParseHeader", s, fields)
			line := strings.Join(names(fields), " ")
			back, ok := ParseHeader(line)
			if !ok {
				t.Fatalf("ParseHeader(%q) rejects the names of ParseHeader(%q)", line, s)
			}
			if diff := cmp.Diff(fields, back); diff != "" {
				t.Fatalf("header round trip of %q (-first +second):\n%s", s, diff)
			}
		}
		fields, err := ParseFormat(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidFormat) {
				t.Fatalf("ParseFormat(%q) error %v does not wrap ErrInvalidFormat", s, err)
			}
			return
		}
		checkParsed(t, "ParseFormat", s, fields)
	})
}

func checkParsed(t *testing.T, parser, input string, fields []Field) {
	t.Helper()
	if len(fields) == 0 {
		t.Fatalf("%s(%q) accepted no fields", parser, input)
	}
	columns, legacies := map[string]bool{}, map[string]bool{}
	for _, f := range fields {
		if err := checkName(f.Column); err != nil || f.Column != strings.ToLower(f.Column) {
			t.Fatalf("%s(%q): bad column %q (%v)", parser, input, f.Column, err)
		}
		if f.Legacy == "" || columns[f.Column] || legacies[f.Legacy] {
			t.Fatalf("%s(%q): empty or repeated column %q / legacy %q", parser, input, f.Column, f.Legacy)
		}
		columns[f.Column], legacies[f.Legacy] = true, true
	}
	back, err := ParseFormat(Format(fields))
	if err != nil {
		t.Fatalf("%s(%q): ParseFormat(Format(fields)): %v", parser, input, err)
	}
	if diff := cmp.Diff(fields, back); diff != "" {
		t.Fatalf("%s(%q): format round trip (-first +second):\n%s", parser, input, diff)
	}
}
