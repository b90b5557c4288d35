package repl

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/flowduck/flowduck/internal/render"
	"github.com/flowduck/flowduck/internal/sqlscript"
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
	if s.timer {
		fmt.Fprintf(s.errOut, "Run Time: %.3fs\n", time.Since(start).Seconds())
	}
	return nil
}

func (s *shell) query(ctx context.Context, stmt string) error {
	query := stmt
	if s.hooks.Rewrite != nil {
		var err error
		if query, err = s.hooks.Rewrite(ctx, stmt); err != nil {
			return err
		}
	}
	conn := s.cfg.Session.Conn
	kind, known := statementType(ctx, conn, query)
	if !known || kind != duckdb.STATEMENT_TYPE_SELECT {
		defer s.cat.invalidate() // the catalog may have changed
	}
	rows, err := conn.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	if len(cols) == 0 || known && quiet(kind, cols) {
		for rows.Next() {
		}
		return errors.Join(rows.Err(), rows.Close())
	}
	w, opts := s.dest()
	_, err = render.Rows(ctx, w, rows, opts)
	return errors.Join(err, rows.Close(), s.resultDone())
}

// statementType asks DuckDB what kind of statement query is, by preparing
// it (without running it). known is false when the driver cannot tell, e.g.
// for a statement that does not prepare; the query itself then reports.
func statementType(ctx context.Context, conn *sql.Conn, query string) (kind duckdb.StmtType, known bool) {
	if len(sqlscript.Split(query)) != 1 {
		return kind, false // preparing runs all but the last statement
	}
	_ = conn.Raw(func(driverConn any) error {
		dc, ok := driverConn.(*duckdb.Conn)
		if !ok {
			return nil
		}
		prepared, err := dc.PrepareContext(ctx, query)
		if err != nil {
			return nil
		}
		defer prepared.Close()
		if st, ok := prepared.(*duckdb.Stmt); ok {
			if kind, err = st.StatementType(); err == nil {
				known = true
			}
		}
		return nil
	})
	return kind, known
}

// quietTypes are the statements whose result is only a row count or a
// success flag.
var quietTypes = []duckdb.StmtType{
	duckdb.STATEMENT_TYPE_INSERT, duckdb.STATEMENT_TYPE_UPDATE, duckdb.STATEMENT_TYPE_DELETE,
	duckdb.STATEMENT_TYPE_CREATE, duckdb.STATEMENT_TYPE_CREATE_FUNC, duckdb.STATEMENT_TYPE_DROP,
	duckdb.STATEMENT_TYPE_ALTER, duckdb.STATEMENT_TYPE_TRANSACTION, duckdb.STATEMENT_TYPE_COPY,
	duckdb.STATEMENT_TYPE_SET, duckdb.STATEMENT_TYPE_VARIABLE_SET, duckdb.STATEMENT_TYPE_ATTACH,
	duckdb.STATEMENT_TYPE_DETACH, duckdb.STATEMENT_TYPE_LOAD, duckdb.STATEMENT_TYPE_EXPORT,
	duckdb.STATEMENT_TYPE_VACUUM, duckdb.STATEMENT_TYPE_ANALYZE, duckdb.STATEMENT_TYPE_PREPARE,
	duckdb.STATEMENT_TYPE_EXTENSION,
}

// quiet reports whether a result prints nothing: a DDL or DML statement
// whose only column is DuckDB's "Count" or "Success" (INSERT ... RETURNING
// has real columns and is shown).
func quiet(kind duckdb.StmtType, cols []string) bool {
	if !slices.Contains(quietTypes, kind) {
		return false
	}
	return len(cols) == 0 || len(cols) == 1 && (cols[0] == "Count" || cols[0] == "Success")
}

// interrupted turns the failure of a statement cancelled by Ctrl-C into
// errInterrupted; other failures pass unchanged.
func interrupted(ctx context.Context, err error) error {
	if errors.Is(context.Cause(ctx), errInterrupted) {
		return errInterrupted
	}
	return err
}
