package cwlogs

import (
	"errors"
	"fmt"
	"strings"

	"github.com/flowduck/flowduck/internal/remote"
)

// Scheme starts a CloudWatch Logs source.
const Scheme = remote.CWLScheme

// Source is a parsed cwl:// URI: a log group and an optional stream prefix.
//
// Log group names contain '/' (/aws/vpc/flow-logs), so the stream prefix is
// told apart by a double slash: everything after cwl:// up to the first "//"
// that does not start the name is the group, everything after it the
// prefix. cwl:///aws/vpc/flow-logs is the whole group /aws/vpc/flow-logs;
// cwl:///aws/vpc/flow-logs//eni-0abc its streams whose names start with
// eni-0abc.
type Source struct {
	Group  string
	Prefix string
}

// IsURI reports whether a load source is a cwl:// URI.
func IsURI(s string) bool { return remote.IsCWL(s) }

// Parse reads a cwl:// URI.
func Parse(uri string) (Source, error) {
	if !IsURI(uri) {
		return Source{}, fmt.Errorf("%s: not a cwl:// URI", uri)
	}
	rest := strings.TrimPrefix(uri, Scheme)
	var s Source
	// A group name may start with '/': look for the separator after it.
	if i := strings.Index(rest[min(1, len(rest)):], "//"); i >= 0 {
		i += min(1, len(rest))
		s.Group, s.Prefix = rest[:i], rest[i+2:]
	} else {
		s.Group = rest
	}
	s.Group = strings.TrimSuffix(s.Group, "/")
	if s.Group == "" || s.Group == "/" {
		return Source{}, fmt.Errorf("%s: %w", uri, errors.New("no log group: write cwl://LOG_GROUP or cwl://LOG_GROUP//STREAM_PREFIX"))
	}
	if strings.ContainsAny(s.Prefix, ":*") {
		return Source{}, fmt.Errorf("%s: a log stream name cannot contain ':' or '*'", uri)
	}
	return s, nil
}

// String is the source as a URI.
func (s Source) String() string {
	if s.Prefix == "" {
		return Scheme + s.Group
	}
	return Scheme + s.Group + "//" + s.Prefix
}

// StreamURI names one log stream of a group.
func StreamURI(group, stream string) string { return remote.StreamURI(group, stream) }
