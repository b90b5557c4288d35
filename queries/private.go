package queries

import (
	"context"
	"database/sql"

	"github.com/flowduck/flowduck/internal/dialect"
)

// PrivateRange is one address range the reports treat as private; the
// ranges are defined once, in package dialect, next to the is_private macro
// every session has.
type PrivateRange = dialect.PrivateRange

// PrivateRanges are the private address ranges is_private knows.
var PrivateRanges = dialect.PrivateRanges

// PrivateMacro is the name of the macro the reports use to tell inside from
// outside: is_private(addr).
const PrivateMacro = dialect.PrivateMacro

// installPrivate creates the is_private macro on conn, for a connection
// that did not get the dialect.
func installPrivate(ctx context.Context, conn *sql.Conn) error {
	return dialect.InstallPrivate(ctx, conn)
}
