package repl

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"github.com/flowduck/flowduck/schema"
)

// wideSetup makes vpc_flow_logs a table of every field of the catalog
// (three rows, every fourth column all NULL), as wide as a vpc_flow_logs of
// the newest formats; it returns the SQL, the number of columns and the
// last one with values.
func wideSetup() (sql string, columns int, last string) {
	var cols []string
	for i, f := range schema.Catalog {
		value := fmt.Sprintf("'%s-' || i || '-%s'", f.Column, strings.Repeat("x", i%7))
		switch {
		case i%4 == 3:
			value = "NULL::" + f.DuckType
		case f.DuckType != schema.DuckVarchar:
			value = fmt.Sprintf("(i * %d)::%s", 1000+i, f.DuckType)
		}
		if i%4 != 3 {
			last = f.Column
		}
		cols = append(cols, value+" AS "+`"`+f.Column+`"`)
	}
	return `CREATE OR REPLACE TABLE "default".wide AS SELECT ` + strings.Join(cols, ", ") + ` FROM range(1, 4) t(i);
CREATE VIEW vpc_flow_logs AS SELECT * FROM "default".wide`, len(cols), last
}

// TestTerminalWideResultFits runs the wide SELECT in a 100-column terminal:
// no line of what the shell prints is wider than 100 cells, and the footer
// says how many columns are shown and how to see them all.
func TestTerminalWideResultFits(t *testing.T) {
	const cols = 100
	setup, n, last := wideSetup()
	tm := startTerminalSized(t, cols, filepath.Join(t.TempDir(), "history"), setupEnv+"="+setup)
	tm.expect(promptFirst)
	start := tm.seen
	tm.send("SELECT * FROM vpc_flow_logs LIMIT 3;" + keyEnter)
	tm.expect(".mode line shows all")
	tm.expect(promptFirst)
	out := tm.screen.String()[start:tm.seen]

	footer := regexp.MustCompile(fmt.Sprintf(`3 rows · %d columns \((\d+) shown, %d all-NULL hidden\)`, n, n/4))
	m := footer.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no footer matching %s; screen:\n%s", footer, out)
	}
	cells := &runewidth.Condition{EastAsianWidth: false}
	for line := range strings.Lines(out) {
		line = strings.TrimSuffix(line, "\n")
		if w := cells.StringWidth(line); w > cols {
			t.Errorf("a line %d cells wide in a %d-column terminal: %q", w, cols, line)
		}
	}
	for _, want := range []string{"│ version │ account_id ", "│ … │", "│ " + last + " "} {
		if !strings.Contains(out, want) {
			t.Errorf("screen lacks %q (first and last columns whole, the middle elided):\n%s", want, out)
		}
	}
}
