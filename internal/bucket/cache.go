package bucket

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// The cache keeps the complete copy of s3://bucket/key at CacheDir/bucket/key
// and the ETag it was downloaded with at CacheDir/.etag/bucket/key (bucket
// names never start with a dot). A download goes to a partial file beside
// the copy whose name carries a hash of the ETag, and is renamed into place
// only when complete; its ETag is written after the rename, so a copy whose
// ETag file is missing or different is never taken for complete.
type cache struct {
	dir string
}

// etagDir is the directory under the cache root that mirrors the copies with
// their ETags.
const etagDir = ".etag"

// path returns the local path of the copy of bucket/key, refusing keys that
// would escape the cache.
func (c cache) path(bucket, key string) (string, error) {
	rel := filepath.FromSlash(key)
	if !filepath.IsLocal(rel) {
		return "", fmt.Errorf("key %q cannot be stored in the cache: not a local path", key)
	}
	return filepath.Join(c.dir, bucket, rel), nil
}

// etagPath returns where the ETag of the copy of bucket/key is kept.
func (c cache) etagPath(bucket, key string) string {
	return filepath.Join(c.dir, etagDir, bucket, filepath.FromSlash(key))
}

// partialPath returns the partial file of a download of the given ETag.
func partialPath(path, etag string) string {
	sum := sha256.Sum256([]byte(etag))
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+"."+hex.EncodeToString(sum[:6])+".partial")
}

// complete reports whether the cache holds a complete copy of o.
func (c cache) complete(o Object, path string) bool {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() || st.Size() != o.Size {
		return false
	}
	etag, err := os.ReadFile(c.etagPath(o.Bucket, o.Key))
	return err == nil && string(etag) == o.ETag
}

// commit renames a complete partial file into place and records its ETag.
func (c cache) commit(o Object, partial, path string) error {
	if err := os.Rename(partial, path); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	ep := c.etagPath(o.Bucket, o.Key)
	if err := os.MkdirAll(filepath.Dir(ep), 0o755); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	tmp := ep + ".tmp"
	if err := os.WriteFile(tmp, []byte(o.ETag), 0o644); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	if err := os.Rename(tmp, ep); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}

// forget removes the recorded ETag of a copy about to be replaced.
func (c cache) forget(o Object) error {
	err := os.Remove(c.etagPath(o.Bucket, o.Key))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}
