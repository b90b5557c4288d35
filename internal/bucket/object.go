package bucket

import "github.com/flowduck/flowduck/internal/remote"

// Object is one S3 object selected for a load (the loader's view of it,
// shared through package remote).
type Object = remote.Object

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
