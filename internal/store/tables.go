package store

import (
	"context"
	"fmt"
	"strings"
)

// provenanceColumns are the records table's first columns, its provenance.
const provenanceColumns = ColFileID + ` BIGINT, ` + ColAccount + ` VARCHAR, ` + ColRegion + ` VARCHAR, ` +
	ColDate + ` DATE, ` + ColHour + ` INTEGER, ` + ColEventTime + ` TIMESTAMPTZ`

// modelDDL creates the tables of the database model. The records table starts
// with its provenance columns only; data columns are added as fields are
// first loaded (AddColumns).
var modelDDL = []string{
	`CREATE TABLE IF NOT EXISTS ` + FilesTable + ` (
		id        BIGINT NOT NULL,
		path      VARCHAR NOT NULL,
		size      BIGINT,
		mtime     TIMESTAMPTZ,
		etag      VARCHAR,
		format    VARCHAR,
		header    VARCHAR,
		fields    VARCHAR[],
		records   BIGINT,
		rejects   BIGINT,
		loaded_at TIMESTAMPTZ,
		skipped   VARCHAR,
		content   VARCHAR
	)`,
	// Databases written before skipped files were recorded.
	`ALTER TABLE ` + FilesTable + ` ADD COLUMN IF NOT EXISTS skipped VARCHAR`,
	// Databases written before files carried a content identity (the
	// loader's copy check).
	`ALTER TABLE ` + FilesTable + ` ADD COLUMN IF NOT EXISTS content VARCHAR`,
	// Databases written before loads checked their addresses.
	`ALTER TABLE ` + FilesTable + ` ADD COLUMN IF NOT EXISTS ` + CanonicalColumn + ` BOOLEAN`,
	`CREATE TABLE IF NOT EXISTS ` + RecordsTable + ` (` + provenanceColumns + `)`,
	`CREATE TABLE IF NOT EXISTS ` + RejectsTable + ` (
		file_id BIGINT,
		path    VARCHAR,
		line    BIGINT,
		reason  VARCHAR,
		text    VARCHAR
	)`,
	`CREATE TABLE IF NOT EXISTS ` + ViewsTable + ` (
		name   VARCHAR NOT NULL,
		layout VARCHAR NOT NULL
	)`,
	`CREATE TABLE IF NOT EXISTS ` + StreamsTable + ` (
		region     VARCHAR NOT NULL,
		log_group  VARCHAR NOT NULL,
		log_stream VARCHAR NOT NULL,
		first_ms   BIGINT NOT NULL,
		last_ms    BIGINT NOT NULL,
		last_ids   VARCHAR[] NOT NULL,
		file_ids   BIGINT[] NOT NULL,
		read_at    TIMESTAMPTZ
	)`,
	`CREATE TABLE IF NOT EXISTS ` + IDsTable + ` (high BIGINT NOT NULL)`,
	`CREATE SCHEMA IF NOT EXISTS "` + AthenaSchema + `"`,
}

// Ensure creates the model's tables if they do not exist yet.
func Ensure(ctx context.Context, q Querier) error {
	for _, ddl := range modelDDL {
		if _, err := q.ExecContext(ctx, ddl); err != nil {
			return fmt.Errorf("create flowduck tables: %w", err)
		}
	}
	return nil
}

// Exists reports whether the database holds flowduck's model (a load has run).
func Exists(ctx context.Context, q Querier) (bool, error) {
	return tableExists(ctx, q, RecordsTable)
}

// tableExists reports whether main has the table.
func tableExists(ctx context.Context, q Querier, table string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_tables()
		WHERE schema_name = 'main' AND table_name = ?`, table).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("inspect database: %w", err)
	}
	return n > 0, nil
}

// HasColumn reports whether table (in main) has the column: a database
// written by an older flowduck may lack a newer column until its next load.
func HasColumn(ctx context.Context, q Querier, table, column string) (bool, error) {
	cols, err := tableColumns(ctx, q, table)
	if err != nil {
		return false, fmt.Errorf("inspect %s: %w", table, err)
	}
	_, ok := cols[column]
	return ok, nil
}

// Ident quotes an SQL identifier.
func Ident(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// Literal quotes an SQL string literal.
func Literal(s string) string {
	return `'` + strings.ReplaceAll(s, `'`, `''`) + `'`
}

// LiteralList is a comma-separated list of string literals.
func LiteralList(values []string) string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = Literal(v)
	}
	return strings.Join(out, ", ")
}
