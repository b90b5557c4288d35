package dialect

import (
	"context"
	"database/sql"
	"errors"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/flowduck/flowduck/internal/sqlscript"
)

// RewriteFunc turns a statement into the SQL that runs; Query uses Rewrite.
type RewriteFunc func(ctx context.Context, stmt string) (string, error)

// BindFunc returns the arguments to bind to the rewritten statement's
// parameters ($name placeholders), e.g. the shell's .param values.
type BindFunc func(ctx context.Context, query string) ([]any, error)

// Result is what running one statement gives.
type Result struct {
	// Rows is the result to show, or nil when the statement has nothing to
	// show (DDL and DML that report only a row count or success), as the DuckDB shell shows nothing for it. The
	// caller closes it.
	Rows *sql.Rows
	// Changed reports that the statement was sent to DuckDB and is not known
	// to be a SELECT, so it may have changed the catalog (tables, views,
	// macros), even when it failed.
	Changed bool
}

// Query runs one statement on conn, Athena rewrite applied, and returns its
// rows, or nil rows when the statement has nothing to show. Errors pass
// through ExplainError.
func Query(ctx context.Context, conn *sql.Conn, stmt string) (*sql.Rows, error) {
	res, err := Run(ctx, conn, stmt, func(ctx context.Context, stmt string) (string, error) {
		return Rewrite(ctx, conn, stmt)
	}, nil)
	return res.Rows, err
}

// Run runs one statement on conn after rewrite (nil runs it unchanged), with
// the arguments bind returns for it (nil binds none): the one path every user
// statement takes, in the sql command and in the shell.
// A statement whose result is only a row count or a success flag is drained
// and gives nil Rows. Errors pass through ExplainError.
func Run(ctx context.Context, conn *sql.Conn, stmt string, rewrite RewriteFunc, bind BindFunc) (Result, error) {
	query := stmt
	if rewrite != nil {
		var err error
		if query, err = rewrite(ctx, stmt); err != nil {
			return Result{}, ExplainError(err)
		}
	}
	if err := Ensure(ctx, conn, query); err != nil {
		return Result{}, err
	}
	var args []any
	if bind != nil {
		var err error
		if args, err = bind(ctx, query); err != nil {
			return Result{}, err
		}
	}
	kind, known := statementType(ctx, conn, query)
	res := Result{Changed: !known || kind != duckdb.STATEMENT_TYPE_SELECT}
	rows, err := conn.QueryContext(ctx, query, args...)
	if err != nil && missingMacro(err) && len(sqlscript.Split(query)) == 1 {
		// A view or macro of an earlier session calls a dialect macro
		// this lazy session has not installed: DuckDB refused the
		// statement while binding it, before running anything.
		if more, ierr := ensureAll(ctx, conn); ierr != nil {
			return res, ierr
		} else if more {
			rows, err = conn.QueryContext(ctx, query, args...)
		}
	}
	if err != nil {
		return res, ExplainError(err)
	}
	cols, err := rows.Columns()
	if err != nil {
		rows.Close()
		return res, ExplainError(err)
	}
	if len(cols) == 0 || known && quiet(kind, cols) {
		for rows.Next() {
		}
		return res, ExplainError(errors.Join(rows.Err(), rows.Close()))
	}
	res.Rows = rows
	return res, nil
}
