package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/flowduck/flowduck/internal/duckmsg"
	"github.com/flowduck/flowduck/internal/iostreams"
)

// run is the entry point main calls: it executes one flowduck invocation
// with the given arguments, streams and environment, and maps its outcome to
// an exit code. It is the one place errors become exit codes.
func run(ctx context.Context, args []string, streams *iostreams.IOStreams, getenv func(string) string) int {
	root := newRootCmd(streams, getenv)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var usage *usageError
	var findings *findingsError
	switch {
	case errors.Is(err, context.Canceled) || ctx.Err() != nil:
		fmt.Fprintln(streams.ErrOut, "flowduck: cancelled")
		return exitCancelled
	case errors.As(err, &findings):
		fmt.Fprintf(streams.ErrOut, "flowduck: %s\n", findings.Error())
		return exitFindings
	case errors.As(err, &usage):
		fmt.Fprintf(streams.ErrOut, "flowduck: %s\nRun 'flowduck --help' for usage.\n", duckmsg.OneLine(err.Error()))
		return exitUsage
	default:
		fmt.Fprintf(streams.ErrOut, "flowduck: %s\n", duckmsg.OneLine(err.Error()))
		return exitError
	}
}

// Exit codes of the flowduck command, as the README documents them: 0 ok,
// 1 error, 2 usage error, 3 findings at or above detect --fail-on, 130
// cancelled (Ctrl-C).
const (
	exitOK        = 0
	exitError     = 1
	exitUsage     = 2
	exitFindings  = 3
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
