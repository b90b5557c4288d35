package loader

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"strings"

	"github.com/flowduck/flowduck/internal/store"
)

// The database invariant: every row of the records and rejects tables
// belongs to a file of the manifest, and each manifest entry's record and
// reject counts are the rows it has. A load keeps it (it is one transaction);
// a crash in the middle of DuckDB's commit can break it (DuckDB may replay
// part of a cut write-ahead log), so every load checks it first and repairs
// what it finds, and `flowduck check` reports it.

// Report is the outcome of Check: what breaks the invariant.
type Report struct {
	// Files, Records and Rejects are the sizes of the manifest, the records
	// table and the rejects table.
	Files, Records, Rejects int64
	// Orphans are file ids with rows but no manifest entry.
	Orphans []Orphan
	// Mismatches are manifest entries whose counts are not the rows they have.
	Mismatches []Mismatch
}

// Orphan is a file id that has records or rejects but no manifest entry.
type Orphan struct {
	FileID           int64
	Records, Rejects int64
}

// Mismatch is a manifest entry whose counts disagree with its rows.
type Mismatch struct {
	FileID                         int64
	Path                           string
	Entries                        int64 // manifest rows with this id (1 unless duplicated)
	ManifestRecords, Records       int64
	ManifestRejects, RejectedLines int64
}

// OK reports whether the invariant holds.
func (r Report) OK() bool { return len(r.Orphans) == 0 && len(r.Mismatches) == 0 }

// OrphanRecords is the number of records that belong to no manifest entry.
func (r Report) OrphanRecords() int64 {
	var n int64
	for _, o := range r.Orphans {
		n += o.Records
	}
	return n
}

// String describes the report in one line per problem.
func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d file(s), %d records, %d rejects", r.Files, r.Records, r.Rejects)
	if r.OK() {
		b.WriteString(": consistent")
		return b.String()
	}
	for _, o := range r.Orphans {
		fmt.Fprintf(&b, "\nfile id %d is not in the manifest but has %d records and %d rejects", o.FileID, o.Records, o.Rejects)
	}
	for _, m := range r.Mismatches {
		switch {
		case m.Entries > 1:
			fmt.Fprintf(&b, "\n%s: file id %d has %d manifest entries", m.Path, m.FileID, m.Entries)
		default:
			fmt.Fprintf(&b, "\n%s: the manifest says %d records and %d rejects, the tables hold %d and %d",
				m.Path, m.ManifestRecords, m.ManifestRejects, m.Records, m.RejectedLines)
		}
	}
	return b.String()
}

// checkSQL lists every file id whose rows and manifest entry disagree.
var checkSQL = `WITH f AS (
  SELECT id, min(path) AS path, count(*) AS entries, sum(records) AS records, sum(rejects) AS rejects
  FROM ` + store.FilesTable + ` GROUP BY id
), r AS (
  SELECT ` + store.ColFileID + ` AS id, count(*) AS n FROM ` + store.RecordsTable + ` GROUP BY 1
), j AS (
  SELECT file_id AS id, count(*) AS n FROM ` + store.RejectsTable + ` GROUP BY 1
), ids AS (
  SELECT id FROM f UNION SELECT id FROM r UNION SELECT id FROM j
)
SELECT ids.id, f.path, coalesce(f.entries, 0), coalesce(f.records, 0), coalesce(r.n, 0),
       coalesce(f.rejects, 0), coalesce(j.n, 0)
FROM ids LEFT JOIN f ON f.id IS NOT DISTINCT FROM ids.id
LEFT JOIN r ON r.id IS NOT DISTINCT FROM ids.id
LEFT JOIN j ON j.id IS NOT DISTINCT FROM ids.id
WHERE f.id IS NULL OR f.entries > 1 OR coalesce(f.records, 0) <> coalesce(r.n, 0) OR coalesce(f.rejects, 0) <> coalesce(j.n, 0)
ORDER BY 1`

// Check verifies the invariant: rows ⊆ manifest, and the manifest's counts
// are the rows per file. A database with nothing loaded is consistent.
func Check(ctx context.Context, q store.Querier) (Report, error) {
	var rep Report
	exists, err := store.Exists(ctx, q)
	if err != nil || !exists {
		return rep, err
	}
	sizes := fmt.Sprintf("SELECT (SELECT count(*) FROM %s), (SELECT count(*) FROM %s), (SELECT count(*) FROM %s)",
		store.FilesTable, store.RecordsTable, store.RejectsTable)
	if err := q.QueryRowContext(ctx, sizes).Scan(&rep.Files, &rep.Records, &rep.Rejects); err != nil {
		return rep, fmt.Errorf("check database: %w", err)
	}
	rows, err := q.QueryContext(ctx, checkSQL)
	if err != nil {
		return rep, fmt.Errorf("check database: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id *int64
		var path *string
		var m Mismatch
		if err := rows.Scan(&id, &path, &m.Entries, &m.ManifestRecords, &m.Records, &m.ManifestRejects, &m.RejectedLines); err != nil {
			return rep, fmt.Errorf("check database: %w", err)
		}
		if id != nil {
			m.FileID = *id
		}
		if m.Entries == 0 {
			rep.Orphans = append(rep.Orphans, Orphan{FileID: m.FileID, Records: m.Records, Rejects: m.RejectedLines})
			continue
		}
		m.Path = *path
		rep.Mismatches = append(rep.Mismatches, m)
	}
	if err := rows.Err(); err != nil {
		return rep, fmt.Errorf("check database: %w", err)
	}
	return rep, nil
}

// Repair restores the invariant found broken in rep, in one transaction on
// q's connection: it deletes the rows of files missing from the manifest, and
// the rows and manifest entries of files whose counts disagree (the next load
// loads those again from the source). The ids of the deleted rows stay used:
// the high-water mark of file ids is raised past them first.
func Repair(ctx context.Context, conn *sql.Conn, rep Report) error {
	if rep.OK() {
		return nil
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("repair database: %w", err)
	}
	if err := repair(ctx, tx, rep); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("repair database: commit: %w", err)
	}
	return nil
}

