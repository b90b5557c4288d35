package repl

import (
	"context"
	"fmt"
	"strings"
)

// schemaQuery returns the tables and views whose name (or schema.name) is
// LIKE $1, or all of them when $1 is empty: DuckDB's CREATE statement of
// each and its columns with their types.
const schemaQuery = `
SELECT r.name, r.is_view, r.sql,
       list(c.column_name ORDER BY c.column_index) FILTER (WHERE c.column_name IS NOT NULL),
       list(c.data_type ORDER BY c.column_index) FILTER (WHERE c.column_name IS NOT NULL)
FROM (
    SELECT database_name, schema_name, table_name AS name, false AS is_view, sql FROM duckdb_tables()
    UNION ALL
    SELECT database_name, schema_name, view_name, true, sql FROM duckdb_views() WHERE NOT internal
) r
LEFT JOIN duckdb_columns() c
  ON c.database_name = r.database_name AND c.schema_name = r.schema_name AND c.table_name = r.name
WHERE $1 = '' OR r.name ILIKE $1 OR r.schema_name || '.' || r.name ILIKE $1
GROUP BY r.database_name, r.schema_name, r.name, r.is_view, r.sql
ORDER BY r.schema_name <> 'main', r.schema_name, r.name`

// cmdSchema prints the CREATE statements of the tables and views, one
// column a line with its type.
func (s *shell) cmdSchema(ctx context.Context, args []string) error {
	pattern := argOr(args, 0, "")
	rows, err := s.cfg.Session.Conn.QueryContext(ctx, schemaQuery, pattern)
	if err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	defer rows.Close()
	_, _, _, reserved := s.cat.snapshot(ctx, s.cfg.Session.Conn)
	w, _ := s.dest()
	n := 0
	for rows.Next() {
		var (
			name, ddl     string
			isView        bool
			columns, typs []any
		)
		if err := rows.Scan(&name, &isView, &ddl, &columns, &typs); err != nil {
			return fmt.Errorf("schema: %w", err)
		}
		if isView {
			cols := make([]schemaColumn, len(columns))
			for i := range columns {
				c, _ := columns[i].(string)
				t, _ := typs[i].(string)
				cols[i] = schemaColumn{name: quoteIdent(c, reserved), typ: t}
			}
			ddl = formatView(ddl, cols)
		} else {
			ddl = formatTable(ddl)
		}
		fmt.Fprintln(w, ddl)
		n++
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	if err := s.resultDone(); err != nil {
		return err
	}
	if n == 0 && pattern != "" {
		return fmt.Errorf("schema: no table or view matches %q", pattern)
	}
	return nil
}

// schemaColumn is a view's column as .schema shows it.
type schemaColumn struct {
	name, typ string
}

// indent is how far .schema indents a column or a select-list item.
const indent = "    "

// formatTable lays DuckDB's one-line CREATE TABLE out one column (or
// constraint) a line. A statement without a column list is kept as is.
func formatTable(ddl string) string {
	ddl = withSemicolon(ddl)
	open := firstTop(ddl, func(s string, i int) bool { return s[i] == '(' })
	closing := strings.LastIndexByte(ddl, ')')
	if open < 0 || closing < open {
		return ddl
	}
	items := splitTop(ddl[open+1 : closing])
	return ddl[:open+1] + "\n" + indent + strings.Join(items, ",\n"+indent) + "\n" + ddl[closing:]
}

// formatView writes a view as CREATE VIEW name ( column -- TYPE, ... ) AS
// its query: the column list is valid SQL (it names the columns the view
// has) and the types are comments. A long query is broken at its top-level
// commas and clauses.
func formatView(ddl string, cols []schemaColumn) string {
	ddl = withSemicolon(ddl)
	as := firstTop(ddl, func(s string, i int) bool { return isWordAt(s, i, "AS") })
	if as < 0 || len(cols) == 0 {
		return ddl
	}
	head := ddl[:as]
	if p := firstTop(head, func(s string, i int) bool { return s[i] == '(' }); p >= 0 {
		head = head[:p] // DuckDB's own alias list: the one below replaces it
	}
	width := 0
	for _, c := range cols {
		width = max(width, len(c.name)+1)
	}
	var b strings.Builder
	b.WriteString(strings.TrimSpace(head) + " (\n")
	for i, c := range cols {
		name := c.name
		if i < len(cols)-1 {
			name += ","
		}
		fmt.Fprintf(&b, "%s%-*s -- %s\n", indent, width, name, c.typ)
	}
	b.WriteString(") AS\n")
	b.WriteString(formatQuery(strings.TrimSpace(ddl[as+len("AS"):])))
	return b.String()
}

// longQuery is the length above which .schema breaks a view's query into
// lines.
const longQuery = 80

// queryClauses are the words a long query starts a new line at.
var queryClauses = []string{"FROM", "WHERE", "GROUP", "HAVING", "QUALIFY", "WINDOW", "ORDER", "LIMIT", "UNION", "EXCEPT", "INTERSECT"}

// formatQuery breaks a long query after each top-level comma and before
// each top-level clause; only whitespace outside literals, quoted names and
// parentheses changes, so the query means the same.
func formatQuery(q string) string {
	if len(q) <= longQuery {
		return q
	}
	var b strings.Builder
	last := 0
	eachTop(q, func(i int) {
		switch {
		case q[i] == ',':
			b.WriteString(q[last:i] + ",\n" + indent)
			last = i + 1
			for last < len(q) && q[last] == ' ' {
				last++
			}
		case i > 0 && q[i-1] == ' ' && isClauseAt(q, i):
			b.WriteString(strings.TrimRight(q[last:i], " ") + "\n")
			last = i
		}
	})
	b.WriteString(q[last:])
	return b.String()
}

// isClauseAt reports whether one of queryClauses starts at q[i].
func isClauseAt(q string, i int) bool {
	for _, w := range queryClauses {
		if isWordAt(q, i, w) {
			return true
		}
	}
	return false
}

// isWordAt reports whether the keyword w (any case) starts at s[i] as a
// whole word.
func isWordAt(s string, i int, w string) bool {
	if i+len(w) > len(s) || !strings.EqualFold(s[i:i+len(w)], w) {
		return false
	}
	return (i == 0 || !isIdentByte(s[i-1])) && (i+len(w) == len(s) || !isIdentByte(s[i+len(w)]))
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// withSemicolon ends a statement with ';'.
func withSemicolon(ddl string) string {
	ddl = strings.TrimSpace(ddl)
	if !strings.HasSuffix(ddl, ";") {
		ddl += ";"
	}
	return ddl
}

// firstTop returns the first index of s outside literals, quoted names,
// comments and brackets at which match is true, or -1.
func firstTop(s string, match func(s string, i int) bool) int {
	found := -1
	eachTop(s, func(i int) {
		if found < 0 && match(s, i) {
			found = i
		}
	})
	return found
}

// splitTop splits s at its top-level commas, trimming each part.
func splitTop(s string) []string {
	var parts []string
	last := 0
	eachTop(s, func(i int) {
		if s[i] == ',' {
			parts = append(parts, strings.TrimSpace(s[last:i]))
			last = i + 1
		}
	})
	return append(parts, strings.TrimSpace(s[last:]))
}

// eachTop calls fn with each index of s that is outside string literals,
// quoted names and comments and not inside brackets; an opening bracket
// itself is at the top level, its closing one is not.
func eachTop(s string, fn func(i int)) {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'' || c == '"':
			for i++; i < len(s); i++ {
				if s[i] == c {
					if i+1 < len(s) && s[i+1] == c {
						i++
						continue
					}
					break
				}
			}
		case strings.HasPrefix(s[i:], "--"):
			if end := strings.IndexByte(s[i:], '\n'); end >= 0 {
				i += end
			} else {
				i = len(s)
			}
		case strings.HasPrefix(s[i:], "/*"):
			if end := strings.Index(s[i+2:], "*/"); end >= 0 {
				i += end + 3
			} else {
				i = len(s)
			}
		case c == '(' || c == '[' || c == '{':
			if depth == 0 {
				fn(i)
			}
			depth++
		case c == ')' || c == ']' || c == '}':
			depth--
		case depth == 0:
			fn(i)
		}
	}
}
