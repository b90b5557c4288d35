package bucket

import (
	"context"
	"slices"
	"strings"
	"sync"
)

// Sync lists the objects of uri (s3://bucket/prefix) that opts asks for and
// downloads those not yet loaded into the cache. It returns an error when
// the listing fails or ctx is cancelled; objects that fail to download are
// reported in Result.Failed without stopping the others.
func Sync(ctx context.Context, uri string, opts Options) (Result, error) {
	return Stream(ctx, uri, opts, nil)
}

// Stream is Sync that calls ready with each object as soon as its local copy
// is complete (downloaded or cached), so loading can overlap downloading.
// ready is called from one goroutine at a time, in completion order, and
// never holds up the downloads; Stream returns after the last call returned.
func Stream(ctx context.Context, uri string, opts Options, ready func(Object)) (Result, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return Result{}, err
	}
	bucket, prefix, err := ParseURI(uri)
	if err != nil {
		return Result{}, err
	}
	c, err := dial(ctx, bucket, prefix, opts)
	if err != nil {
		return Result{}, err
	}
	l := &lister{c: c, f: newFilter(opts)}
	objects, err := l.list(ctx, prefix)
	res := Result{Region: c.region, Listed: l.listed}
	if err != nil {
		return res, err
	}

	var todo []Object
	var total int64
	for _, o := range objects {
		if opts.Known != nil && opts.Known(o.URI, o.ETag) {
			res.Skipped = append(res.Skipped, o)
			continue
		}
		todo = append(todo, o)
		total += o.Size
	}
	prog := startProgress(opts.Progress, opts.ProgressTTY, opts.ProgressInterval, len(todo), total)
	d := &downloader{c: c, cache: cache{dir: opts.CacheDir}, prog: prog, onWrite: opts.onWrite}
	fetchAll(ctx, d, todo, opts.Concurrency, &res, ready)
	prog.finish()

	sortObjects(res.Fetched)
	sortObjects(res.Cached)
	slices.SortFunc(res.Failed, func(a, b ObjectError) int { return strings.Compare(a.Object.Key, b.Object.Key) })
	return res, ctx.Err()
}

// fetchAll downloads todo with n workers, recording each outcome in res and
// handing complete copies to ready.
func fetchAll(ctx context.Context, d *downloader, todo []Object, n int, res *Result, ready func(Object)) {
	jobs := make(chan Object)
	done := make(chan Object, len(todo)) // never blocks a worker
	var mu sync.Mutex
	var workers sync.WaitGroup
	for range min(n, len(todo)) {
		workers.Go(func() {
			for o := range jobs {
				got, cached, err := d.fetch(ctx, o)
				if err != nil && ctx.Err() != nil {
					continue // cancelled: neither fetched nor failed
				}
				d.prog.done(err == nil)
				mu.Lock()
				switch {
				case err != nil:
					res.Failed = append(res.Failed, ObjectError{Object: o, Err: err})
				case cached:
					d.prog.add(got.Size)
					res.Cached = append(res.Cached, got)
				default:
					res.Fetched = append(res.Fetched, got)
				}
				mu.Unlock()
				if err == nil {
					done <- got
				}
			}
		})
	}
	var deliver sync.WaitGroup
	deliver.Go(func() {
		for o := range done {
			if ready != nil {
				ready(o)
			}
		}
	})
feed:
	for _, o := range todo {
		select {
		case jobs <- o:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	workers.Wait()
	close(done)
	deliver.Wait()
}

// sortObjects sorts objects by key.
func sortObjects(objs []Object) {
	slices.SortFunc(objs, func(a, b Object) int { return strings.Compare(a.Key, b.Key) })
}
