package render

import (
	"context"
	"strings"
	"testing"
)

func TestResultsSeparator(t *testing.T) {
	cases := []struct {
		name   string
		format Format
		// results are the one-column results written in turn; nil is a
		// statement that printed nothing.
		results [][]any
		want    string
	}{
		{name: "csv parts results with a blank line", format: CSV,
			results: [][]any{{1}, {2}}, want: "n\n1\n\nn\n2\n"},
		{name: "line parts results with a blank line", format: Line,
			results: [][]any{{1, 2}, {3}}, want: "n = 1\n\nn = 2\n\nn = 3\n"},
		{name: "a quiet statement adds no separator", format: CSV,
			results: [][]any{{1}, nil, {2}}, want: "n\n1\n\nn\n2\n"},
		{name: "jsonl stays one object a line", format: JSONL,
			results: [][]any{{1}, {2}}, want: "{\"n\":1}\n{\"n\":2}\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out strings.Builder
			seq := NewResults(&out)
			for _, vals := range tc.results {
				w := seq.Next(tc.format)
				if vals == nil {
					continue
				}
				data := make([][]any, len(vals))
				for i, v := range vals {
					data[i] = []any{v}
				}
				if _, err := Values(context.Background(), w, []string{"n"}, data, Options{Format: tc.format}); err != nil {
					t.Fatal(err)
				}
			}
			if got := out.String(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
