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
	skipped := "NULL"
	if has, err := store.HasColumn(ctx, q, store.FilesTable, "skipped"); err != nil {
		return m, err
	} else if has {
		skipped = "skipped"
	}
	rows, err := q.QueryContext(ctx, "SELECT id, path, size, mtime, etag, "+skipped+" FROM "+store.FilesTable)
	if err != nil {
		return m, fmt.Errorf("read manifest: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e manifestEntry
		var key string
		var mtime sql.NullTime
		var etag, skip sql.NullString
		if err := rows.Scan(&e.ID, &key, &e.Size, &mtime, &etag, &skip); err != nil {
			return m, fmt.Errorf("read manifest: %w", err)
		}
		e.MTime, e.ETag, e.Skipped = mtime.Time, etag.String, skip.String
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
