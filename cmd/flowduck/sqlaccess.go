package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/flowduck/flowduck/internal/dialect"
	"github.com/flowduck/flowduck/internal/duck"
)

// accessFor prepares a read-first session for the statements of one sql
// command: when one of them may write (dialect.Writes), the session becomes
// read-write before any runs, so that nothing of the session is lost
// between statements; when none does and the database does not exist,
// that is the error (reading must not create it).
func accessFor(ctx context.Context, s *duck.Session, statements []string, errOut io.Writer) error {
	for _, stmt := range statements {
		if dialect.Writes(ctx, s.Conn, stmt) {
			return writable(ctx, s, errOut)
		}
	}
	if s.Deferred() {
		return withDatabaseGuess(&duck.NoDatabaseError{Path: s.Path})
	}
	return nil
}

// writable makes the session read-write and says on errOut what the reopen
// could not keep.
func writable(ctx context.Context, s *duck.Session, errOut io.Writer) error {
	reset, err := s.Writable(ctx)
	if err != nil {
		return err
	}
	if notice := resetNotice(reset); notice != "" {
		fmt.Fprintf(errOut, "flowduck: %s\n", notice)
	}
	return nil
}

// resetNotice says what reopening a session read-write dropped, or "".
func resetNotice(r duck.Reset) string {
	var parts []string
	if len(r.Dropped) > 0 {
		parts = append(parts, "dropped "+strings.Join(r.Dropped, ", "))
	}
	if len(r.Settings) > 0 {
		parts = append(parts, "reset the settings "+strings.Join(r.Settings, ", "))
	}
	if len(parts) == 0 {
		return ""
	}
	return "reopening the database read-write " + strings.Join(parts, " and ")
}

// shellWritable makes the shell's read-only session read-write and says so
// on errOut: from now on other flowduck commands cannot open the file until
// the shell exits (the shell stays read-write, keeping what it creates).
func shellWritable(ctx context.Context, s *duck.Session, errOut io.Writer) error {
	if !s.ReadOnly() {
		return nil
	}
	created := s.Deferred()
	reset, err := s.Writable(ctx)
	if err != nil {
		return err
	}
	what := "opened " + s.Path + " read-write"
	if created {
		what = "created " + s.Path
	}
	fmt.Fprintf(errOut, "flowduck: %s; other flowduck commands cannot open it until this shell exits\n", what)
	if notice := resetNotice(reset); notice != "" {
		fmt.Fprintf(errOut, "flowduck: %s\n", notice)
	}
	return nil
}
