package htmlpage

import "time"

// Kind is what a column holds, which decides alignment and the charts a
// result can have.
type Kind int

// The kinds of column.
const (
	Text   Kind = iota // anything shown as text
	Number             // integers and decimals: right-aligned, chartable
	Time               // timestamps and dates: the axis of a time chart
)

// Column is one column of a [Table].
type Column struct {
	Name string
	Kind Kind
	// Unit tells how a Number column's values read in a chart: "bytes"
	// (binary units) or "" (counts).
	Unit string
}

// Cell is one value of a [Table]: its text, and for Number and Time
// columns its value. Class, when set, is a CSS class of the cell (a
// severity: "sev-high").
type Cell struct {
	Text  string
	Num   float64
	Time  time.Time
	Null  bool
	Class string
}

// Table is a result to show as an HTML table.
type Table struct {
	Columns []Column
	Rows    [][]Cell
	// Omitted counts the rows of the result not in Rows.
	Omitted int
}

// numeric reports whether column i is a Number column.
func (t *Table) numeric(i int) bool { return t.Columns[i].Kind == Number }
