package render

import (
	"fmt"
	"strings"

	"github.com/flowduck/flowduck/internal/suggest"
)

// Format names one output format, as given to `-o`.
type Format string

// The output formats. [Formats] describes each of them.
const (
	Table    Format = "table"
	CSV      Format = "csv"
	TSV      Format = "tsv"
	JSON     Format = "json"
	JSONL    Format = "jsonl"
	Markdown Format = "markdown"
	Line     Format = "line"
	Chart    Format = "chart"
	HTML     Format = "html"
)

// FormatInfo describes one output format in the [Formats] registry.
type FormatInfo struct {
	// Name is the format's name, as accepted by [ParseFormat].
	Name Format
	// Description is a one-line summary for help text and completion.
	Description string
	// Streams reports whether rows are written as they arrive (true) or
	// buffered until the result is complete (false).
	Streams bool
	// Separator is written between two results of the format on one
	// output (several statements, a script): a blank line where results
	// would otherwise run together (csv, tsv, markdown, line), nothing
	// where each result is delimited already (table, json, jsonl).
	Separator string

	write writeFunc
}

// Formats is the registry of output formats, in the order help lists them.
var Formats = []FormatInfo{
	{Name: Table, Description: "box-drawn table sized to the terminal", Streams: false, write: writeTable},
	{Name: CSV, Description: "comma-separated values (RFC 4180) with a header row", Streams: true, Separator: "\n", write: writeCSV},
	{Name: TSV, Description: "tab-separated values with a header row; tabs and newlines escaped", Streams: true, Separator: "\n", write: writeTSV},
	{Name: JSON, Description: "one JSON array of objects, column order preserved", Streams: true, write: writeJSON},
	{Name: JSONL, Description: "one JSON object per line", Streams: true, write: writeJSONL},
	{Name: Markdown, Description: "GitHub markdown pipe table", Streams: false, Separator: "\n", write: writeMarkdown},
	{Name: Line, Description: "one `column = value` line per column, a blank line between rows", Streams: false, Separator: "\n", write: writeLine},
	{Name: Chart, Description: "a chart: areas over time for a time column, else bars per label", Streams: false, Separator: "\n", write: writeChart},
	{Name: HTML, Description: "one self-contained HTML page: the table and its chart where the shape has one", Streams: false, write: writeHTML},
}

// UnknownFormatError reports a format name that is not in [Formats].
type UnknownFormatError struct {
	// Name is the name that was asked for.
	Name string
	// Suggestion is the closest valid name, or "" when none is close.
	Suggestion Format
}

// Error implements error.
func (e *UnknownFormatError) Error() string {
	msg := fmt.Sprintf("unknown output format %q (valid: %s)", e.Name, strings.Join(Names(), ", "))
	if e.Suggestion != "" {
		msg += fmt.Sprintf("; did you mean %q?", e.Suggestion)
	}
	return msg
}

// ParseFormat returns the format called name (case-insensitive, surrounding
// space ignored). An unknown name yields an *UnknownFormatError listing the
// valid names and, when one is close, a suggestion.
func ParseFormat(name string) (Format, error) {
	clean := strings.ToLower(strings.TrimSpace(name))
	for _, f := range Formats {
		if string(f.Name) == clean {
			return f.Name, nil
		}
	}
	return "", &UnknownFormatError{Name: name, Suggestion: suggestFormat(clean)}
}

// Names returns the valid format names in registry order.
func Names() []string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f.Name)
	}
	return names
}

// Default returns the format used when none is asked for: a table on a
// terminal, csv otherwise.
func Default(isTTY bool) Format {
	if isTTY {
		return Table
	}
	return CSV
}

// Separator returns what is written between two results of format f on one
// output (see [FormatInfo.Separator]); "" for an unknown format.
func Separator(f Format) string {
	info, _ := lookup(f)
	return info.Separator
}

// lookup returns the registry entry of f.
func lookup(f Format) (FormatInfo, bool) {
	for _, info := range Formats {
		if info.Name == f {
			return info, true
		}
	}
	return FormatInfo{}, false
}

// suggestFormat returns the format name closest to name, or "" when none is
// within two edits (or a prefix of it).
func suggestFormat(name string) Format {
	return Format(suggest.Closest(name, Names(), 2))
}
