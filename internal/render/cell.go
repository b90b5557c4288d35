package render

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/mattn/go-runewidth"
)

// widths measures text in terminal columns. It is fixed (not taken from the
// locale) so output is the same everywhere: East Asian ambiguous characters
// are narrow, CJK and emoji wide.
var widths = &runewidth.Condition{EastAsianWidth: false, StrictEmojiNeutral: true}

// displayWidth is the number of terminal columns s occupies.
func displayWidth(s string) int {
	return widths.StringWidth(s)
}

// ellipsis marks a truncated cell.
const ellipsis = "…"

// fit cuts s to at most w columns, ending it with an ellipsis when cut, and
// pads it with spaces to exactly w columns, on the left when right is set.
func fit(s string, w int, right bool) string {
	sw := displayWidth(s)
	if sw > w {
		s = widths.Truncate(s, w, ellipsis)
		sw = displayWidth(s)
	}
	pad := strings.Repeat(" ", max(w-sw, 0))
	if right {
		return pad + s
	}
	return s + pad
}

// escapeControls makes text safe to show in one grid cell: newline, carriage
// return and tab become \n, \r and \t, other control characters \xHH or
// \uHHHH, so a value can neither break the grid nor drive the terminal.
func escapeControls(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var sb strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			sb.WriteString(`\n`)
		case r == '\r':
			sb.WriteString(`\r`)
		case r == '\t':
			sb.WriteString(`\t`)
		case r < 0x80 && unicode.IsControl(r):
			fmt.Fprintf(&sb, `\x%02x`, r)
		case unicode.IsControl(r):
			fmt.Fprintf(&sb, `\u%04x`, r)
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}
