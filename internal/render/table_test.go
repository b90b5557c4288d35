package render

import (
	"strings"
	"testing"

	"github.com/flowduck/flowduck/internal/dbtest"
)

// TestTableFitsWidth renders wide and unicode results at many widths and
// checks every line is exactly as wide as the table and no wider than the
// terminal, truncated cells ending in "…"; a table that leaves columns out
// says so in its footer.
func TestTableFitsWidth(t *testing.T) {
	db := dbtest.OpenPlain(t).Conn
	query := `
SELECT 1234 AS id, 'vpc-0a1b2c3d4e5f6a7b8 eni-0123456789abcdef0 203.0.113.7' AS message,
       '日本語のとても長いテキスト 😀🎉 emoji' AS note, 'x' AS s
UNION ALL SELECT 5, 'short', 'é', NULL`
	for _, width := range []int{10, 20, 30, 40, 41, 57, 80, 200} {
		out, _ := renderQuery(t, db, query, Options{Format: Table, Width: width})
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		first := displayWidth(lines[0])
		for _, line := range lines {
			if w := displayWidth(line); w != first {
				t.Errorf("width %d: line %q is %d columns, the border %d", width, line, w, first)
			}
		}
		// The narrowest possible table is one column of 3 and the "…" column.
		if first > max(width, 11) {
			t.Errorf("width %d: table is %d columns wide:\n%s", width, first, out)
		}
		elided := strings.Contains(lines[1], "│ … │")
		footer := strings.Contains(out, " of 4") || strings.Contains(out, "4 columns (")
		if elided != footer {
			t.Errorf("width %d: columns left out but no footer says so, or the reverse:\n%s", width, out)
		}
		if width >= 30 && width < 100 && !elided && first != width {
			t.Errorf("width %d: table is %d wide, want it to use the whole width:\n%s", width, first, out)
		}
		if width < 100 && !strings.Contains(out, ellipsis) {
			t.Errorf("width %d: nothing truncated:\n%s", width, out)
		}
		if width >= 100 && strings.Contains(out, ellipsis) {
			t.Errorf("width %d: truncated although everything fits:\n%s", width, out)
		}
	}
}

// TestTableNoWrap checks that values with newlines and tabs stay on one
// line of the grid.
func TestTableNoWrap(t *testing.T) {
	db := dbtest.OpenPlain(t).Conn
	out, _ := renderQuery(t, db, "SELECT 'a' || chr(10) || 'b' || chr(9) || 'c' AS v", Options{Format: Table})
	want := "┌─────────┐\n│ v       │\n├─────────┤\n│ a\\nb\\tc │\n└─────────┘\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}
