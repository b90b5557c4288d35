package render

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestParseFormat(t *testing.T) {
	tests := []struct {
		name, in   string
		want       Format
		suggestion Format // for unknown names
	}{
		{name: "table", in: "table", want: Table},
		{name: "csv", in: "csv", want: CSV},
		{name: "tsv", in: "tsv", want: TSV},
		{name: "json", in: "json", want: JSON},
		{name: "jsonl", in: "jsonl", want: JSONL},
		{name: "markdown", in: "markdown", want: Markdown},
		{name: "line", in: "line", want: Line},
		{name: "chart", in: "chart", want: Chart},
		{name: "html", in: "html", want: HTML},
		{name: "upper case", in: "CSV", want: CSV},
		{name: "surrounding space", in: " json ", want: JSON},
		{name: "typo", in: "jsn", suggestion: JSON},
		{name: "transposed", in: "tabel", suggestion: Table},
		{name: "prefix", in: "mark", suggestion: Markdown},
		{name: "unknown", in: "parquet"},
		{name: "empty", in: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseFormat(tc.in)
			if tc.want != "" {
				if err != nil || got != tc.want {
					t.Fatalf("ParseFormat(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
				}
				return
			}
			var unknown *UnknownFormatError
			if !errors.As(err, &unknown) {
				t.Fatalf("ParseFormat(%q) = %q, %v; want an *UnknownFormatError", tc.in, got, err)
			}
			if unknown.Suggestion != tc.suggestion {
				t.Errorf("suggestion for %q = %q, want %q", tc.in, unknown.Suggestion, tc.suggestion)
			}
			msg := err.Error()
			for _, name := range Names() {
				if !strings.Contains(msg, name) {
					t.Errorf("error %q does not list %q", msg, name)
				}
			}
			if tc.suggestion != "" && !strings.Contains(msg, `did you mean "`+string(tc.suggestion)+`"`) {
				t.Errorf("error %q lacks the suggestion %q", msg, tc.suggestion)
			}
		})
	}
}

func TestRegistry(t *testing.T) {
	want := []string{"table", "csv", "tsv", "json", "jsonl", "markdown", "line", "chart", "html"}
	if got := Names(); !slices.Equal(got, want) {
		t.Errorf("Names() = %v, want %v", got, want)
	}
	streams := map[Format]bool{CSV: true, TSV: true, JSON: true, JSONL: true}
	for _, f := range Formats {
		if f.Description == "" || strings.Contains(f.Description, "\n") {
			t.Errorf("%s: description %q must be one non-empty line", f.Name, f.Description)
		}
		if f.Streams != streams[f.Name] {
			t.Errorf("%s: Streams = %v, want %v", f.Name, f.Streams, streams[f.Name])
		}
		if f.write == nil {
			t.Errorf("%s: no writer", f.Name)
		}
	}
}

func TestDefault(t *testing.T) {
	if got := Default(true); got != Table {
		t.Errorf("Default(tty) = %q, want table", got)
	}
	if got := Default(false); got != CSV {
		t.Errorf("Default(pipe) = %q, want csv", got)
	}
}
