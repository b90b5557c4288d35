package repl

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/flowduck/flowduck/internal/dialect"
	"github.com/flowduck/flowduck/internal/render"
)

// execSQL runs one statement: the Athena rewrite, then the query on the
// pinned connection, then its result rendered to the current output.
// Statements that only report a row count or success (DDL, INSERT, SET)
// print nothing.
func (s *shell) execSQL(ctx context.Context, stmt string) error {
	ctx, done := s.withInterrupt(ctx)
	defer done()
	start := time.Now()
	err := s.query(ctx, stmt)
	if err != nil {
		return interrupted(ctx, err)
	}
	s.lastSQL = stmt
	s.reportTime(start)
	return nil
}

// reportTime prints the time since start when .timer is on.
func (s *shell) reportTime(start time.Time) {
	if s.timer {
		fmt.Fprintf(s.errOut, "Run Time: %.3fs\n", time.Since(start).Seconds())
	}
}

// query runs stmt through dialect.Run, the path of the sql command, with the
// Rewrite hook (read-write first if it writes, see runStatement), and renders
// its result, if it has one.
func (s *shell) query(ctx context.Context, stmt string) error {
	res, err := s.runStatement(ctx, stmt)
	if res.Changed {
		s.cat.invalidate() // the catalog may have changed
	}
	if err != nil || res.Rows == nil {
		return err
	}
	defer res.Rows.Close()
	w, opts := s.dest()
	_, err = render.Rows(ctx, w, res.Rows, opts)
	return errors.Join(dialect.ExplainError(err), res.Rows.Close(), s.resultDone())
}

// interrupted turns the failure of a statement cancelled by Ctrl-C into
// errInterrupted; other failures pass unchanged.
func interrupted(ctx context.Context, err error) error {
	if errors.Is(context.Cause(ctx), errInterrupted) {
		return errInterrupted
	}
	return err
}
