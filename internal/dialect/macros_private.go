package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/flowduck/flowduck/schema"
)

// PrivateRange is one address range flowduck treats as private (inside an
// estate) rather than external.
type PrivateRange struct {
	CIDR string
	Doc  string
}

// PrivateRanges are the private address ranges: the Private entries of the
// one address classifier, schema.AddressRanges, which also gives the flows
// view its src_scope and dst_scope. is_private is generated from it, Install
// puts it on every session that runs the user's SQL, and every report that
// tells inside from outside uses it.
var PrivateRanges = privateRanges()

// privateRanges picks the private ranges out of schema.AddressRanges.
func privateRanges() []PrivateRange {
	var ranges []PrivateRange
	for _, r := range schema.AddressRanges {
		if r.Private {
			ranges = append(ranges, PrivateRange{CIDR: r.CIDR, Doc: r.Doc})
		}
	}
	return ranges
}

// PrivateMacro is the name of the flowduck helper macro is_private(addr): it
// is true for an address in PrivateRanges, false for any other address and
// NULL for NULL or text that is not an address.
const PrivateMacro = "is_private"

// privateMacroSQL returns the CREATE TEMP MACRO statement for is_private:
// the address's scope (schema.ScopeSQL) is one of the private scopes.
func privateMacroSQL() (string, error) {
	expr, err := PrivateSQL("addr")
	if err != nil {
		return "", err
	}
	return `CREATE OR REPLACE TEMP MACRO ` + PrivateMacro + `(addr) AS ` + expr, nil
}

// PrivateSQL returns the expression is_private(addr) stands for, over the
// SQL expression addr.
func PrivateSQL(addr string) (string, error) {
	scope, err := schema.ScopeSQL(addr)
	if err != nil {
		return "", err
	}
	quoted := make([]string, 0, len(schema.PrivateScopes()))
	for _, s := range schema.PrivateScopes() {
		quoted = append(quoted, "'"+s+"'")
	}
	return scope + ` IN (` + strings.Join(quoted, ", ") + `)`, nil
}

// InstallPrivate creates the is_private macro on conn, as a temporary macro.
func InstallPrivate(ctx context.Context, conn *sql.Conn) error {
	stmt, err := privateMacroSQL()
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, stmt); err != nil {
		return fmt.Errorf("install %s: %w", PrivateMacro, err)
	}
	return nil
}
