package remote

import "strings"

// URI schemes of remote sources.
const (
	S3Scheme  = "s3://"  // S3 objects under a prefix (package bucket)
	CWLScheme = "cwl://" // CloudWatch Logs groups (package cwlogs)
)

// IsS3 reports whether a load source names an S3 location.
func IsS3(source string) bool { return strings.HasPrefix(source, S3Scheme) }

// IsCWL reports whether a load source names a CloudWatch Logs group.
func IsCWL(source string) bool { return strings.HasPrefix(source, CWLScheme) }

// StreamURI names one log stream of a group: cwl://GROUP//STREAM.
func StreamURI(group, stream string) string { return CWLScheme + group + "//" + stream }
