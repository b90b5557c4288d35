package repl

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/flowduck/flowduck/internal/dialect"
)

// catalogTimeout bounds the catalog queries a Tab key runs.
const catalogTimeout = 3 * time.Second

// relation is a table or view as completion offers it.
type relation struct {
	// name is how a query names it: table, or schema.table outside main,
	// quoted where needed.
	name string
	// schema and table are the bare names.
	schema, table string
	// columns are the bare column names, in order.
	columns []string
}

// catalog is what completion knows of the database: tables, views and
// their columns, keywords and function names. It is read from DuckDB's
// duckdb_tables(), duckdb_views(), duckdb_columns(), duckdb_keywords() and
// duckdb_functions() on first use and again after anything that may change
// it (DDL, .load, .view).
type catalog struct {
	mu        sync.Mutex
	fresh     bool
	relations []relation
	keywords  []string        // lower case
	reserved  map[string]bool // lower case
	functions []string
}

// invalidate makes the next use re-read the catalog.
func (c *catalog) invalidate() {
	c.mu.Lock()
	c.fresh = false
	c.mu.Unlock()
}

// snapshot returns the catalog, refreshed from conn if stale. On a failed
// refresh it keeps what it had.
func (c *catalog) snapshot(ctx context.Context, conn *sql.Conn) (relations []relation, keywords, functions []string, reserved map[string]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.fresh {
		ctx, cancel := context.WithTimeout(ctx, catalogTimeout)
		defer cancel()
		if err := c.refresh(ctx, conn); err == nil {
			c.fresh = true
		}
	}
	return c.relations, c.keywords, c.functions, c.reserved
}

const (
	relationsQuery = `
SELECT schema_name, name FROM (
    SELECT schema_name, table_name AS name FROM duckdb_tables()
    UNION ALL
    SELECT schema_name, view_name FROM duckdb_views() WHERE NOT internal
)
ORDER BY schema_name <> 'main', schema_name, name`
	columnsQuery = `
SELECT schema_name, table_name, column_name FROM duckdb_columns()
WHERE NOT internal
ORDER BY schema_name, table_name, column_index`
	keywordsQuery  = `SELECT keyword_name, keyword_category = 'reserved' FROM duckdb_keywords() ORDER BY 1`
	functionsQuery = `
SELECT DISTINCT function_name FROM duckdb_functions()
WHERE function_type IN ('scalar', 'aggregate', 'macro', 'table', 'table_macro')
  AND regexp_full_match(function_name, '[a-z][a-z0-9_]*')
ORDER BY 1`
)

// refresh re-reads the catalog.
func (c *catalog) refresh(ctx context.Context, conn *sql.Conn) error {
	type key struct{ schema, table string }
	var rels []relation
	index := map[key]int{}
	err := eachRow(ctx, conn, relationsQuery, func(r *sql.Rows) error {
		var schema, table string
		if err := r.Scan(&schema, &table); err != nil {
			return err
		}
		index[key{schema, table}] = len(rels)
		rels = append(rels, relation{schema: schema, table: table})
		return nil
	})
	if err != nil {
		return err
	}
	err = eachRow(ctx, conn, columnsQuery, func(r *sql.Rows) error {
		var schema, table, column string
		if err := r.Scan(&schema, &table, &column); err != nil {
			return err
		}
		if i, ok := index[key{schema, table}]; ok {
			rels[i].columns = append(rels[i].columns, column)
		}
		return nil
	})
	if err != nil {
		return err
	}
	keywords, reserved := c.keywords, c.reserved
	if keywords == nil {
		reserved = map[string]bool{}
		err = eachRow(ctx, conn, keywordsQuery, func(r *sql.Rows) error {
			var word string
			var isReserved bool
			if err := r.Scan(&word, &isReserved); err != nil {
				return err
			}
			word = strings.ToLower(word)
			keywords = append(keywords, word)
			reserved[word] = isReserved
			return nil
		})
		if err != nil {
			return err
		}
	}
	var functions []string
	err = eachRow(ctx, conn, functionsQuery, func(r *sql.Rows) error {
		var name string
		if err := r.Scan(&name); err != nil {
			return err
		}
		functions = append(functions, name)
		return nil
	})
	if err != nil {
		return err
	}
	// A session installs the dialect's macros as statements name them:
	// complete all of them.
	functions = append(functions, dialect.MacroNames()...)
	slices.Sort(functions)
	functions = slices.Compact(functions)
	for i := range rels {
		rels[i].name = quoteIdent(rels[i].table, reserved)
		if rels[i].schema != "main" {
			rels[i].name = quoteIdent(rels[i].schema, reserved) + "." + rels[i].name
		}
	}
	c.relations, c.keywords, c.reserved, c.functions = rels, keywords, reserved, functions
	return nil
}

// eachRow runs query and calls fn on each row.
func eachRow(ctx context.Context, conn *sql.Conn, query string, fn func(*sql.Rows) error) error {
	rows, err := conn.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return errors.Join(rows.Err(), rows.Close())
}

// plainIdent matches identifiers that need no quotes.
var plainIdent = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

// quoteIdent returns name as SQL must spell it: bare when it is a plain
// lower-case word that is not reserved, else in double quotes.
func quoteIdent(name string, reserved map[string]bool) string {
	if plainIdent.MatchString(name) && !reserved[name] {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// unquoteIdent returns the bare name of a possibly quoted identifier,
// folded to lower case when unquoted.
func unquoteIdent(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return strings.ReplaceAll(s[1:len(s)-1], `""`, `"`)
	}
	return strings.ToLower(strings.TrimPrefix(s, `"`))
}
