package duck

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// Query runs one statement on conn, Athena rewrite applied, and returns its
// result, or nil rows when the statement has no result to show: DDL, SET,
// and the change count DuckDB returns for INSERT, UPDATE, DELETE and CREATE
// TABLE AS (as the DuckDB shell shows nothing for them). INSERT ... RETURNING
// still returns its rows. Errors pass through ExplainError.
func Query(ctx context.Context, conn *sql.Conn, stmt string) (*sql.Rows, error) {
	rewritten, err := Rewrite(ctx, conn, stmt)
	if err != nil {
		return nil, ExplainError(err)
	}
	kind := statementType(ctx, conn, rewritten)
	rows, err := conn.QueryContext(ctx, rewritten)
	if err != nil {
		return nil, ExplainError(err)
	}
	cols, err := rows.Columns()
	if err != nil {
		rows.Close()
		return nil, ExplainError(err)
	}
	if len(cols) == 0 || (isChangeCount(kind) && len(cols) == 1 && cols[0] == "Count") {
		for rows.Next() {
		}
		err := rows.Err()
		rows.Close()
		return nil, ExplainError(err)
	}
	return rows, nil
}

// isChangeCount reports whether DuckDB answers the statement type with a
// one-column "Count" result.
func isChangeCount(kind duckdb.StmtType) bool {
	switch kind {
	case duckdb.STATEMENT_TYPE_INSERT, duckdb.STATEMENT_TYPE_UPDATE, duckdb.STATEMENT_TYPE_DELETE,
		duckdb.STATEMENT_TYPE_CREATE, duckdb.STATEMENT_TYPE_COPY:
		return true
	}
	return false
}

// statementType prepares stmt to learn its type; INVALID when it cannot be
// prepared (the query itself then reports the error).
func statementType(ctx context.Context, conn *sql.Conn, stmt string) duckdb.StmtType {
	kind := duckdb.STATEMENT_TYPE_INVALID
	_ = conn.Raw(func(raw any) error {
		preparer, ok := raw.(driver.ConnPrepareContext)
		if !ok {
			return errors.ErrUnsupported
		}
		prepared, err := preparer.PrepareContext(ctx, stmt)
		if err != nil {
			return err
		}
		defer prepared.Close()
		if s, ok := prepared.(*duckdb.Stmt); ok {
			kind, _ = s.StatementType()
		}
		return nil
	})
	return kind
}
