package loader

import (
	"slices"
	"testing"

	"github.com/flowduck/flowduck/internal/dialect"
	"github.com/flowduck/flowduck/internal/store"
)

// TestStoreNames keeps the names the dialect reads from a flowduck database
// (it cannot import the store package) the store's.
func TestStoreNames(t *testing.T) {
	records, files, canonical, addresses := dialect.StoreNames()
	if records != store.RecordsTable || files != store.FilesTable || canonical != store.CanonicalColumn {
		t.Errorf("dialect reads %s, %s, %s; the store has %s, %s, %s", records, files, canonical, store.RecordsTable, store.FilesTable, store.CanonicalColumn)
	}
	if !slices.Equal(addresses, store.AddressColumns()) {
		t.Errorf("dialect's address columns %v, the store's %v", addresses, store.AddressColumns())
	}
}
