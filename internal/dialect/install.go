// Package dialect is flowduck's Athena (Presto/Trino) SQL dialect on DuckDB:
// the function shims installed as temporary macros (Install), the rewrite of
// a statement's syntax tree for what macros cannot express (Rewrite), the
// explained errors for constructs that cannot run (ExplainError), and Query,
// which runs one statement through all of them for the sql command and the
// shell. DIALECT.md is the user-facing table of what is supported.
package dialect

import (
	"context"
	"database/sql"
	"fmt"
)

// macro is one temporary SQL macro of the Athena dialect. Its definition is
// everything after the name in CREATE MACRO: one or more parameter lists,
// each with its body, e.g. "(x) AS to_timestamp(x), (x, zone) AS ...".
type macro struct {
	name string
	def  string
}

// dialectSettings are the session settings that give DuckDB Presto semantics.
// integer_division makes INTEGER / INTEGER (and BIGINT) an integer division
// that truncates toward zero, as Presto does; DuckDB's default is a DOUBLE.
var dialectSettings = []string{
	"SET integer_division = true",
}

// dialectMacros lists every macro Install creates, helpers first. The
// groups live in macros_time.go, macros_format.go, macros_ip.go,
// macros_misc.go and macros_units.go.
func dialectMacros() []macro {
	var all []macro
	all = append(all, formatMacros...)
	all = append(all, timeMacros...)
	all = append(all, ipMacros...)
	all = append(all, miscMacros...)
	all = append(all, unitMacros...)
	return all
}

// Install installs the Athena/Presto function shims and flowduck's own
// helper macros (is_private) on conn as temporary macros, so the database
// file stays readable by plain DuckDB, and
// applies the session settings that give DuckDB Presto semantics (integer
// division). It must run once per connection; running it again replaces the
// macros. Statements that use IPADDRESS or contains(cidr, ip) additionally
// need Rewrite before they are executed. InstallLazy is the cheaper start
// for a session whose statements all pass through Ensure (see lazy.go).
func Install(ctx context.Context, conn *sql.Conn) error {
	if err := applySettings(ctx, conn); err != nil {
		return err
	}
	// whole: nothing is left to install lazily; the Go functions come
	// first, as is_private calls one
	lazyConns.Delete(conn)
	if _, err := registerGoFuncs(conn); err != nil {
		return err
	}
	for _, m := range dialectMacros() {
		stmt := "CREATE OR REPLACE TEMP MACRO " + m.name + m.def
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("athena dialect macro %s: %w", m.name, err)
		}
	}
	if _, err := conn.ExecContext(ctx, privateMacroSQL); err != nil {
		return fmt.Errorf("install %s: %w", PrivateMacro, err)
	}
	return nil
}

// applySettings applies dialectSettings on conn.
func applySettings(ctx context.Context, conn *sql.Conn) error {
	for _, stmt := range dialectSettings {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("athena dialect setting %q: %w", stmt, err)
		}
	}
	return nil
}
