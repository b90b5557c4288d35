package loader

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/flowduck/flowduck/internal/store"
)

// addressesCanonical reports whether every address text of the records this
// load added (file ids above maxID) is canonical (store.CanonicalColumn).
// It tests each distinct text once: DuckDB hashes the column, which costs
// far less than a regular expression per record, and a busy VPC's records
// repeat a few thousand addresses millions of times.
func addressesCanonical(ctx context.Context, tx *sql.Tx, maxID int64) (bool, error) {
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
