package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/flowduck/flowduck/internal/iostreams"
)

// Exit codes of the flowduck command (design.md: 0 ok, 1 error, 2 usage,
// 130 cancelled).
const (
	exitOK        = 0
	exitError     = 1
	exitUsage     = 2
	exitCancelled = 130
)

// usageError marks a command-line mistake: wrong flags, arguments or values.
type usageError struct{ err error }

// Error returns the message of the wrapped error.
func (e *usageError) Error() string { return e.err.Error() }

// Unwrap returns the wrapped error.
func (e *usageError) Unwrap() error { return e.err }

// usagef returns a usage error with a formatted message.
func usagef(format string, args ...any) error {
	return &usageError{err: fmt.Errorf(format, args...)}
}

// run executes one flowduck invocation and maps its outcome to an exit code.
// It is the one place errors become exit codes.
func run(ctx context.Context, args []string, streams *iostreams.IOStreams, getenv func(string) string) int {
	root := newRootCmd(streams, getenv)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var usage *usageError
	switch {
	case errors.Is(err, context.Canceled) || ctx.Err() != nil:
		fmt.Fprintln(streams.ErrOut, "flowduck: cancelled")
		return exitCancelled
	case errors.As(err, &usage):
		fmt.Fprintf(streams.ErrOut, "flowduck: %s\nRun 'flowduck --help' for usage.\n", oneLine(err.Error()))
		return exitUsage
	default:
		fmt.Fprintf(streams.ErrOut, "flowduck: %s\n", oneLine(err.Error()))
		return exitError
	}
}

// oneLine keeps an error on one line: DuckDB messages carry newlines, an
// indented query excerpt and a caret line that would break "errors on stderr,
// one line". The caret line is dropped; the other lines are joined.
func oneLine(msg string) string {
	var parts []string
	for _, line := range strings.Split(msg, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.Trim(line, "^ ") == "" {
			continue
		}
		parts = append(parts, strings.Join(strings.Fields(line), " "))
	}
	return strings.Join(parts, " ")
}
