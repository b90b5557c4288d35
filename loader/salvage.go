package loader

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/store"
)

// wholeLineDelim is a field delimiter no flow-log line contains, so that
// read_csv reads each line whole, as one column.
const wholeLineDelim = "chr(1) || chr(2) || chr(3) || chr(4)"

// salvageQuarantined loads again, line by line in SQL, the files of a text
// group that had rows with unacceptable values (inserted under their
// negated file id by textInsert): their rows are deleted, and each of their
// lines is split and checked by splitLines, which loads the good ones and
// keeps the others with the reason and the line number. Files without such
// rows, nearly all of them, are not read again.
func salvageQuarantined(ctx context.Context, tx *sql.Tx, g *group, jobs []*job, f filter.Filter, n int) error {
	ids, err := quarantinedIDs(ctx, tx)
	if err != nil || len(ids) == 0 {
		return err
	}
	byID := map[int64]*job{}
	for _, j := range jobs {
		byID[j.id] = j
	}
	for _, id := range ids {
		j, ok := byID[id]
		if !ok {
			continue
		}
		if err := salvageFile(ctx, tx, g, j, f, n); err != nil {
			return err
		}
	}
	return nil
}

// salvageFile deletes the rows and rejects of j (under its id or its negated
// id) and loads its lines again one by one with splitLines, which keeps each
// line that is not a good record with the reason and its line number.
func salvageFile(ctx context.Context, tx *sql.Tx, g *group, j *job, f filter.Filter, n int) error {
	id := j.id
	for _, stmt := range []string{
		fmt.Sprintf("DELETE FROM %s WHERE %s IN (?, ?)", store.RecordsTable, store.ColFileID),
		fmt.Sprintf("DELETE FROM %s WHERE file_id IN (?, ?)", store.RejectsTable),
	} {
		if _, err := tx.ExecContext(ctx, stmt, id, -id); err != nil {
			return fmt.Errorf("salvage %s: %w", j.Key, err)
		}
	}
	rejects, scans := fmt.Sprintf("_fd_rejects_%d_%d", n, id), fmt.Sprintf("_fd_scans_%d_%d", n, id)
	records, lineRejects := splitLines(g, f)
	stmts := append(wholeLines(g, j, rejects, scans), records, lineRejects,
		"DROP TABLE IF EXISTS "+linesTemp, "DROP TABLE IF EXISTS "+store.Ident(rejects), "DROP TABLE IF EXISTS "+store.Ident(scans))
	for _, stmt := range stmts {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("salvage %s: %w", j.Key, err)
		}
	}
	return nil
}

// salvageNUL loads again line by line (salvageFile) the files of text
// groups in which the gzip check found a NUL byte, so that each line holding
// one is a reject: textInsert does not test such groups for NUL bytes.
func salvageNUL(ctx context.Context, tx *sql.Tx, jobs []*job, groups map[*job]salvageFrom) error {
	for _, j := range jobs {
		from, ok := groups[j]
		if !ok || j.err != nil {
			continue
		}
		if err := salvageFile(ctx, tx, from.g, j, from.f, from.n); err != nil {
			return err
		}
	}
	return nil
}

// textInserted reports whether loadGroup loads g with textInsert (the
// kinds its switch does not read otherwise).
func textInserted(g *group) bool {
	switch g.kind {
	case KindParquet, KindCloudWatchJSON, KindCloudWatchConsole, KindJSONMessages, KindCloudWatchCSV:
		return false
	}
	return true
}

// salvageFrom is what salvageFile needs of the group a file loaded with:
// the group, its record filter and its statement number.
type salvageFrom struct {
	g *group
	f filter.Filter
	n int
}

// quarantinedIDs lists the file ids that have rows under their negated id.
func quarantinedIDs(ctx context.Context, tx *sql.Tx) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, fmt.Sprintf("SELECT DISTINCT -%s FROM %s WHERE %s < 0 ORDER BY 1", store.ColFileID, store.RecordsTable, store.ColFileID))
	if err != nil {
		return nil, fmt.Errorf("find rejected values: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("find rejected values: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// wholeLines returns the statements that fill linesTemp with every line of
// j's file, numbered. read_csv reads the file in one thread as one column,
// so row_number() counts its lines in order; the lines it rejects (not
// UTF-8, too long) come with their own numbers from its rejects table, and
// each good line's number is its rank plus the rejected lines before it.
func wholeLines(g *group, j *job, rejects, scans string) []string {
	path := store.Literal(j.read)
	return []string{
		fmt.Sprintf(`CREATE OR REPLACE TEMP TABLE _fd_whole AS
SELECT row_number() OVER () AS rn, t AS text
FROM read_csv([%s], delim = %s, quote = '', escape = '', header = false, auto_detect = false, parallel = false,
              columns = {'t': 'VARCHAR'}, compression = %s, store_rejects = true, rejects_table = %s, rejects_scan = %s)`,
			path, wholeLineDelim, store.Literal(g.compression), store.Literal(rejects), store.Literal(scans)),
		fmt.Sprintf(`CREATE OR REPLACE TEMP TABLE %s AS
WITH bad AS (SELECT line, row_number() OVER (ORDER BY line) AS i FROM (SELECT DISTINCT line FROM %s))
SELECT %s AS path, w.rn + (SELECT count(*) FROM bad WHERE bad.line - bad.i < w.rn) AS line, coalesce(w.text, '') AS text,
       CAST(NULL AS TIMESTAMPTZ) AS event_time, CAST(NULL AS VARCHAR) AS problem
FROM _fd_whole AS w
UNION ALL
%s`, linesTemp, store.Ident(rejects), path, rejectedSelect(path, rejects, scans)),
		"DROP TABLE IF EXISTS _fd_whole",
	}
}
