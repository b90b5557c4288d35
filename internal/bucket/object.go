package bucket

import "time"

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

// ObjectError is an object that could not be fetched.
type ObjectError struct {
	Object Object
	Err    error
}

// Error returns the object's URI and the failure.
func (e ObjectError) Error() string {
	return e.Object.URI + ": " + e.Err.Error()
}

// Unwrap returns the failure.
func (e ObjectError) Unwrap() error { return e.Err }

// Listing is one ListObjectsV2 walk over a key prefix: Delimited listings
// (delimiter "/") discover the next level of the layout, the others list every
// key below the prefix.
type Listing struct {
	Prefix    string
	Delimited bool
}

// String returns the prefix, followed by " (delimited)" for delimited listings.
func (l Listing) String() string {
	if l.Delimited {
		return l.Prefix + " (delimited)"
	}
	return l.Prefix
}

// Result is what a Sync or Stream did, each list in key order.
type Result struct {
	// Region is the region the bucket was accessed in.
	Region string
	// Fetched were completed by this run: downloaded, or resumed from a
	// partial file of an earlier run.
	Fetched []Object
	// Cached were already complete in the cache with the same size and ETag.
	Cached []Object
	// Skipped were reported as already loaded by Options.Known and not
	// downloaded.
	Skipped []Object
	// Failed could not be fetched; the other objects were not affected.
	Failed []ObjectError
	// Listed are the listings made, in the order they were made.
	Listed []Listing
}

// Ready returns Fetched and Cached, the objects with a local copy, in key
// order.
func (r Result) Ready() []Object {
	out := append(append([]Object(nil), r.Fetched...), r.Cached...)
	sortObjects(out)
	return out
}
