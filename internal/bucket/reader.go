package bucket

import (
	"context"

	"github.com/flowduck/flowduck/internal/remote"
)

// Reader answers the loader's queries of s3:// sources with Stream: its
// Options say where and how to fetch (endpoint, profile, bucket region,
// concurrency, cache, terminal progress), each query what to fetch.
type Reader struct {
	Options Options
}

// Stream fetches the objects of uri the query selects into the cache,
// calling ready with each as soon as it is complete (see Stream).
func (r Reader) Stream(ctx context.Context, uri string, q remote.ObjectQuery, ready func(Object)) (remote.ObjectResult, error) {
	o := r.Options
	o.Since, o.Until = q.Since, q.Until
	o.Accounts, o.Regions = q.Accounts, q.Regions
	o.Known = q.Known
	o.Progress = q.Progress
	res, err := Stream(ctx, uri, o, ready)
	if err != nil {
		return remote.ObjectResult{}, err
	}
	out := remote.ObjectResult{Skipped: res.Skipped}
	for _, f := range res.Failed {
		out.Failed = append(out.Failed, remote.Failure{URI: f.Object.URI, Err: f.Err})
	}
	return out, nil
}
