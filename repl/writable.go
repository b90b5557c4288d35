package repl

import (
	"context"
	"strings"

	"github.com/flowduck/flowduck/internal/dialect"
	"github.com/flowduck/flowduck/internal/duck"
)

// runStatement runs one statement through dialect.Run on a session that may
// be read-only: a statement that writes (dialect.Writes, or a transaction,
// which may write) first makes the session read-write through
// Hooks.Writable, and one that still meets the read-only database (DuckDB's
// read-only error, which leaves nothing changed) runs again once the
// session is read-write. Without the hook a write fails with DuckDB's error.
func (s *shell) runStatement(ctx context.Context, stmt string) (dialect.Result, error) {
	session := s.cfg.Session
	if s.hooks.Writable != nil && session.ReadOnly() && (startsTransaction(stmt) || dialect.Writes(ctx, session.Conn, stmt)) {
		if err := s.writable(ctx); err != nil {
			return dialect.Result{}, err
		}
	}
	res, err := s.run(ctx, stmt)
	if s.hooks.Writable == nil || !session.ReadOnly() || !duck.IsReadOnlyError(err) {
		return res, err
	}
	if werr := s.writable(ctx); werr != nil {
		return res, werr
	}
	return s.run(ctx, stmt)
}

// run runs stmt on the session's connection of the moment, with the Rewrite
// hook and the .param values bound.
func (s *shell) run(ctx context.Context, stmt string) (dialect.Result, error) {
	conn := s.cfg.Session.Conn
	return dialect.Run(ctx, conn, stmt, s.hooks.Rewrite, func(ctx context.Context, query string) ([]any, error) {
		return s.params.bind(ctx, conn, query)
	})
}

// writable makes the session read-write; the catalog of the new connection
// is read afresh.
func (s *shell) writable(ctx context.Context) error {
	defer s.cat.invalidate()
	return s.hooks.Writable(ctx)
}

// startsTransaction reports whether stmt opens a transaction: BEGIN or
// START TRANSACTION. A transaction started read-only could not become
// read-write without losing what it did, so it starts read-write.
func startsTransaction(stmt string) bool {
	words := strings.Fields(strings.ToUpper(stmt))
	return len(words) > 0 && (strings.TrimRight(words[0], ";") == "BEGIN" || words[0] == "START")
}
