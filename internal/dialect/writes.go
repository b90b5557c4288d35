package dialect

import (
	"context"
	"database/sql"
	"strings"
)

// sessionKeywords start statements that change only the session, never the
// database file: settings, plans, descriptions.
var sessionKeywords = map[string]bool{
	"SET": true, "RESET": true, "EXPLAIN": true, "DESCRIBE": true, "SHOW": true,
	"SUMMARIZE": true, "PRAGMA": true, "USE": true,
}

// Writes reports whether stmt may change the database, so that a session
// opened read-only must become read-write before it runs. It asks DuckDB's
// parser (json_serialize_sql, which needs no tables): a query (SELECT, WITH,
// VALUES, FROM, SHOW, DESCRIBE, set operations) only reads; so do the
// statements of sessionKeywords and CREATE TEMP; anything else may write. A
// statement that does not parse does not write (it fails in any mode). It is
// a guess made before running, never wrong in the unsafe direction for what
// the parser knows; a statement that still meets a read-only database (a
// query calling nextval) fails with DuckDB's read-only error, which callers
// can catch and retry read-write.
func Writes(ctx context.Context, conn *sql.Conn, stmt string) bool {
	words := strings.Fields(strings.ToUpper(stripLeadingComments(stmt)))
	if len(words) > 0 && sessionKeywords[strings.TrimRight(words[0], ";")] {
		return false
	}
	if len(words) > 1 && words[0] == "CREATE" {
		rest := words[1:]
		if len(rest) > 1 && rest[0] == "OR" && rest[1] == "REPLACE" {
			rest = rest[2:]
		}
		if len(rest) > 0 && (rest[0] == "TEMP" || rest[0] == "TEMPORARY") {
			return false
		}
	}
	var failed bool
	var kind sql.NullString
	err := conn.QueryRowContext(ctx, `SELECT CAST(j->>'error' AS BOOLEAN), j->>'error_type'
FROM (SELECT CAST(json_serialize_sql(CAST(? AS VARCHAR)) AS JSON) AS j)`, stmt).Scan(&failed, &kind)
	if err != nil {
		return true
	}
	return failed && kind.String != "parser"
}

// stripLeadingComments drops the blank space and SQL comments before a
// statement's first word.
func stripLeadingComments(stmt string) string {
	for {
		stmt = strings.TrimSpace(stmt)
		switch {
		case strings.HasPrefix(stmt, "--"):
			_, rest, ok := strings.Cut(stmt, "\n")
			if !ok {
				return ""
			}
			stmt = rest
		case strings.HasPrefix(stmt, "/*"):
			_, rest, ok := strings.Cut(stmt[2:], "*/")
			if !ok {
				return ""
			}
			stmt = rest
		default:
			return stmt
		}
	}
}