// repair does Repair's work inside its transaction.
func repair(ctx context.Context, q store.Querier, rep Report) error {
	if err := store.Ensure(ctx, q); err != nil {
		return err
	}
	high, err := highWater(ctx, q)
	if err != nil {
		return err
	}
	if err := saveHighWater(ctx, q, high); err != nil {
		return err
	}
	stmts := []string{
		// Rows of no manifest entry (a NULL file id included).
		"DELETE FROM " + store.RecordsTable + " AS r WHERE NOT EXISTS (SELECT 1 FROM " + store.FilesTable + " AS f WHERE f.id = r." + store.ColFileID + ")",
		"DELETE FROM " + store.RejectsTable + " AS r WHERE NOT EXISTS (SELECT 1 FROM " + store.FilesTable + " AS f WHERE f.id = r.file_id)",
	}
	for _, s := range stmts {
		if _, err := q.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("repair database: %w", err)
		}
	}
	for _, m := range rep.Mismatches {
		if err := dropFile(ctx, q, m.FileID); err != nil {
			return fmt.Errorf("repair database: %w", err)
		}
		if _, err := q.ExecContext(ctx, "DELETE FROM "+store.FilesTable+" WHERE id = ?", m.FileID); err != nil {
			return fmt.Errorf("repair database: %s: %w", m.Path, err)
		}
	}
	return nil
}

// highWater is the highest file id ever handed out: the saved mark, and any
// id present in the manifest, the records or the rejects (rows a crash left
// behind count too, so their ids are never given to another file).
func highWater(ctx context.Context, q store.Querier) (int64, error) {
	var high int64
	stmt := fmt.Sprintf(`SELECT greatest(
  coalesce((SELECT max(high) FROM %s), 0), coalesce((SELECT max(id) FROM %s), 0),
  coalesce((SELECT max(%s) FROM %s), 0), coalesce((SELECT max(file_id) FROM %s), 0))`,
		store.IDsTable, store.FilesTable, store.ColFileID, store.RecordsTable, store.RejectsTable)
	if err := q.QueryRowContext(ctx, stmt).Scan(&high); err != nil {
		return 0, fmt.Errorf("read file ids: %w", err)
	}
	return high, nil
}

// saveHighWater records high as the highest file id handed out.
func saveHighWater(ctx context.Context, q store.Querier, high int64) error {
	for _, stmt := range []string{"DELETE FROM " + store.IDsTable, "INSERT INTO " + store.IDsTable + " VALUES (?)"} {
		var args []any
		if strings.HasPrefix(stmt, "INSERT") {
			args = []any{high}
		}
		if _, err := q.ExecContext(ctx, stmt, args...); err != nil {
			return fmt.Errorf("save file ids: %w", err)
		}
	}
	return nil
}

// heal checks the invariant before a load and repairs it, saying on w what
// it removed.
func heal(ctx context.Context, conn *sql.Conn, w io.Writer) error {
	rep, err := Check(ctx, conn)
	if err != nil || rep.OK() {
		return err
	}
	if err := Repair(ctx, conn, rep); err != nil {
		return err
	}
	if w != nil {
		fmt.Fprintf(w, "warning: repaired the database before loading: %s\n", rep.Summary())
	}
	return nil
}

// Summary says in one line what Repair does for rep.
func (r Report) Summary() string {
	var parts []string
	if len(r.Orphans) > 0 {
		var rejects int64
		for _, o := range r.Orphans {
			rejects += o.Rejects
		}
		parts = append(parts, fmt.Sprintf("removed %d records and %d rejects of %d file id(s) missing from the manifest (left by an interrupted load)",
			r.OrphanRecords(), rejects, len(r.Orphans)))
	}
	if len(r.Mismatches) > 0 {
		parts = append(parts, fmt.Sprintf("removed %d file(s) whose rows disagree with the manifest, to be loaded again", len(r.Mismatches)))
	}
	return strings.Join(parts, "; ")
}
