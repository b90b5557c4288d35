package dialect

// Whether an address column's texts are canonical, for the choice of a
// folded predicate's form (rewrite_choose.go): the manifest's claim, and
// whether a table or view reads the records table's own column.

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// The names of flowduck's tables that the choice reads; the store package
// owns them (store.RecordsTable, store.FilesTable, store.CanonicalColumn,
// store.AddressColumns), which imports this package in its tests, and
// TestStoreNames in the loader package keeps the two in step.
const (
	recordsTable    = "flowduck_records"
	filesTable      = "flowduck_files"
	canonicalColumn = "addresses_canonical"
)

// addressColumns are the records table's columns that hold IP addresses.
var addressColumns = []string{"srcaddr", "dstaddr", "pkt_srcaddr", "pkt_dstaddr"}

// StoreNames returns the table and column names the dialect reads from a
// flowduck database, for a test to compare with the store package's.
func StoreNames() (records, files, canonical string, addresses []string) {
	return recordsTable, filesTable, canonicalColumn, append([]string(nil), addressColumns...)
}

// isAddressColumn reports whether col (any case) is one of addressColumns.
func isAddressColumn(col string) bool {
	for _, c := range addressColumns {
		if strings.EqualFold(c, col) {
			return true
		}
	}
	return false
}

// canonicalColumn reports whether col of the table or view from is one of
// the records table's address columns, read as it is stored, and every
// loaded file's addresses were canonical.
func (r *rewriter) canonicalColumn(from map[string]any, col string) bool {
	if !isAddressColumn(col) || !r.addressesCanonical() {
		return false
	}
	if catalog, _ := from["catalog_name"].(string); catalog != "" {
		return false
	}
	schema, _ := from["schema_name"].(string)
	table, _ := from["table_name"].(string)
	key := strings.ToLower(schema + "." + table + "." + col)
	if ok, seen := r.recordsColumns[key]; seen {
		return ok
	}
	ok := r.readsRecordsColumn(schema, table, col, 2)
	if r.recordsColumns == nil {
		r.recordsColumns = map[string]bool{}
	}
	r.recordsColumns[key] = ok
	return ok
}

// addressesCanonical asks the manifest, once a statement, whether every file
// with records had canonical addresses (AddressesClaimed); an error says no.
func (r *rewriter) addressesCanonical() bool {
	if r.canonical == nil {
		ok, err := AddressesClaimed(r.ctx, r.conn)
		ok = ok && err == nil
		r.canonical = &ok
	}
	return *r.canonical
}

// RowQuerier runs a query that returns rows: a *sql.Conn, *sql.Tx or *sql.DB.
type RowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// AddressesClaimed reports whether the manifest says that every file with
// records had canonical addresses, the claim the canonical form of a network
// predicate relies on. A database without the manifest's column (plain
// DuckDB, an older flowduck, nothing loaded) makes no claim.
func AddressesClaimed(ctx context.Context, q RowQuerier) (bool, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ? AND column_name = ?`,
		filesTable, canonicalColumn).Scan(&n); err != nil {
		return false, fmt.Errorf("read the address claim: %w", err)
	}
	if n == 0 {
		return false, nil
	}
	var claimed bool
	q2 := "SELECT count(*) > 0 AND coalesce(bool_and(coalesce(" + canonicalColumn + ", false)), false) FROM main." +
		filesTable + " WHERE records > 0"
	if err := q.QueryRowContext(ctx, q2).Scan(&claimed); err != nil {
		return false, fmt.Errorf("read the address claim: %w", err)
	}
	return claimed, nil
}

// readsRecordsColumn reports whether column col of schema.table is the
// records table's column of that name, row for row: the table itself, a
// view flowduck writes (store.ViewSQL: "col AS col, ... FROM
// main.flowduck_records"), or a view of all of such a view's columns
// ("SELECT * FROM main.view"), up to depth views deep.
func (r *rewriter) readsRecordsColumn(schema, table, col string, depth int) bool {
	if schema == "" {
		schema = "main"
	}
	if strings.EqualFold(schema, "main") && strings.EqualFold(table, recordsTable) {
		// a column the table lacks would be an outer query's
		var n int
		err := r.conn.QueryRowContext(r.ctx, `SELECT count(*) FROM duckdb_columns()
WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ? AND lower(column_name) = ?`,
			recordsTable, col).Scan(&n)
		return err == nil && n == 1
	}
	if depth == 0 {
		return false
	}
	var def string
	if err := r.conn.QueryRowContext(r.ctx, `SELECT sql FROM duckdb_views()
WHERE database_name = current_database() AND lower(schema_name) = lower(?) AND lower(view_name) = lower(?)`,
		schema, table).Scan(&def); err != nil {
		return false
	}
	_, body, ok := strings.Cut(def, " AS SELECT ")
	if !ok {
		return false
	}
	body = strings.TrimSuffix(strings.TrimSpace(body), ";")
	if rest, ok := strings.CutPrefix(body, "* FROM main."); ok && !strings.ContainsAny(rest, " ,()") {
		return r.readsRecordsColumn("main", strings.Trim(rest, `"`), col, depth-1)
	}
	list, ok := strings.CutSuffix(body, " FROM main."+recordsTable)
	if !ok || strings.Contains(list, " FROM ") {
		return false
	}
	for _, item := range strings.Split(list, ", ") {
		if item == col+" AS "+col {
			return true
		}
	}
	return false
}
