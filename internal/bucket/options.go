package bucket

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// DefaultConcurrency is the number of parallel downloads when
// Options.Concurrency is not set.
const DefaultConcurrency = 8

// DeliveryLag is how long after a record's time its file may land in S3. A
// file sits under the day prefix of its delivery, so a record just before
// midnight can be in the next day's prefix; the listing keeps the days that
// can hold records in [Since, Until+DeliveryLag].
const DeliveryLag = time.Hour

// Options configures Sync and Stream. The zero value works: default
// credential chain, region from the config or detected for the bucket, no
// narrowing, DefaultConcurrency downloads into the user cache directory.
type Options struct {
	// Endpoint is the S3 endpoint URL (--endpoint-url) for S3-compatible
	// stores; empty uses AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL through the
	// SDK, else AWS. Requests use path-style addressing whenever an endpoint
	// is set either way.
	Endpoint string
	// Profile is the shared config profile (--profile); empty uses AWS_PROFILE
	// or the default profile.
	Profile string
	// Region is the bucket's region (--region of the AWS CLI, not flowduck's
	// --region filter). If it is set and wrong, Sync fails with KindWrongRegion
	// naming the bucket's region. If empty, the config's region is used, and
	// if that is empty or not the bucket's, the bucket's region is detected.
	Region string
	// Concurrency is the number of parallel downloads; 0 means
	// DefaultConcurrency.
	Concurrency int
	// CacheDir is where objects are downloaded to, as CacheDir/bucket/key;
	// empty means DefaultCacheDir().
	CacheDir string
	// Since and Until bound the records wanted (zero means open). Only the day
	// prefixes that can hold such records are listed; see DeliveryLag.
	Since, Until time.Time
	// Accounts and Regions restrict the AWS accounts and regions of the flow
	// logs (flowduck's --account and --region); empty means all, discovered
	// with delimited listings.
	Accounts, Regions []string
	// Known reports whether the object with this URI and ETag is already
	// loaded; such objects are skipped without being downloaded. Nil means
	// none is. It is called once per listed object, before any download, from
	// the goroutine that called Sync or Stream.
	Known func(uri, etag string) bool
	// Progress receives progress lines (objects and bytes done of total,
	// throughput) when non-nil; ProgressTTY rewrites one line in place
	// instead of printing a line per update.
	Progress    io.Writer
	ProgressTTY bool
	// ProgressInterval is the time between progress updates; default 200ms
	// with ProgressTTY and 5s otherwise.
	ProgressInterval time.Duration

	// onWrite, when set by tests, is called after each chunk written to a
	// partial file with the object and the bytes written so far.
	onWrite func(o Object, written int64)
}

// DefaultCacheDir returns $XDG_CACHE_HOME/flowduck/s3 (os.UserCacheDir).
func DefaultCacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("s3 cache directory: %w", err)
	}
	return filepath.Join(dir, "flowduck", "s3"), nil
}

// withDefaults fills in the defaults.
func (o Options) withDefaults() (Options, error) {
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.CacheDir == "" {
		dir, err := DefaultCacheDir()
		if err != nil {
			return o, err
		}
		o.CacheDir = dir
	}
	if o.ProgressInterval <= 0 {
		o.ProgressInterval = 5 * time.Second
		if o.ProgressTTY {
			o.ProgressInterval = 200 * time.Millisecond
		}
	}
	return o, nil
}
