package cwlogs

import (
	"context"

	"github.com/flowduck/flowduck/internal/remote"
)

// Reader answers the loader's queries of cwl:// sources with Pull: its
// Options say where and how to read (endpoint, profile, concurrency,
// terminal progress, retry waits), each query what to read.
type Reader struct {
	Options Options
}

// Pull reads the events of uri the query selects, calling deliver with each
// stream's chunk as soon as the stream is read (see Pull).
func (r Reader) Pull(ctx context.Context, uri string, q remote.EventQuery, deliver func(Chunk)) (remote.EventResult, error) {
	o := r.Options
	o.Region = q.Region
	o.Since, o.Until = q.Since, q.Until
	o.ENIs = q.ENIs
	o.Format = q.Format
	o.Force = q.Force
	o.Dir = q.Dir
	o.Marks, o.Claim = q.Marks, q.Claim
	o.Progress = q.Progress
	res, err := Pull(ctx, uri, o, deliver)
	return remote.EventResult{Failed: res.Failed}, err
}
