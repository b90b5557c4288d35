package loader

import (
	"context"
	"fmt"
	"os"
	"sync"

	"github.com/flowduck/flowduck/internal/duckmsg"
	"github.com/flowduck/flowduck/internal/remote"
)

// arrivals delivers the files of a load as they become available: local
// files at once, S3 objects as their downloads complete.
type arrivals struct {
	remote  bool
	ch      chan file
	cancel  context.CancelFunc
	wg      sync.WaitGroup
	mu      sync.Mutex
	err     error
	results []FileResult // S3 objects skipped (ETag known) or failed
	marks   map[streamKey]streamMark
	claimed map[streamKey]bool
	tmpDir  string // event files of cwl:// sources
}

// discover expands local sources at once and starts fetching s3:// sources
// into the cache in the background. Objects the manifest already has with the
// same ETag are not downloaded; they come back as skipped results.
func discover(ctx context.Context, opts Options, man manifest, marks map[streamKey]streamMark) (*arrivals, error) {
	var local, uris []string
	for _, src := range opts.Sources {
		if remote.IsS3(src) || remote.IsCWL(src) {
			uris = append(uris, src)
		} else {
			local = append(local, src)
		}
	}
	var files []file
	var skipped []FileResult
	if len(local) > 0 {
		f, s, err := discoverLocal(ctx, local, opts.Ignore)
		if err != nil {
			return nil, fmt.Errorf("load %w", err)
		}
		files, skipped = f, s
	}
	a := &arrivals{remote: len(uris) > 0, ch: make(chan file, len(files)+64), results: skipped,
		marks: marks, claimed: map[streamKey]bool{}}
	for _, f := range files {
		a.ch <- f
	}
	streamCtx, cancel := context.WithCancel(ctx)
	a.cancel = cancel
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		defer close(a.ch)
		for _, uri := range uris {
			if remote.IsCWL(uri) {
				a.pull(streamCtx, uri, opts)
				continue
			}
			if err := a.stream(streamCtx, uri, opts, man); err != nil {
				a.mu.Lock()
				a.err = err
				a.mu.Unlock()
				return
			}
		}
	}()
	return a, nil
}

// stream fetches one s3:// source, sending each object when it is complete.
func (a *arrivals) stream(ctx context.Context, uri string, opts Options, man manifest) error {
	// An object loaded already, under its key or (same ETag) under another,
	// is not even downloaded.
	index := newCopies(man)
	known := func(uri, etag string) bool {
		_, copied := index.ofETag(man, uri, etag)
		return man.Known(uri, etag) || copied
	}
	if opts.Force {
		known = nil
	}
	if opts.S3 == nil {
		return fmt.Errorf("load %s: no reader of s3:// sources", uri)
	}
	res, err := opts.S3.Stream(ctx, uri, remote.ObjectQuery{
		Since:    opts.Filter.Since,
		Until:    opts.Filter.Until,
		Accounts: opts.Filter.Accounts,
		Regions:  opts.Filter.Regions,
		Known:    known,
		Progress: opts.Progress,
	}, func(o remote.Object) {
		select {
		case a.ch <- file{Local: o.LocalPath, Key: o.URI, Size: o.Size, ModTime: o.LastModified, ETag: o.ETag, Part: PartitionOf(o.Key)}:
		case <-ctx.Done():
		}
	})
	if err != nil {
		return fmt.Errorf("load %s: %w", uri, err)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, o := range res.Skipped {
		if other, ok := index.ofETag(man, o.URI, o.ETag); ok {
			a.results = append(a.results, FileResult{Path: o.URI, Status: Skipped, Reason: copyReason(other)})
			continue
		}
		a.results = append(a.results, FileResult{Path: o.URI, Status: Skipped, Reason: "already loaded", Quiet: true})
	}
	for _, f := range res.Failed {
		a.results = append(a.results, FileResult{Path: f.URI, Status: Failed, Reason: duckmsg.OneLine(f.Err.Error())})
	}
	return nil
}

// next returns every file that has arrived since the last call, waiting for
// at least one; ok is false when all sources are exhausted.
func (a *arrivals) next(ctx context.Context) (files []file, ok bool, err error) {
	select {
	case f, open := <-a.ch:
		if !open {
			a.mu.Lock()
			defer a.mu.Unlock()
			return nil, false, a.err
		}
		files = append(files, f)
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
	for {
		select {
		case f, open := <-a.ch:
			if !open {
				return files, true, nil
			}
			files = append(files, f)
		default:
			return files, true, nil
		}
	}
}

// stop cancels outstanding downloads and waits for them, and removes the
// event files of cwl:// sources.
func (a *arrivals) stop() {
	a.cancel()
	a.wg.Wait()
	if a.tmpDir != "" {
		_ = os.RemoveAll(a.tmpDir)
	}
}
