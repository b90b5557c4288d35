package bucket

import (
	"fmt"
	"strings"

	"github.com/flowduck/flowduck/internal/remote"
)

// Scheme is the URI scheme of S3 sources.
const Scheme = remote.S3Scheme

// IsURI reports whether source names an S3 location.
func IsURI(source string) bool {
	return remote.IsS3(source)
}

// ParseURI splits s3://bucket/prefix into bucket and key prefix. The prefix
// may be empty (the whole bucket).
func ParseURI(uri string) (bucket, prefix string, err error) {
	rest, ok := strings.CutPrefix(uri, Scheme)
	if !ok {
		return "", "", fmt.Errorf("parse %q: not an s3:// URI", uri)
	}
	bucket, prefix, _ = strings.Cut(rest, "/")
	if bucket == "" {
		return "", "", fmt.Errorf("parse %q: no bucket name", uri)
	}
	return bucket, prefix, nil
}

// URI returns s3://bucket/key.
func URI(bucket, key string) string {
	return Scheme + bucket + "/" + key
}
