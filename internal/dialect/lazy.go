package dialect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// Creating a macro makes DuckDB bind its body, and the dialect's macros
// nest (athena_cidr_contains expands athena_ip_key, which expands …), so
// installing all of them costs several times what opening the database
// does. A lazy session (InstallLazy) gets the settings at once and each
// macro only when a statement names it: Ensure, called on every statement
// before it runs, installs the macros the statement names and the macros
// they name, in the order Install uses. A statement naming none, such as
// `SELECT 1` or a load, needs none. Naming is by token: a word of the text
// equal to a macro's name, case-insensitively (in a string, a comment or a
// column name too: installing a macro that is not needed is harmless, the
// cost of one more macro). What no token shows, a view or a user's own
// macro created in an earlier session that calls a dialect macro, fails
// with DuckDB's "does not exist"; Run then installs the rest and runs the
// statement again. The Go functions flowduck_ip_key and
// flowduck_is_private (udf.go), which rewritten statements and the
// is_private macro name, are registered the same way, a macro's before the
// macro is created.

// lazyState is what a lazy connection has installed.
type lazyState struct {
	mu        sync.Mutex
	installed map[string]bool
}

var (
	// lazyConns holds the state of each lazy connection, until Forget.
	lazyConns sync.Map // *sql.Conn → *lazyState

	catalogOnce sync.Once
	catalog     *macroCatalog
)

// macroCatalog is every statement Install runs to create a macro, in order,
// with what each one's body names.
type macroCatalog struct {
	names []string          // lower-case, in install order
	stmts map[string]string // name → CREATE statement
	deps  map[string][]string
	// goFuncs are the Go functions each macro's body calls, registered
	// before it is created
	goFuncs map[string][]string
}

// loadCatalog builds the catalog once: the dialect's macros, then is_private.
func loadCatalog() *macroCatalog {
	catalogOnce.Do(func() {
		c := &macroCatalog{stmts: map[string]string{}, deps: map[string][]string{}, goFuncs: map[string][]string{}}
		add := func(name, stmt string) {
			name = strings.ToLower(name)
			if _, dup := c.stmts[name]; !dup {
				c.names = append(c.names, name)
			}
			c.stmts[name] = stmt // a later definition replaces, as in Install
		}
		for _, m := range dialectMacros() {
			add(m.name, "CREATE OR REPLACE TEMP MACRO "+m.name+m.def)
		}
		add(PrivateMacro, privateMacroSQL)
		for _, name := range c.names {
			for tok := range words(c.stmts[name]) {
				if _, ok := c.stmts[tok]; ok && tok != name {
					c.deps[name] = append(c.deps[name], tok)
				}
				if _, ok := goFuncs[tok]; ok {
					c.goFuncs[name] = append(c.goFuncs[name], tok)
				}
			}
		}
		catalog = c
	})
	return catalog
}

// words returns the distinct identifier-like words of s, lower-cased.
func words(s string) map[string]bool {
	isWord := func(r rune) bool {
		return r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	out := map[string]bool{}
	for _, tok := range strings.FieldsFunc(s, func(r rune) bool { return !isWord(r) }) {
		out[strings.ToLower(tok)] = true
	}
	return out
}

// InstallLazy applies the dialect's session settings on conn and makes it a
// lazy connection: Ensure installs each macro when a statement first names
// it. Forget releases the connection's state when it closes.
func InstallLazy(ctx context.Context, conn *sql.Conn) error {
	if err := applySettings(ctx, conn); err != nil {
		return err
	}
	lazyConns.Store(conn, &lazyState{installed: map[string]bool{}})
	return nil
}

// Forget drops what the dialect knows of conn, once it is closed.
func Forget(conn *sql.Conn) {
	lazyConns.Delete(conn)
	forgetGoFuncs(conn)
}

// Ensure installs on a lazy connection the macros stmt names, and those
// they name, that it does not have yet. On any other connection (plain, or
// with the whole dialect installed) it does nothing.
func Ensure(ctx context.Context, conn *sql.Conn, stmt string) error {
	v, ok := lazyConns.Load(conn)
	if !ok {
		return nil
	}
	st := v.(*lazyState)
	c := loadCatalog()
	want := map[string]bool{}
	var visit func(name string)
	visit = func(name string) {
		if want[name] || st.installed[name] {
			return
		}
		want[name] = true
		for _, d := range c.deps[name] {
			visit(d)
		}
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	for tok := range words(stmt) {
		if _, ok := c.stmts[tok]; ok {
			visit(tok)
		}
		if _, ok := goFuncs[tok]; ok {
			if err := registerGoFunc(conn, tok); err != nil {
				return err
			}
		}
	}
	return st.install(ctx, conn, c, want)
}

// ensureAll installs every macro a lazy connection does not have yet, and
// registers the Go functions, and reports whether it added any.
func ensureAll(ctx context.Context, conn *sql.Conn) (bool, error) {
	v, ok := lazyConns.Load(conn)
	if !ok {
		return false, nil
	}
	st := v.(*lazyState)
	c := loadCatalog()
	st.mu.Lock()
	defer st.mu.Unlock()
	want := map[string]bool{}
	for _, name := range c.names {
		if !st.installed[name] {
			want[name] = true
		}
	}
	added, err := registerGoFuncs(conn)
	if err != nil {
		return false, err
	}
	return len(want) > 0 || added, st.install(ctx, conn, c, want)
}

// install creates the wanted macros in catalog order (what a macro names is
// created before it).
func (st *lazyState) install(ctx context.Context, conn *sql.Conn, c *macroCatalog, want map[string]bool) error {
	if len(want) == 0 {
		return nil
	}
	for _, name := range c.names {
		if !want[name] {
			continue
		}
		for _, f := range c.goFuncs[name] {
			if err := registerGoFunc(conn, f); err != nil {
				return err
			}
		}
		if _, err := conn.ExecContext(ctx, c.stmts[name]); err != nil {
			return fmt.Errorf("athena dialect macro %s: %w", name, err)
		}
		st.installed[name] = true
	}
	return nil
}

// missingFunction matches DuckDB's error for a function that does not exist.
var missingFunction = regexp.MustCompile(`(?i)function with name "?([a-z0-9_]+)"? does not exist`)

// missingMacro reports whether err is DuckDB not finding a function that is
// one of the dialect's macros.
func missingMacro(err error) bool {
	var de *duckdb.Error
	if !errors.As(err, &de) || de.Type != duckdb.ErrorTypeCatalog {
		return false
	}
	m := missingFunction.FindStringSubmatch(de.Msg)
	if m == nil {
		return false
	}
	name := strings.ToLower(m[1])
	_, ok := loadCatalog().stmts[name]
	_, isGo := goFuncs[name]
	return ok || isGo
}

// MacroNames returns the names of every macro the dialect installs, sorted,
// for completion: a lazy session has only those its statements named.
func MacroNames() []string {
	names := slices.Clone(loadCatalog().names)
	slices.Sort(names)
	return names
}
