// Package iostreams carries the standard streams of one flowduck invocation, so
// nothing below main touches os.Stdin, os.Stdout or os.Stderr directly and tests
// can substitute buffers.
package iostreams

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams is the input, data output and diagnostic output of one invocation.
// IsTTY reports whether Out is a terminal (tables and colour); InTTY whether In
// is one (interactive shell); ErrTTY whether ErrOut is one (progress bars).
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	InTTY  bool
	IsTTY  bool
	ErrTTY bool

	// Width is the terminal width of Out in columns, or 0 when Out is not a
	// terminal.
	Width int
}

// System returns the process's real streams with terminal detection.
func System() *IOStreams {
	s := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr}
	s.InTTY = term.IsTerminal(int(os.Stdin.Fd()))
	s.IsTTY = term.IsTerminal(int(os.Stdout.Fd()))
	s.ErrTTY = term.IsTerminal(int(os.Stderr.Fd()))
	if s.IsTTY {
		if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil {
			s.Width = w
		}
	}
	return s
}

// Test returns streams backed by buffers: stdin from in, and the buffers that
// receive stdout and stderr. None of them is a terminal.
func Test(in string) (s *IOStreams, out, errOut *bytes.Buffer) {
	out, errOut = &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: bytes.NewBufferString(in), Out: out, ErrOut: errOut}, out, errOut
}
