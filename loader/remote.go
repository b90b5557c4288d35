package loader

import (
	"context"

	"github.com/flowduck/flowduck/internal/remote"
)

// ObjectReader fetches the objects of s3:// sources into local files
// (bucket.Reader; cmd/flowduck supplies it, so the loader links no AWS SDK).
// Stream calls ready with each object as soon as its local copy is
// complete, and returns the objects it skipped or could not fetch; its
// error is a failure of the whole source.
type ObjectReader interface {
	Stream(ctx context.Context, uri string, q remote.ObjectQuery, ready func(remote.Object)) (remote.ObjectResult, error)
}

// EventReader pulls the events of cwl:// sources into local files
// (cwlogs.Reader, supplied by cmd/flowduck). Pull calls deliver with each
// stream's chunk as soon as the stream is read, one call at a time, and
// returns the streams that failed; its error is a failure of the whole
// source.
type EventReader interface {
	Pull(ctx context.Context, uri string, q remote.EventQuery, deliver func(remote.Chunk)) (remote.EventResult, error)
}
