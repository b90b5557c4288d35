package insights

import (
	"errors"
	"strings"
	"testing"
)

// FuzzTranslate feeds arbitrary text to the parser and the compiler: they
// must never panic, an error must be a *SyntaxError (pointing inside the
// query) or an *UnsupportedError, and a query that translates gives SQL.
// The seed corpus is in testdata/fuzz/FuzzTranslate.
func FuzzTranslate(f *testing.F) {
	for _, q := range sampleQueries {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, query string) {
		c, err := Translate(query, v2Source())
		if err != nil {
			var se *SyntaxError
			var ue *UnsupportedError
			switch {
			case errors.As(err, &se):
				if se.Line < 1 || se.Column < 1 || se.Line > strings.Count(query, "\n")+1 {
					t.Fatalf("error %v points outside the query %q", err, query)
				}
				_ = se.Caret()
			case errors.As(err, &ue):
			default:
				t.Fatalf("Translate(%q): error of type %T: %v", query, err, err)
			}
			return
		}
		if !strings.HasPrefix(c.SQL, "WITH ") && !strings.HasPrefix(c.SQL, "SELECT ") || len(c.Columns) == 0 {
			t.Fatalf("Translate(%q) gave SQL %q, columns %q", query, c.SQL, c.Columns)
		}
	})
}
