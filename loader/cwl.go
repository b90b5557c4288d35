package loader

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/flowduck/flowduck/internal/remote"
	"github.com/flowduck/flowduck/internal/store"
	"github.com/flowduck/flowduck/schema"
)

// streamChunk is a file holding the events one pull read of a log stream.
type streamChunk struct {
	remote.Chunk
	fields []schema.Field // the flow log's format; nil: the load's
}

// streamKey names a log stream.
type streamKey struct{ region, group, stream string }

// streamMark is how far a stream was read, and the manifest ids of the
// pulls that loaded it.
type streamMark struct {
	remote.Mark
	fileIDs []int64
}

// readMarks reads the streams table; empty before any cwl:// load.
func readMarks(ctx context.Context, q store.Querier) (map[streamKey]streamMark, error) {
	marks := map[streamKey]streamMark{}
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = ?`,
		store.StreamsTable).Scan(&n); err != nil || n == 0 {
		return marks, err
	}
	rows, err := q.QueryContext(ctx, `SELECT region, log_group, log_stream, first_ms, last_ms,
		CAST(to_json(last_ids) AS VARCHAR), CAST(to_json(file_ids) AS VARCHAR) FROM `+store.StreamsTable)
	if err != nil {
		return nil, fmt.Errorf("read log stream marks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k streamKey
		var m streamMark
		var ids, files string
		if err := rows.Scan(&k.region, &k.group, &k.stream, &m.First, &m.Last, &ids, &files); err != nil {
			return nil, fmt.Errorf("read log stream marks: %w", err)
		}
		if err := json.Unmarshal([]byte(ids), &m.IDs); err != nil {
			return nil, fmt.Errorf("read log stream marks: %w", err)
		}
		if err := json.Unmarshal([]byte(files), &m.fileIDs); err != nil {
			return nil, fmt.Errorf("read log stream marks: %w", err)
		}
		marks[k] = m
	}
	return marks, rows.Err()
}

// pull reads one cwl:// source, sending each stream's events as a file as
// soon as the stream is read. A source that fails (credentials, no such
// group, access denied) is a failed result, as is each stream that fails:
// the other sources and streams load.
func (a *arrivals) pull(ctx context.Context, uri string, opts Options) {
	fail := func(path string, err error) {
		a.mu.Lock()
		defer a.mu.Unlock()
		// The errors of package cwlogs start with the URI the path is.
		reason := strings.TrimPrefix(err.Error(), path+": ")
		a.results = append(a.results, FileResult{Path: path, Status: Failed, Reason: reason})
	}
	if len(opts.Filter.Regions) > 1 {
		fail(uri, fmt.Errorf("a log group is in one region: pass one --region, not %s", strings.Join(opts.Filter.Regions, ", ")))
		return
	}
	region := ""
	if len(opts.Filter.Regions) == 1 {
		region = opts.Filter.Regions[0]
	}
	if opts.CWL == nil {
		fail(uri, errors.New("no reader of cwl:// sources"))
		return
	}
	dir, err := a.eventDir()
	if err != nil {
		fail(uri, err)
		return
	}
	dir, err = os.MkdirTemp(dir, "source-")
	if err != nil {
		fail(uri, fmt.Errorf("event files: %w", err))
		return
	}
	parsed := map[string][]schema.Field{}
	res, err := opts.CWL.Pull(ctx, uri, remote.EventQuery{
		Region: region,
		Since:  opts.Filter.Since,
		Until:  opts.Filter.Until,
		ENIs:   opts.Filter.ENIs,
		Format: opts.Format,
		Force:  opts.Force,
		Dir:    dir,
		Marks: func(region, group, stream string) (remote.Mark, bool) {
			m, ok := a.marks[streamKey{region, group, stream}]
			return m.Mark, ok
		},
		Claim:    a.claim,
		Progress: opts.Progress,
	}, func(c remote.Chunk) {
		fields, ok := parsed[c.Format]
		if !ok && c.Format != "" {
			f, err := schema.ParseFormat(c.Format)
			if err != nil && opts.Progress != nil {
				fmt.Fprintf(opts.Progress, "%s: the flow log's format is not one flowduck reads (%v); reading the default format\n", uri, err)
			}
			fields, parsed[c.Format] = f, f
		}
		var size int64
		if info, err := os.Stat(c.Path); err == nil {
			size = info.Size()
		}
		f := file{Local: c.Path, Key: c.Key, Size: size, Part: Partition{Region: c.Region, Hour: -1},
			Stream: &streamChunk{Chunk: c, fields: fields}}
		select {
		case a.ch <- f:
		case <-ctx.Done():
		}
	})
	for _, f := range res.Failed {
		fail(f.URI, f.Err)
	}
	if err != nil && ctx.Err() == nil {
		fail(uri, err)
	}
}

// claim reports whether a stream is still free to read in this load: two
// sources naming the same stream read it once.
func (a *arrivals) claim(region, group, stream string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	k := streamKey{region, group, stream}
	if a.claimed[k] {
		return false
	}
	a.claimed[k] = true
	return true
}

// eventDir is the temporary directory of this load's event files, removed
// by stop.
func (a *arrivals) eventDir() (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.tmpDir == "" {
		dir, err := os.MkdirTemp("", "flowduck-cwl-")
		if err != nil {
			return "", fmt.Errorf("event files: %w", err)
		}
		a.tmpDir = dir
	}
	return a.tmpDir, nil
}

// replaceStreamWindows deletes, for each forced pull of a stream, the
// records of the stream's earlier pulls in the range re-read; an earlier
// pull left without records goes from the manifest with its rejects.
func replaceStreamWindows(ctx context.Context, tx *sql.Tx, jobs []*job, marks map[streamKey]streamMark) error {
	for _, j := range jobs {
		if j.err != nil || j.Stream == nil || j.Stream.Replace == nil {
			continue
		}
		old := marks[streamKey{j.Stream.Region, j.Stream.Group, j.Stream.Stream}].fileIDs
		if len(old) == 0 {
			continue
		}
		ids := make([]string, len(old))
		for i, id := range old {
			ids[i] = fmt.Sprint(id)
		}
		in := strings.Join(ids, ", ")
		for _, stmt := range []string{
			fmt.Sprintf("DELETE FROM %s WHERE %s IN (%s) AND epoch_ms(%s) BETWEEN %d AND %d", store.RecordsTable,
				store.ColFileID, in, store.ColEventTime, j.Stream.Replace[0], j.Stream.Replace[1]),
			fmt.Sprintf("UPDATE %s SET records = (SELECT count(*) FROM %s AS r WHERE r.%s = %s.id) WHERE id IN (%s)",
				store.FilesTable, store.RecordsTable, store.ColFileID, store.FilesTable, in),
			fmt.Sprintf("DELETE FROM %s WHERE file_id IN (SELECT id FROM %s WHERE id IN (%s) AND records = 0)", store.RejectsTable, store.FilesTable, in),
			fmt.Sprintf("DELETE FROM %s WHERE id IN (%s) AND records = 0", store.FilesTable, in),
		} {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("replace the re-read events of %s: %w", remote.StreamURI(j.Stream.Group, j.Stream.Stream), err)
			}
		}
	}
	return nil
}

// saveMarks records how far each stream loaded in this run is read.
func saveMarks(ctx context.Context, tx *sql.Tx, jobs []*job, marks map[streamKey]streamMark) error {
	cols := []column{{"region", "VARCHAR"}, {"log_group", "VARCHAR"}, {"log_stream", "VARCHAR"},
		{"first_ms", "BIGINT"}, {"last_ms", "BIGINT"}, {"last_ids", "VARCHAR"}, {"file_ids", "VARCHAR"}}
	var rows [][]*string
	for _, j := range jobs {
		if j.err != nil || j.Stream == nil {
			continue
		}
		c := j.Stream
		ids, err := json.Marshal(c.Mark.IDs)
		if err != nil {
			return fmt.Errorf("record %s: %w", c.Key, err)
		}
		files, err := json.Marshal(append(marks[streamKey{c.Region, c.Group, c.Stream}].fileIDs, j.id))
		if err != nil {
			return fmt.Errorf("record %s: %w", c.Key, err)
		}
		rows = append(rows, []*string{text(c.Region), text(c.Group), text(c.Stream), text(fmt.Sprint(c.Mark.First)),
			text(fmt.Sprint(c.Mark.Last)), text(string(ids)), text(string(files))})
	}
	if len(rows) == 0 {
		return nil
	}
	const staged = "_fd_stream_marks"
	if _, err := tx.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE `+staged+` (region VARCHAR, log_group VARCHAR, log_stream VARCHAR,
		first_ms BIGINT, last_ms BIGINT, last_ids VARCHAR[], file_ids BIGINT[])`); err != nil {
		return fmt.Errorf("record log stream marks: %w", err)
	}
	if err := bulkInsert(ctx, tx, staged, cols, `region, log_group, log_stream, first_ms, last_ms,
		from_json(last_ids, '["VARCHAR"]'), from_json(file_ids, '["BIGINT"]')`, rows); err != nil {
		return err
	}
	for _, stmt := range []string{
		`DELETE FROM ` + store.StreamsTable + ` AS s USING ` + staged + ` AS m
		 WHERE s.region = m.region AND s.log_group = m.log_group AND s.log_stream = m.log_stream`,
		`INSERT INTO ` + store.StreamsTable + ` SELECT *, now() FROM ` + staged,
		`DROP TABLE ` + staged,
	} {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("record log stream marks: %w", err)
		}
	}
	return nil
}
