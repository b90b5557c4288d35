package loader

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/store"
)

// mtimeText is a job's modification time for the manifest, nil if unknown.
func mtimeText(j *job) *string {
	if j.ModTime.IsZero() {
		return nil
	}
	return text(j.ModTime.UTC().Truncate(time.Microsecond).Format(time.RFC3339Nano))
}

// createFilesTemp creates the temporary table that maps each file's local
// path to its manifest key and id and its path partition, joined to every
// record as it loads.
func createFilesTemp(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE `+filesTemp+` (
		path VARCHAR, key VARCHAR, id BIGINT, account VARCHAR, region VARCHAR, day DATE, hour INTEGER)`); err != nil {
		return fmt.Errorf("stage files: %w", err)
	}
	return nil
}

// stageFiles adds jobs to the temporary files table.
func stageFiles(ctx context.Context, tx *sql.Tx, jobs []*job) error {
	cols := []column{{"path", "VARCHAR"}, {"key", "VARCHAR"}, {"id", "BIGINT"}, {"account", "VARCHAR"},
		{"region", "VARCHAR"}, {"day", "DATE"}, {"hour", "INTEGER"}}
	rows := make([][]*string, len(jobs))
	for i, j := range jobs {
		var day, hour *string
		if !j.Part.Day.IsZero() {
			day = text(j.Part.Day.Format("2006-01-02"))
		}
		if j.Part.Hour >= 0 {
			hour = text(fmt.Sprint(j.Part.Hour))
		}
		rows[i] = []*string{&j.read, &j.Key, text(fmt.Sprint(j.id)), text(j.Part.Account), text(j.Part.Region), day, hour}
	}
	return bulkInsert(ctx, tx, filesTemp, cols, "*", rows)
}

// dropReplaced deletes the rows, rejects and manifest entries of the older
// versions of files reloaded (--force, or a file that changed), once the new
// version has loaded; a job that failed keeps its older version.
func dropReplaced(ctx context.Context, tx *sql.Tx, jobs []*job) error {
	for _, j := range jobs {
		if j.replaces == 0 || j.err != nil {
			continue
		}
		if err := dropFile(ctx, tx, j.replaces); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+store.FilesTable+" WHERE id = ?", j.replaces); err != nil {
			return fmt.Errorf("replace %s: %w", j.Key, err)
		}
	}
	return nil
}

// dropFile deletes the records and rejects of one file id.
func dropFile(ctx context.Context, tx store.Querier, id int64) error {
	for _, stmt := range []string{
		"DELETE FROM " + store.RecordsTable + " WHERE " + store.ColFileID + " = ?",
		"DELETE FROM " + store.RejectsTable + " WHERE file_id = ?",
	} {
		if _, err := tx.ExecContext(ctx, stmt, id); err != nil {
			return fmt.Errorf("remove rows of file %d: %w", id, err)
		}
	}
	return nil
}

// loadGroup loads one group with one statement (plus the salvage of the lines
// DuckDB's reader rejected). n numbers the temporary rejects tables.
func loadGroup(ctx context.Context, tx *sql.Tx, g *group, f filter.Filter, n int) error {
	jobs := g.live()
	if len(jobs) == 0 {
		return nil
	}
	if g.kind == KindParquet {
		fields, source, err := parquetFields(ctx, tx, jobs)
		if err != nil {
			return err
		}
		g.fields = fields
		for _, j := range jobs {
			j.sniff.Fields = fields
		}
		if _, err := store.AddColumns(ctx, tx, g.fields); err != nil {
			return err
		}
		for _, stmt := range parquetInserts(g, jobs, f, source) {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return err
			}
		}
		return nil
	}
	if _, err := store.AddColumns(ctx, tx, g.fields); err != nil {
		return err
	}
	switch g.kind {
	case KindCloudWatchJSON:
		if _, err := tx.ExecContext(ctx, jsonLines(g, jobs)); err != nil {
			return err
		}
	case KindCloudWatchConsole, KindJSONMessages, KindCloudWatchCSV:
		return loadPerFile(ctx, tx, g, jobs, f, n)
	default:
		rejects, scans := fmt.Sprintf("_fd_rejects_%d", n), fmt.Sprintf("_fd_scans_%d", n)
		if _, err := tx.ExecContext(ctx, textInsert(g, jobs, f, rejects, scans)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, rejectedLines(rejects, scans)); err != nil {
			return fmt.Errorf("collect rejected lines: %w", err)
		}
		for _, t := range []string{rejects, scans} {
			if _, err := tx.ExecContext(ctx, "DROP TABLE IF EXISTS "+store.Ident(t)); err != nil {
				return fmt.Errorf("drop %s: %w", t, err)
			}
		}
	}
	if err := splitRejected(ctx, tx, g, f); err != nil {
		return err
	}
	if g.kind == KindCloudWatchJSON {
		return nil
	}
	return salvageQuarantined(ctx, tx, g, jobs, f, n)
}

// splitRejected loads the lines in linesTemp with splitLines and drops the
// table. Nearly always read_csv rejected no line: then there is nothing to
// split, and the split statements are not run at all, since preparing them
// (large CASE expressions) is most of a small load's cost.
func splitRejected(ctx context.Context, tx *sql.Tx, g *group, f filter.Filter) error {
	var found bool
	if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM "+linesTemp+")").Scan(&found); err != nil {
		return fmt.Errorf("look for rejected lines: %w", err)
	}
	if found {
		records, rejects := splitLines(g, f)
		if _, err := tx.ExecContext(ctx, records); err != nil {
			return fmt.Errorf("salvage rejected lines: %w", err)
		}
		if _, err := tx.ExecContext(ctx, rejects); err != nil {
			return fmt.Errorf("keep rejected lines: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, "DROP TABLE IF EXISTS "+linesTemp); err != nil {
		return fmt.Errorf("drop %s: %w", linesTemp, err)
	}
	return nil
}

// countPerFile sets each job's record and reject counts from what landed.
func countPerFile(ctx context.Context, tx *sql.Tx, jobs []*job, maxID int64) error {
	byID := map[int64]*job{}
	for _, j := range jobs {
		byID[j.id] = j
	}
	queries := []struct {
		sql  string
		dest func(*job, int64)
	}{
		{fmt.Sprintf("SELECT %s, count(*) FROM %s WHERE %s > ? GROUP BY 1", store.ColFileID, store.RecordsTable, store.ColFileID), func(j *job, n int64) { j.records = n }},
		{fmt.Sprintf("SELECT file_id, count(*) FROM %s WHERE file_id > ? GROUP BY 1", store.RejectsTable), func(j *job, n int64) { j.rejects = n }},
	}
	for _, q := range queries {
		rows, err := tx.QueryContext(ctx, q.sql, maxID)
		if err != nil {
			return fmt.Errorf("count loaded records: %w", err)
		}
		for rows.Next() {
			var id, n int64
			if err := rows.Scan(&id, &n); err != nil {
				rows.Close()
				return fmt.Errorf("count loaded records: %w", err)
			}
			if j, ok := byID[id]; ok {
				q.dest(j, n)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("count loaded records: %w", err)
		}
	}
	return nil
}

// recordManifest adds the loaded files, and the files skipped for their
// content (notes), to the manifest with one statement. A note replaces the
// skipped entry of an earlier version of its file.
func recordManifest(ctx context.Context, tx *sql.Tx, jobs, notes []*job, canonical bool) error {
	cols := []column{{"id", "BIGINT"}, {"path", "VARCHAR"}, {"size", "BIGINT"}, {"mtime", "TIMESTAMPTZ"},
		{"etag", "VARCHAR"}, {"format", "VARCHAR"}, {"header", "VARCHAR"}, {"fields", "VARCHAR"},
		{"records", "BIGINT"}, {"rejects", "BIGINT"}, {"loaded_at", "TIMESTAMPTZ"}, {"skipped", "VARCHAR"},
		{"content", "VARCHAR"}, {store.CanonicalColumn, "BOOLEAN"}}
	now := time.Now().UTC().Format(time.RFC3339Nano)
	var rows [][]*string
	for _, j := range notes {
		if j.replaces != 0 {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+store.FilesTable+" WHERE id = ?", j.replaces); err != nil {
				return fmt.Errorf("replace %s: %w", j.Key, err)
			}
		}
		rows = append(rows, []*string{text(fmt.Sprint(j.id)), &j.Key, text(fmt.Sprint(j.Size)), mtimeText(j), text(j.ETag),
			nil, nil, nil, text("0"), text("0"), &now, text(j.err.Error()), text(j.content), nil})
	}
	for _, j := range jobs {
		if j.err != nil {
			continue
		}
		names := make([]string, len(j.sniff.Fields))
		for i, f := range j.sniff.Fields {
			names[i] = f.Name
		}
		fields, err := json.Marshal(names)
		if err != nil {
			return fmt.Errorf("record %s in the manifest: %w", j.Key, err)
		}
		rows = append(rows, []*string{text(fmt.Sprint(j.id)), &j.Key, text(fmt.Sprint(j.Size)), mtimeText(j), text(j.ETag),
			text(j.sniff.Format()), text(j.sniff.Header), text(string(fields)),
			text(fmt.Sprint(j.records)), text(fmt.Sprint(j.rejects)), &now, nil, text(j.content), text(fmt.Sprint(canonical))})
	}
	// The field list travels as JSON, exact for any name.
	selects := `id, path, size, mtime, etag, format, header, from_json(fields, '["VARCHAR"]'), records, rejects, loaded_at, skipped, content, ` + store.CanonicalColumn
	return bulkInsert(ctx, tx, store.FilesTable, cols, selects, rows)
}
