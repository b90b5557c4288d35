package loader

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/flowduck/flowduck/internal/store"
	"github.com/zeebo/xxh3"
)

// A file whose content is loaded already, wherever it now lives (a copy of
// the tree in a second folder, the demo's cache under another $HOME, the same
// object under another S3 key), is a copy: loading it would count every
// record twice. Each file therefore carries a content identity in the
// manifest, and a file whose identity is a loaded file's at another path is
// skipped as a copy (unless --force).
//
// The identity is an XXH3-128 hash, computed right after the sniffer read the
// head of the file, so its first bytes come from the page cache:
//
//   - gzip files larger than two windows (AWS's own delivery format, and the
//     bulk of any tree) hash their size, their first window and their last
//     window. The last 8 bytes of a gzip stream are the CRC-32 and length of
//     all its uncompressed content, so any change to the content changes the
//     hashed tail: CRC-32 detects every change of up to 32 bits and misses
//     others with probability 2^-32, and the size and head must agree as well.
//     Two reads per file, whatever its size: the check costs nothing on a
//     large load. (A file of several gzip members has a CRC-32 per member;
//     its members between the head and the tail are covered by the size
//     only. AWS delivers single-member files.)
//   - every other file (plain text, Parquet, CloudWatch JSON, small gzip)
//     hashes all its bytes: text has no checksum to lean on. XXH3 hashes at
//     memory speed; the read also brings the file into the page cache that
//     DuckDB's read then uses.

// contentWindow is how much of each end of a large gzip file is hashed.
const contentWindow = 64 << 10

// The schemes of content identities; the scheme is part of the identity, so
// identities computed differently never match.
const (
	schemeWhole    = "xxh3"      // XXH3-128 of every byte
	schemeGzipEnds = "gzip-ends" // XXH3-128 of size, head and tail (see above)
)

// contentID returns the content identity of the file at path.
func contentID(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("content hash: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("content hash: %w", err)
	}
	size := info.Size()
	var magic [2]byte
	if _, err := f.ReadAt(magic[:], 0); err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("content hash: %w", err)
	}
	h := xxh3.New128()
	scheme := schemeWhole
	if magic == [2]byte{0x1f, 0x8b} && size > 2*contentWindow {
		scheme = schemeGzipEnds
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(size))
		h.Write(n[:])
		buf := make([]byte, contentWindow)
		for _, off := range []int64{0, size - contentWindow} {
			if _, err := f.ReadAt(buf, off); err != nil && !errors.Is(err, io.EOF) {
				return "", fmt.Errorf("content hash: %w", err)
			}
			h.Write(buf)
		}
	} else if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("content hash: %w", err)
	}
	sum := h.Sum128().Bytes()
	return scheme + ":" + hex.EncodeToString(sum[:]), nil
}

// copies finds the copies among the files of a run: files whose content is
// that of a loaded file at another path, or of a file loaded earlier in the
// same run.
type copies struct {
	loaded map[string]string // content identity → the path of a loaded file
	etags  map[string]string // S3 ETag → the URI of a loaded object
	// unknown are the loaded local files without an identity (loaded by an
	// older flowduck), by size; filled are the identities found for them
	// since, by manifest id, to be saved.
	unknown map[int64][]pendingEntry
	filled  map[int64]string
}

// pendingEntry is a loaded local file whose identity is not known yet.
type pendingEntry struct {
	key string
	manifestEntry
}

// newCopies indexes the loaded files of the manifest by content and ETag.
// When several paths share a content (a copy loaded with --force), the
// first path in order names it.
func newCopies(m manifest) *copies {
	c := &copies{loaded: map[string]string{}, etags: map[string]string{},
		unknown: map[int64][]pendingEntry{}, filled: map[int64]string{}}
	for key, e := range m.entries {
		if e.Skipped != "" {
			continue
		}
		if e.Content == "" && filepath.IsAbs(key) {
			c.unknown[e.Size] = append(c.unknown[e.Size], pendingEntry{key, e})
		}
		if e.Content != "" {
			if k, ok := c.loaded[e.Content]; !ok || key < k {
				c.loaded[e.Content] = key
			}
		}
		if e.ETag != "" {
			if k, ok := c.etags[e.ETag]; !ok || key < k {
				c.etags[e.ETag] = key
			}
		}
	}
	return c
}

// of returns the path of the loaded file whose content is content, other
// than key itself; size is the file's size.
func (c *copies) of(key string, size int64, content string) (string, bool) {
	if c == nil || content == "" {
		return "", false
	}
	c.identify(size)
	other, ok := c.loaded[content]
	return other, ok && other != key
}

// identify computes the identity of the loaded files of this size that have
// none (loaded by an older flowduck), when they are still where they were
// loaded from, unchanged: a copy of them is then recognised too. Each is
// hashed once; the identities are saved with the load (fill).
func (c *copies) identify(size int64) {
	pending := c.unknown[size]
	if len(pending) == 0 {
		return
	}
	delete(c.unknown, size)
	sort.Slice(pending, func(i, j int) bool { return pending[i].key < pending[j].key })
	for _, e := range pending {
		info, err := os.Stat(e.key)
		if err != nil || info.Size() != e.Size || !e.MTime.Equal(info.ModTime().Truncate(time.Microsecond)) {
			continue
		}
		id, err := contentID(e.key)
		if err != nil {
			continue
		}
		c.filled[e.ID] = id
		if _, ok := c.loaded[id]; !ok {
			c.loaded[id] = e.key
		}
	}
}

// fill saves the identities found for files loaded by an older flowduck.
func (c *copies) fill(ctx context.Context, q store.Querier) error {
	for id, content := range c.filled {
		if _, err := q.ExecContext(ctx, "UPDATE "+store.FilesTable+" SET content = ? WHERE id = ? AND content IS NULL", content, id); err != nil {
			return fmt.Errorf("record the content of file %d: %w", id, err)
		}
	}
	return nil
}

// add records a file this run loads, so a later file with its content is a
// copy of it.
func (c *copies) add(key, content string) {
	if c == nil || content == "" {
		return
	}
	if _, ok := c.loaded[content]; !ok {
		c.loaded[content] = key
	}
}

// forget drops a loaded file that this run replaces (it changed at its
// path): its older content is no longer loaded once the run commits.
func (c *copies) forget(key string, e manifestEntry) {
	if c == nil {
		return
	}
	if c.loaded[e.Content] == key {
		delete(c.loaded, e.Content)
	}
	if c.etags[e.ETag] == key {
		delete(c.etags, e.ETag)
	}
}

// ofETag returns the URI of a loaded object with this ETag at another key,
// for an object the manifest does not have under its own key (an object
// that changed at its key is downloaded and compared by content, so that
// its older version is replaced).
func (c *copies) ofETag(m manifest, uri, etag string) (string, bool) {
	if c == nil || etag == "" {
		return "", false
	}
	if _, known := m.entries[uri]; known {
		return "", false
	}
	other, ok := c.etags[etag]
	return other, ok && other != uri
}

// copyReason is the reason a copy is skipped with.
func copyReason(other string) string {
	return "already loaded from " + other
}
