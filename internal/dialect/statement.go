package dialect

import (
	"context"
	"database/sql"
	"slices"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/flowduck/flowduck/internal/sqlscript"
)

// statementType asks DuckDB what kind of statement query is, by preparing it
// (without running it). known is false when it cannot tell, e.g. for a
// statement that does not prepare (the query itself then reports) or for
// text holding several statements (preparing would run all but the last).
func statementType(ctx context.Context, conn *sql.Conn, query string) (kind duckdb.StmtType, known bool) {
	if len(sqlscript.Split(query)) != 1 {
		return kind, false
	}
	_ = Prepared(ctx, conn, query, func(st *duckdb.Stmt) error {
		var err error
		if kind, err = st.StatementType(); err == nil {
			known = true
		}
		return nil
	})
	return kind, known
}

// Prepared prepares query on conn without running it and calls inspect with
// the prepared statement (its type, its parameters), then closes it. A query
// that does not prepare calls nothing and returns nil: running it reports the
// error. inspect's error is returned.
func Prepared(ctx context.Context, conn *sql.Conn, query string, inspect func(*duckdb.Stmt) error) error {
	return conn.Raw(func(driverConn any) error {
		dc, ok := driverConn.(*duckdb.Conn)
		if !ok {
			return nil
		}
		prepared, err := dc.PrepareContext(ctx, query)
		if err != nil {
			return nil
		}
		defer prepared.Close()
		st, ok := prepared.(*duckdb.Stmt)
		if !ok {
			return nil
		}
		return inspect(st)
	})
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
