package duck

import (
	"context"
	"database/sql"
	"errors"
	"slices"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/flowduck/flowduck/internal/sqlscript"
)

// Query runs one statement on conn, Athena rewrite applied, and returns its
// result, or nil rows when the statement has nothing to show (see Quiet), as
// the DuckDB shell shows nothing for them. Errors pass through ExplainError.
func Query(ctx context.Context, conn *sql.Conn, stmt string) (*sql.Rows, error) {
	rewritten, err := Rewrite(ctx, conn, stmt)
	if err != nil {
		return nil, ExplainError(err)
	}
	kind, known := StatementType(ctx, conn, rewritten)
	rows, err := conn.QueryContext(ctx, rewritten)
	if err != nil {
		return nil, ExplainError(err)
	}
	cols, err := rows.Columns()
	if err != nil {
		rows.Close()
		return nil, ExplainError(err)
	}
	if len(cols) == 0 || known && Quiet(kind, cols) {
		for rows.Next() {
		}
		return nil, ExplainError(errors.Join(rows.Err(), rows.Close()))
	}
	return rows, nil
}

// StatementType asks DuckDB what kind of statement query is, by preparing it
// (without running it). known is false when it cannot tell, e.g. for a
// statement that does not prepare (the query itself then reports) or for
// text holding several statements (preparing would run all but the last).
func StatementType(ctx context.Context, conn *sql.Conn, query string) (kind duckdb.StmtType, known bool) {
	if len(sqlscript.Split(query)) != 1 {
		return kind, false
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

// Quiet reports whether a result prints nothing: a DDL or DML statement
// whose only column is DuckDB's "Count" or "Success" (INSERT ... RETURNING
// has real columns and is shown).
func Quiet(kind duckdb.StmtType, cols []string) bool {
	if !slices.Contains(quietTypes, kind) {
		return false
	}
	return len(cols) == 0 || len(cols) == 1 && (cols[0] == "Count" || cols[0] == "Success")
}
