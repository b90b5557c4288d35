package insights

import "fmt"

// SyntaxError is a query that does not parse, or that names something the
// compiler cannot translate. Line and Column (1-based, in runes) point at
// the offending token.
type SyntaxError struct {
	Line, Column int
	Msg          string
	Text         string // the query's line the error is on, for the caret
}

// Error returns "line L, column C: msg".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// Caret returns the query's line and, under it, a caret at the column, each
// indented by two spaces and ending in a newline.
func (e *SyntaxError) Caret() string {
	col := []rune(e.Text)
	pad := make([]rune, 0, e.Column)
	for i := 0; i < e.Column-1 && i < len(col); i++ {
		if col[i] == '\t' {
			pad = append(pad, '\t')
		} else {
			pad = append(pad, ' ')
		}
	}
	return "  " + e.Text + "\n  " + string(pad) + "^\n"
}

// UnsupportedError is a Logs Insights construct flowduck does not translate
// (pattern, anomaly, diff, unmask, lookup, SOURCE). Its message names the
// construct and says what to do instead.
type UnsupportedError struct {
	Construct string
	Hint      string
	Line      int
	Column    int
}

// Error returns "line L, column C: NAME is not supported here: hint".
func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s is not supported by flowduck: %s", e.Line, e.Column, e.Construct, e.Hint)
}

// unsupported lists the constructs of the language that have no
// translation, each with what to do instead.
var unsupported = map[string]string{
	"pattern":     "it clusters messages with CloudWatch's machine learning; group flow records with `stats count(*) by` the fields that matter (srcAddr, dstPort, action)",
	"anomaly":     "it needs CloudWatch's anomaly models; compare periods with `stats ... by bin(1h)` or run `flowduck detect`",
	"diff":        "it compares with an earlier CloudWatch time range; run the query twice with --since/--until and compare",
	"unmask":      "flow logs carry no masked data; select the field itself",
	"lookup":      "lookup tables live in CloudWatch; load your table into DuckDB and join it with `flowduck sql`",
	"source":      "log groups are chosen with --account, --region and --eni (and the data you load), not in the query",
	"filterindex": "field indexes are a CloudWatch storage feature; use `filter`",
}
