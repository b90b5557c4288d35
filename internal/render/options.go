package render

import (
	"time"

	"github.com/flowduck/flowduck/internal/htmlpage"
)

// DefaultNull is the text shown for NULL in table, markdown and line output
// when [Options.Null] is empty.
const DefaultNull = "NULL"

// Options control how a result is rendered. The zero value renders a table
// of every row with no width limit and timestamps in UTC.
type Options struct {
	// Format is the output format; "" means [Table].
	Format Format
	// Width is the terminal width the table must fit, in columns; 0 means
	// unlimited (for a chart: chart.DefaultWidth). Only the table and chart
	// formats use it: a table too wide for it has its all-NULL columns
	// hidden, then columns from the middle left out behind a "…" column, and
	// a footer counting what is shown.
	Width int
	// AllColumnsHint ends that footer, telling how to see every column
	// (the shell says ".mode line shows all"); empty: no hint.
	AllColumnsHint string
	// NoHeaders omits the header row in csv, tsv, table and markdown output
	// (markdown then also drops the delimiter row, leaving only data rows).
	NoHeaders bool
	// Null is the text shown for NULL in table, markdown and line output
	// ([DefaultNull] when empty). csv and tsv write an empty field and json
	// writes null whatever it says.
	Null string
	// MaxRows limits table, markdown and line output: 0 shows every row;
	// otherwise, when the result has more rows, only the first and last
	// rows are shown around a "… N rows omitted (T total) …" line. The
	// streaming formats ignore it.
	MaxRows int
	// Location is the zone TIMESTAMPTZ values are shown in; nil means UTC.
	Location *time.Location
	// Human shows the integer byte and count columns of a table in human
	// units (1.5 GiB, 3.4k), deciding by column name (see
	// units.ColumnUnit). The other formats ignore it, so csv and json keep
	// exact numbers.
	Human bool
	// Color writes ANSI colour escapes in the formats that use colour (the
	// chart). Set it only when the output is a terminal and NO_COLOR is
	// unset; the text is the same without it.
	Color bool
	// Title, SQL and Facts head the page of the html format: its title
	// ("flowduck result" when empty), the SQL shown under the result and
	// facts shown under the title. The other formats ignore them.
	Title string
	SQL   string
	Facts []htmlpage.Fact
}

// withDefaults fills the empty fields of o with their defaults.
func (o Options) withDefaults() Options {
	if o.Format == "" {
		o.Format = Table
	}
	if o.Null == "" {
		o.Null = DefaultNull
	}
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.MaxRows < 0 {
		o.MaxRows = 0
	}
	if o.Width < 0 {
		o.Width = 0
	}
	return o
}
