package loader

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/flowduck/flowduck/internal/store"
)

// manifestEntry is a loaded file as the manifest remembers it.
type manifestEntry struct {
	ID    int64
	Size  int64
	MTime time.Time
	ETag  string
	// Skipped is why the file was not loaded (not flow logs), "" when it was.
	Skipped string
	// Content is the file's content identity (see contentID), "" for files
	// loaded before flowduck recorded it.
	Content string
}

// manifest is the set of loaded files by key.
type manifest struct {
	entries map[string]manifestEntry
}

// readManifest reads the manifest; an empty one if no load has run yet.
func readManifest(ctx context.Context, q store.Querier) (manifest, error) {
	m := manifest{entries: map[string]manifestEntry{}}
	exists, err := store.Exists(ctx, q)
	if err != nil || !exists {
		return m, err
	}
	// Databases written by an older flowduck may lack the newer columns.
	newer := map[string]string{"skipped": "NULL", "content": "NULL"}
	for col := range newer {
		if has, err := store.HasColumn(ctx, q, store.FilesTable, col); err != nil {
			return m, err
		} else if has {
			newer[col] = col
		}
	}
	rows, err := q.QueryContext(ctx, "SELECT id, path, size, mtime, etag, "+newer["skipped"]+", "+newer["content"]+" FROM "+store.FilesTable)
	if err != nil {
		return m, fmt.Errorf("read manifest: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e manifestEntry
		var key string
		var mtime sql.NullTime
		var etag, skip, content sql.NullString
		if err := rows.Scan(&e.ID, &key, &e.Size, &mtime, &etag, &skip, &content); err != nil {
			return m, fmt.Errorf("read manifest: %w", err)
		}
		e.MTime, e.ETag, e.Skipped, e.Content = mtime.Time, etag.String, skip.String, content.String
		m.entries[key] = e
	}
	return m, rows.Err()
}

// unchanged reports whether f is loaded already in the same version: the same
// ETag for S3 objects, the same size and modification time for local files.
func (m manifest) unchanged(f file) (manifestEntry, bool) {
	e, ok := m.entries[f.Key]
	if !ok {
		return e, false
	}
	if f.ETag != "" || e.ETag != "" {
		return e, f.ETag == e.ETag
	}
	return e, e.Size == f.Size && e.MTime.Equal(f.ModTime.Truncate(time.Microsecond))
}

// Known reports whether an S3 object with this URI and ETag is loaded, so it
// need not even be downloaded.
func (m manifest) Known(uri, etag string) bool {
	e, ok := m.entries[uri]
	return ok && etag != "" && e.ETag == etag
}
