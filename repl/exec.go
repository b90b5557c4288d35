package repl

import (
	"context"
	"errors"
	"fmt"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/flowduck/flowduck/internal/duck"
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

func (s *shell) query(ctx context.Context, stmt string) error {
	query := stmt
	if s.hooks.Rewrite != nil {
		var err error
		if query, err = s.hooks.Rewrite(ctx, stmt); err != nil {
			return duck.ExplainError(err)
		}
	}
	conn := s.cfg.Session.Conn
	kind, known := duck.StatementType(ctx, conn, query)
	if !known || kind != duckdb.STATEMENT_TYPE_SELECT {
		defer s.cat.invalidate() // the catalog may have changed
	}
	args, err := s.params.bind(ctx, conn, query)
	if err != nil {
		return err
	}
	rows, err := conn.QueryContext(ctx, query, args...)
	if err != nil {
		return duck.ExplainError(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	if len(cols) == 0 || known && duck.Quiet(kind, cols) {
		for rows.Next() {
		}
		return errors.Join(rows.Err(), rows.Close())
	}
	w, opts := s.dest()
	_, err = render.Rows(ctx, w, rows, opts)
	return errors.Join(duck.ExplainError(err), rows.Close(), s.resultDone())
}

// interrupted turns the failure of a statement cancelled by Ctrl-C into
// errInterrupted; other failures pass unchanged.
func interrupted(ctx context.Context, err error) error {
	if errors.Is(context.Cause(ctx), errInterrupted) {
		return errInterrupted
	}
	return err
}
