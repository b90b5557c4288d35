package remote

import (
	"io"
	"time"
)

// Object is one S3 object selected for a load.
type Object struct {
	// URI is s3://Bucket/Key, the name the loader records in its manifest.
	URI    string
	Bucket string
	Key    string
	// ETag is the object's entity tag as S3 returns it, with its quotes.
	ETag         string
	Size         int64
	LastModified time.Time
	// LocalPath is the complete local copy in the cache; empty for objects
	// that were skipped or failed.
	LocalPath string
	// Transferred is the number of bytes downloaded by this run: Size for a
	// fresh download, less when a partial download was resumed, 0 for a cache
	// hit.
	Transferred int64
}

// ObjectQuery is what one load asks of an s3:// source; where to reach it
// (endpoint, profile, cache) is the reader's own configuration.
type ObjectQuery struct {
	// Since and Until bound the records wanted (zero means open).
	Since, Until time.Time
	// Accounts and Regions restrict the accounts and regions of the flow
	// logs; empty means all.
	Accounts, Regions []string
	// Known reports whether the object with this URI and ETag is already
	// loaded, so it is not downloaded; nil means none is.
	Known func(uri, etag string) bool
	// Progress receives progress lines when non-nil.
	Progress io.Writer
}

// ObjectResult is what a stream of an s3:// source left out: the objects
// Known said were loaded, and those that failed.
type ObjectResult struct {
	Skipped []Object
	Failed  []Failure
}
