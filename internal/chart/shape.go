package chart

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/flowduck/flowduck/internal/units"
)

// Column is one result column as [Classify] sees it.
type Column struct {
	// Name is the column's name.
	Name string
	// Type is its DuckDB type name as database/sql's
	// ColumnType.DatabaseTypeName reports it: "TIMESTAMPTZ", "BIGINT",
	// "DECIMAL(18,3)", "VARCHAR", "INTEGER[]".
	Type string
}

// Kind is what a result is drawn as.
type Kind int

const (
	// TimeSeries is a line/area chart over time: one panel per numeric
	// column, one series per value of the pivot columns (or one series).
	TimeSeries Kind = iota + 1
	// Bars is a horizontal bar per row, one bar per numeric column, in the
	// result's row order.
	Bars
)

// String returns "time series" or "bars".
func (k Kind) String() string {
	switch k {
	case TimeSeries:
		return "time series"
	case Bars:
		return "bars"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Shape is how a result's columns are charted: which column is the time or
// which are the labels, which name the series, and which are measured. The
// fields are indexes into the columns given to [Classify].
type Shape struct {
	// Kind is TimeSeries or Bars.
	Kind Kind
	// Time is the time column of a TimeSeries (always 0), -1 for Bars.
	Time int
	// Labels are the label columns of Bars: every column up to the last
	// one that is not a number and the identifier-named numbers right
	// after it (the first column when all are numbers); their values,
	// joined by a space, label each bar. Empty for a TimeSeries.
	Labels []int
	// Pivot are the text columns of a TimeSeries in long form (e.g.
	// action), and its identifier-named numbers (dstport): each distinct
	// value (joined by a space when several) is one series. Empty when
	// every numeric column is one series.
	Pivot []int
	// Measures are the numeric columns, in result order; each is one
	// panel of a TimeSeries and one bar of each row of Bars.
	Measures []int
}

// family is the part of a column's type that decides its role.
type family int

const (
	famText   family = iota // VARCHAR, ENUM, BOOLEAN, UUID, TIME, INTERVAL, …
	famTime                 // TIMESTAMP[TZ|_S|_MS|_NS], DATE
	famNumber               // integers, FLOAT, DOUBLE, DECIMAL
	famNested               // LIST, ARRAY, STRUCT, MAP, UNION
)

// familyOf reads a DuckDB type name.
func familyOf(typ string) family {
	t := strings.ToUpper(strings.TrimSpace(typ))
	if strings.HasSuffix(t, "]") {
		return famNested
	}
	base, _, _ := strings.Cut(t, "(")
	switch strings.TrimSpace(base) {
	case "TIMESTAMP", "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "DATE":
		return famTime
	case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
		"UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT",
		"BIGNUM", "VARINT", "FLOAT", "DOUBLE", "DECIMAL":
		return famNumber
	case "STRUCT", "MAP", "UNION", "LIST", "ARRAY":
		return famNested
	}
	return famText
}

// UnchartableError reports a result whose columns fit no chart shape. Its
// message says which shapes can be charted and suggests `-o table`.
type UnchartableError struct {
	// Columns are the result's columns.
	Columns []Column
	// Reason says what in these columns fits no shape.
	Reason string
}

// Error implements error.
func (e *UnchartableError) Error() string {
	return "cannot chart this result: " + e.Reason +
		" (a chart draws a time column then numeric columns, or label columns then numeric columns); use -o table for this result"
}

// codeWords mark a numeric column as an identifier rather than an amount
// when one of its name's words (split at anything but letters and digits)
// is in the list: dstport, protocol, account_id, tcp_flags. Such a column
// labels bars and names series, as text would; a column whose name says
// bytes or a count (count(DISTINCT dstport)) is an amount all the same.
var codeWords = []string{"port", "srcport", "dstport", "protocol", "proto", "id", "version", "type", "code", "flags", "asn", "vlan"}

// isCode reports whether a column of numbers called name holds identifiers.
func isCode(name string) bool {
	if units.ColumnUnit(name) != units.None {
		return false
	}
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for _, w := range words {
		if slices.Contains(codeWords, w) {
			return true
		}
	}
	return false
}

// Classify decides how a result with these columns is charted:
//
//   - first column a time (TIMESTAMP, TIMESTAMPTZ, DATE: also what bin()
//     and date_trunc return), at least one numeric column, and any other
//     columns text → TimeSeries: each numeric column a panel, the text
//     columns (and numbers named like identifiers: dstport, protocol)
//     naming the series;
//   - label columns, then at least one numeric column → Bars: the labels
//     are every column up to the last one that is not a number, and the
//     identifier-named numbers right after it (protocol, dstport), or the
//     first column when every column is a number (a port and its count);
//   - anything else → an *UnchartableError.
func Classify(cols []Column) (Shape, error) {
	unchartable := func(format string, args ...any) (Shape, error) {
		return Shape{}, &UnchartableError{Columns: cols, Reason: fmt.Sprintf(format, args...)}
	}
	if len(cols) < 2 {
		return unchartable("it has %s", map[bool]string{true: "no columns", false: "one column"}[len(cols) == 0])
	}
	fams := make([]family, len(cols))
	codes := make([]bool, len(cols))
	for i, c := range cols {
		fams[i] = familyOf(c.Type)
		if fams[i] == famNested {
			return unchartable("column %q has type %s, which a chart cannot draw", c.Name, c.Type)
		}
		codes[i] = fams[i] == famNumber && isCode(c.Name)
	}
	if fams[0] == famTime {
		return classifyTime(cols, fams, codes, unchartable)
	}
	last := -1 // the last column that is not a number
	for i, f := range fams {
		if f != famNumber {
			last = i
		}
	}
	if last == len(cols)-1 {
		return unchartable("its last column %q is not a number", cols[last].Name)
	}
	last = max(last, 0)
	for last+2 < len(cols) && codes[last+1] {
		last++
	}
	s := Shape{Kind: Bars, Time: -1}
	for i := range cols {
		if i <= last {
			s.Labels = append(s.Labels, i)
		} else {
			s.Measures = append(s.Measures, i)
		}
	}
	return s, nil
}

// classifyTime is Classify for a result whose first column is a time.
func classifyTime(cols []Column, fams []family, codes []bool, unchartable func(string, ...any) (Shape, error)) (Shape, error) {
	s := Shape{Kind: TimeSeries, Time: 0}
	for i := 1; i < len(cols); i++ {
		switch {
		case fams[i] == famTime:
			return unchartable("column %q is a second time column after %q", cols[i].Name, cols[0].Name)
		case fams[i] == famNumber && !codes[i]:
			s.Measures = append(s.Measures, i)
		default:
			s.Pivot = append(s.Pivot, i)
		}
	}
	if len(s.Measures) == 0 { // only identifier-named numbers: chart them
		s.Pivot = nil
		for i := 1; i < len(cols); i++ {
			if fams[i] == famNumber {
				s.Measures = append(s.Measures, i)
			} else {
				s.Pivot = append(s.Pivot, i)
			}
		}
	}
	if len(s.Measures) == 0 {
		return unchartable("no column after the time column %q is a number", cols[0].Name)
	}
	return s, nil
}
