package loader

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/flowduck/flowduck/internal/store"
)

// A gzip file can end with bytes that are not a gzip member: zero padding
// from a copy tool, or garbage. DuckDB then refuses the whole file ("Input is
// not a GZIP stream") while zcat recovers every record. The loader loads the
// complete members instead, from a copy cut where they end, and keeps the
// trailing bytes as one reject that names their offset.

// trailer is what follows the last complete gzip member of a file.
type trailer struct {
	offset int64  // where the trailing bytes start
	size   int64  // how many there are
	head   []byte // the first of them, for the reject's text
}

// trailerHead is how many trailing bytes the reject shows.
const trailerHead = 32

// gzipTrailer finds the bytes after the complete gzip members at the start
// of the file. It returns nil when there are none, when not even the first
// member is complete, or when the rest starts like a gzip member (a damaged
// or truncated member: the file fails, it is not trimmed).
func gzipTrailer(path string) (*trailer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	var read int64
	br := bufio.NewReader(&offsetReader{r: f, n: &read})
	var zr gzip.Reader
	end := int64(0) // end of the last complete member
	for {
		if err := zr.Reset(br); err != nil {
			break
		}
		zr.Multistream(false)
		if _, err := io.Copy(io.Discard, &zr); err != nil {
			break
		}
		end = read - int64(br.Buffered())
	}
	if end == 0 || end >= info.Size() {
		return nil, nil
	}
	rest := make([]byte, min(trailerHead, info.Size()-end))
	if _, err := f.ReadAt(rest, end); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if bytes.HasPrefix(rest, []byte{0x1f, 0x8b}) {
		return nil, nil
	}
	return &trailer{offset: end, size: info.Size() - end, head: rest}, nil
}

// offsetReader counts the bytes read from r into n.
type offsetReader struct {
	r io.Reader
	n *int64
}

// Read reads from r and counts.
func (o *offsetReader) Read(p []byte) (int, error) {
	n, err := o.r.Read(p)
	*o.n += int64(n)
	return n, err
}

// reason describes the trailer in the reject.
func (t *trailer) reason() string {
	what := "garbage"
	if bytes.Count(t.head, []byte{0}) == len(t.head) {
		what = "zero padding"
	}
	return fmt.Sprintf("%d bytes after the end of the gzip stream at offset %d (%s) ignored", t.size, t.offset, what)
}

// text shows the first trailing bytes, escaped.
func (t *trailer) text() string {
	s := fmt.Sprintf("%q", t.head)
	if int64(len(t.head)) < t.size {
		s += "..."
	}
	return s
}

// trim makes j load from a copy of its complete gzip members when the rest
// of the file is a trailer. It reports whether it did, so the load can be
// tried again.
func (r *run) trim(j *job) bool {
	if !j.sniff.Gzip || j.trailer != nil {
		return false
	}
	t, err := gzipTrailer(j.Local)
	if err != nil || t == nil {
		return false
	}
	p, err := r.tmp.path(".gz")
	if err != nil {
		return false
	}
	if err := copyPrefix(j.Local, p, t.offset); err != nil {
		return false
	}
	j.read, j.trailer, j.err = p, t, nil
	return true
}

// rejectTrailers keeps the trailer of each trimmed job as one reject.
func rejectTrailers(ctx context.Context, q store.Querier, jobs []*job) error {
	for _, j := range jobs {
		if j.trailer == nil || j.err != nil {
			continue
		}
		if _, err := q.ExecContext(ctx, "INSERT INTO "+store.RejectsTable+" (file_id, path, line, reason, text) VALUES (?, ?, NULL, ?, ?)",
			j.id, j.Key, j.trailer.reason(), j.trailer.text()); err != nil {
			return fmt.Errorf("keep the trailer of %s: %w", j.Key, err)
		}
	}
	return nil
}
