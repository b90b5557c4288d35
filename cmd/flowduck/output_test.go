package main

import (
	"testing"

	"github.com/flowduck/flowduck/internal/iostreams"
	"github.com/flowduck/flowduck/internal/render"
)

// TestOutputColor checks when charts may use colour: only on a terminal,
// and never with NO_COLOR set (to anything but "").
func TestOutputColor(t *testing.T) {
	tests := []struct {
		name    string
		tty     bool
		noColor string
		want    bool
	}{
		{name: "terminal", tty: true, want: true},
		{name: "terminal with NO_COLOR", tty: true, noColor: "1", want: false},
		{name: "pipe", tty: false, want: false},
		{name: "pipe with NO_COLOR", tty: false, noColor: "1", want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			streams, _, _ := iostreams.Test("")
			streams.IsTTY, streams.Width = tc.tty, 100
			env := map[string]string{"NO_COLOR": tc.noColor}
			g := &globalOptions{streams: streams, getenv: func(k string) string { return env[k] }}
			o := &outputFlag{format: "chart"}
			opts, err := o.options(g)
			if err != nil {
				t.Fatal(err)
			}
			if opts.Color != tc.want || opts.Format != render.Chart {
				t.Errorf("options = format %q, Color %v; want chart, Color %v", opts.Format, opts.Color, tc.want)
			}
		})
	}
}
