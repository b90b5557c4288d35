package loader

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/flowduck/flowduck/internal/dialect"
	"github.com/flowduck/flowduck/internal/store"
)

// addressesCanonical reports whether every address text of the records this
// load added (file ids above maxID) is canonical (store.CanonicalColumn).
// It tests each distinct text once: DuckDB hashes the column, which costs
// far less than a regular expression per record, and a busy VPC's records
// repeat a few thousand addresses millions of times.
func addressesCanonical(ctx context.Context, tx store.Querier, maxID int64) (bool, error) {
	loaded, err := store.DataColumns(ctx, tx)
	if err != nil {
		return false, err
	}
	var parts []string
	for _, c := range store.AddressColumns() {
		if _, ok := loaded[c]; ok {
			parts = append(parts, fmt.Sprintf("SELECT %s AS v FROM %s WHERE %s > %d", store.Ident(c), store.RecordsTable, store.ColFileID, maxID))
		}
	}
	if len(parts) == 0 {
		return true, nil
	}
	q := fmt.Sprintf("SELECT coalesce(bool_and(%s), true) FROM (SELECT DISTINCT v FROM (%s) WHERE v IS NOT NULL)",
		store.CanonicalTextSQL("v"), strings.Join(parts, "\nUNION ALL\n"))
	var ok bool
	if err := tx.QueryRowContext(ctx, q).Scan(&ok); err != nil {
		return false, fmt.Errorf("check the loaded addresses: %w", err)
	}
	return ok, nil
}

// AddressClaim is what `flowduck check` finds of the manifest's claim that
// every address text is canonical (store.CanonicalColumn), on which the
// dialect's address predicates rely.
type AddressClaim struct {
	// Claimed: every file with records says its addresses were canonical.
	Claimed bool
	// Holds: the records' addresses are canonical (tested when Claimed).
	Holds bool
}

// OK reports whether the claim, when made, holds.
func (c AddressClaim) OK() bool { return !c.Claimed || c.Holds }

// String describes the claim in one line.
func (c AddressClaim) String() string {
	switch {
	case !c.Claimed:
		return "addresses: not every file's were checked at load (loaded by an older flowduck, or one held an address that is not canonical); network predicates test each address exactly"
	case c.Holds:
		return "addresses: every address text is canonical, as the manifest says"
	}
	return "addresses: the manifest says every address text is canonical, but a record holds one that is not (changed by hand?); network predicates would count it"
}

// CheckAddresses tests the manifest's address claim against every record.
// It reads each distinct address once (2 s at 100 M records), so loads do
// not run it; `flowduck check` does.
func CheckAddresses(ctx context.Context, q store.Querier) (AddressClaim, error) {
	var c AddressClaim
	claimed, err := dialect.AddressesClaimed(ctx, q)
	if err != nil || !claimed {
		return c, err
	}
	c.Claimed = true
	c.Holds, err = addressesCanonical(ctx, q, math.MinInt64)
	return c, err
}

// DropAddressClaim withdraws the manifest's address claim, so that address
// predicates test each address exactly again.
func DropAddressClaim(ctx context.Context, q store.Querier) error {
	if _, err := q.ExecContext(ctx, fmt.Sprintf("UPDATE %s SET %s = false WHERE %s", store.FilesTable, store.CanonicalColumn, store.CanonicalColumn)); err != nil {
		return fmt.Errorf("withdraw the address claim: %w", err)
	}
	return nil
}
