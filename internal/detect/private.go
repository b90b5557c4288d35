package detect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/flowduck/flowduck/internal/dialect"
	"github.com/flowduck/flowduck/internal/store"
)

// The detections tell inside from outside with is_private(addr), an
// expression that parses the address text: on 10 million records, two calls
// per record cost some 17 s of CPU, and most detections make them, over
// every record. A scope has few distinct addresses (about 50,000 in the
// load benchmark's 10 million records), so while the detections run,
// privateLookup classifies each distinct srcaddr and dstaddr once and
// replaces the session's is_private macro with a lookup in that table (two
// hash joins), falling back to the full expression for any other value
// (pkt_srcaddr, a literal). Same answers, NULL for NULL and non-addresses
// included; restore puts the dialect's macro back.

// Names of the lookup's temporary objects.
const (
	addrTable   = "flowduck_detect_addrs"
	fullPrivate = "flowduck_is_private_full"
)

// privateLookup installs the lookup over the open scope's vpc_flow_logs.
// restore (never nil) drops it and reinstalls the dialect's is_private,
// even when ctx is cancelled.
func privateLookup(ctx context.Context, conn *sql.Conn) (restore func(context.Context) error, err error) {
	restore = func(ctx context.Context) error {
		ctx = context.WithoutCancel(ctx)
		var errs []error
		if err := dialect.InstallPrivate(ctx, conn); err != nil {
			errs = append(errs, err)
		}
		for _, stmt := range []string{"DROP TABLE IF EXISTS temp." + addrTable, "DROP MACRO IF EXISTS temp." + fullPrivate} {
			if _, err := conn.ExecContext(ctx, stmt); err != nil {
				errs = append(errs, fmt.Errorf("detect: %w", err))
			}
		}
		return errors.Join(errs...)
	}
	full, err := dialect.PrivateSQL("addr")
	if err != nil {
		return restore, err
	}
	view := "temp." + store.DefaultView
	stmts := []string{
		"CREATE OR REPLACE TEMP MACRO " + fullPrivate + "(addr) AS " + full,
		// the column is not called addr: a macro's parameter would shadow it
		"CREATE OR REPLACE TEMP TABLE " + addrTable + " AS SELECT known, " + fullPrivate + "(known) AS private FROM (" +
			"SELECT srcaddr AS known FROM " + view + " UNION SELECT dstaddr FROM " + view + ") WHERE known IS NOT NULL",
		"CREATE OR REPLACE TEMP MACRO " + dialect.PrivateMacro + "(addr) AS CASE" +
			" WHEN CAST(addr AS VARCHAR) IN (SELECT known FROM temp." + addrTable + " WHERE private) THEN true" +
			" WHEN CAST(addr AS VARCHAR) IN (SELECT known FROM temp." + addrTable + " WHERE NOT private) THEN false" +
			" ELSE " + fullPrivate + "(addr) END",
	}
	for _, stmt := range stmts {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return restore, fmt.Errorf("detect: classify the addresses: %w", err)
		}
	}
	return restore, nil
}
