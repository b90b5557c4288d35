package loader

import (
	"context"
	"fmt"
	"strings"

	"github.com/flowduck/flowduck/internal/bucket"
)

// S3Options configure s3:// sources (see package bucket).
type S3Options struct {
	Endpoint    string
	Profile     string
	Region      string // the bucket's region, not the flow logs' --region filter
	Concurrency int
	CacheDir    string
	ProgressTTY bool
}

// discover expands local sources and fetches s3:// sources into the cache.
// Objects the manifest already has with the same ETag are not downloaded; they
// come back as skipped results.
func discover(ctx context.Context, opts Options, man manifest) ([]file, []FileResult, error) {
	var local, remote []string
	for _, src := range opts.Sources {
		if strings.HasPrefix(src, "s3://") {
			remote = append(remote, src)
		} else {
			local = append(local, src)
		}
	}
	var files []file
	if len(local) > 0 {
		f, err := discoverLocal(ctx, local)
		if err != nil {
			return nil, nil, fmt.Errorf("load %w", err)
		}
		files = f
	}
	var results []FileResult
	known := man.Known
	if opts.Force {
		known = nil
	}
	for _, uri := range remote {
		res, err := bucket.Sync(ctx, uri, bucket.Options{
			Endpoint:    opts.S3.Endpoint,
			Profile:     opts.S3.Profile,
			Region:      opts.S3.Region,
			Concurrency: opts.S3.Concurrency,
			CacheDir:    opts.S3.CacheDir,
			Since:       opts.Filter.Since,
			Until:       opts.Filter.Until,
			Accounts:    opts.Filter.Accounts,
			Regions:     opts.Filter.Regions,
			Known:       known,
			Progress:    opts.Progress,
			ProgressTTY: opts.S3.ProgressTTY,
		})
		if err != nil {
			return nil, nil, fmt.Errorf("load %s: %w", uri, err)
		}
		for _, o := range res.Ready() {
			files = append(files, file{Local: o.LocalPath, Key: o.URI, Size: o.Size, ModTime: o.LastModified, ETag: o.ETag, Part: PartitionOf(o.Key)})
		}
		for _, o := range res.Skipped {
			results = append(results, FileResult{Path: o.URI, Status: Skipped, Reason: "already loaded"})
		}
		for _, f := range res.Failed {
			results = append(results, FileResult{Path: f.Object.URI, Status: Failed, Reason: f.Err.Error()})
		}
	}
	return files, results, nil
}
