package bucket

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
)

// maxBodyAttempts bounds how often a download whose body broke off is
// resumed; failed requests themselves are retried by the SDK's retryer.
const maxBodyAttempts = 3

// copyBuffer is the size of the buffer a download copies through.
const copyBuffer = 256 << 10

// downloader fetches objects into the cache.
type downloader struct {
	c       *conn
	cache   cache
	prog    *progress
	onWrite func(Object, int64)
}

// fetch makes sure the cache holds a complete copy of o and returns o with
// LocalPath and Transferred set; cached reports a copy that was already
// there. A download resumes a partial file left by an earlier run of the same
// ETag, and keeps its partial file when cancelled.
func (d *downloader) fetch(ctx context.Context, o Object) (_ Object, cached bool, err error) {
	path, err := d.cache.path(o.Bucket, o.Key)
	if err != nil {
		return o, false, err
	}
	if d.cache.complete(o, path) {
		o.LocalPath = path
		return o, true, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return o, false, fmt.Errorf("cache: %w", err)
	}
	partial := partialPath(path, o.ETag)
	f, err := os.OpenFile(partial, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return o, false, fmt.Errorf("cache: %w", err)
	}
	defer func() {
		if f != nil {
			f.Close()
		}
	}()
	have, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return o, false, fmt.Errorf("cache: %w", err)
	}
	if have > o.Size {
		if have, err = restart(f); err != nil {
			return o, false, err
		}
	}
	d.prog.add(have)
	for attempt := 1; have < o.Size; attempt++ {
		var n int64
		have, n, err = d.get(ctx, f, o, have)
		o.Transferred += n
		var ae smithy.APIError
		switch {
		case err == nil:
		case ctx.Err() != nil:
			return o, false, ctx.Err()
		case have > 0 && errors.As(err, &ae) && ae.ErrorCode() == "InvalidRange":
			d.prog.add(-have)
			if have, err = restart(f); err != nil {
				return o, false, err
			}
		case errors.Is(err, errBody) && attempt < maxBodyAttempts:
			// The connection broke mid-body: resume from what arrived.
		default:
			return o, false, err
		}
	}
	if have != o.Size {
		return o, false, fmt.Errorf("download %s: got %d bytes, listed size %d", o.URI, have, o.Size)
	}
	if err := f.Close(); err != nil {
		return o, false, fmt.Errorf("cache: %w", err)
	}
	f = nil
	if err := d.cache.forget(o); err != nil {
		return o, false, err
	}
	if err := d.cache.commit(o, partial, path); err != nil {
		return o, false, err
	}
	o.LocalPath = path
	return o, false, nil
}

// errBody marks a failure while reading a response body.
var errBody = errors.New("reading object body")

// get downloads o from offset have to the end of f and returns the new size
// of f and the bytes written. The request names the listed ETag, so a changed
// object fails rather than mixing versions.
func (d *downloader) get(ctx context.Context, f *os.File, o Object, have int64) (size, written int64, err error) {
	in := &s3.GetObjectInput{
		Bucket:  aws.String(o.Bucket),
		Key:     aws.String(o.Key),
		IfMatch: aws.String(o.ETag),
	}
	if have > 0 {
		in.Range = aws.String(fmt.Sprintf("bytes=%d-", have))
	}
	out, err := d.c.client.GetObject(ctx, in)
	if err != nil {
		return have, 0, d.c.wrap("download", o.Key, err)
	}
	defer out.Body.Close()
	if have > 0 && out.ContentRange == nil {
		// The server sent the whole object: start over.
		d.prog.add(-have)
		if have, err = restart(f); err != nil {
			return 0, 0, err
		}
	}
	w := &countingWriter{f: f, prog: d.prog, onWrite: d.onWrite, o: o, at: have}
	n, err := io.CopyBuffer(w, out.Body, make([]byte, copyBuffer))
	if err != nil {
		if w.werr != nil {
			return w.at, n, fmt.Errorf("cache: %w", w.werr)
		}
		return w.at, n, fmt.Errorf("download %s: %w: %w", o.URI, errBody, err)
	}
	return w.at, n, nil
}

// restart empties a partial file.
func restart(f *os.File) (int64, error) {
	if err := f.Truncate(0); err != nil {
		return 0, fmt.Errorf("cache: %w", err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return 0, fmt.Errorf("cache: %w", err)
	}
	return 0, nil
}

// countingWriter writes to a partial file and reports progress.
type countingWriter struct {
	f       *os.File
	prog    *progress
	onWrite func(Object, int64)
	o       Object
	at      int64
	werr    error
}

// Write writes p and counts the bytes written.
func (w *countingWriter) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.at += int64(n)
	w.prog.add(int64(n))
	w.prog.transferred(int64(n))
	if err != nil {
		w.werr = err
		return n, err
	}
	if w.onWrite != nil {
		w.onWrite(w.o, w.at)
	}
	return n, nil
}
