package cwlogs

import (
	"fmt"
	"strings"

	"github.com/flowduck/flowduck/internal/awserr"
)

// Kind classifies a CloudWatch Logs failure for callers that branch on it.
type Kind int

// The kinds of failure every AWS service shares (see awserr.Kind).
const (
	KindOther          = Kind(awserr.Other)          // anything else
	KindNoCredentials  = Kind(awserr.NoCredentials)  // no credentials found by the chain
	KindBadCredentials = Kind(awserr.BadCredentials) // access key unknown or signature mismatch
	KindExpiredToken   = Kind(awserr.ExpiredToken)   // session or SSO token expired
	KindAccessDenied   = Kind(awserr.AccessDenied)   // credentials valid but not allowed
)

// The kinds of CloudWatch Logs failure of its own.
const (
	KindNoSuchGroup Kind = iota + KindAccessDenied + 1 // the log group does not exist (in this region)
	KindNoRegion                                       // no region configured
)

// ownNames are the descriptions of the kinds awserr does not share.
var ownNames = [...]string{
	KindNoSuchGroup: "no such log group",
	KindNoRegion:    "no AWS region",
}

// String returns a short description of the kind.
func (k Kind) String() string { return awserr.Name(int(k), ownNames[:]) }

// Error is a failed CloudWatch Logs operation with what it was about and a
// hint.
type Error struct {
	Kind Kind
	// Op is what failed: "credentials", "region", or the API action
	// (DescribeLogStreams, FilterLogEvents).
	Op     string
	Source Source
	// Stream is the log stream a FilterLogEvents call read, if one.
	Stream  string
	Region  string
	Profile string
	// Similar are log groups whose names start like the missing one's
	// (KindNoSuchGroup).
	Similar []string
	// SimilarPrefix is the prefix Similar share.
	SimilarPrefix string
	Err           error
}

// Error returns "cwl://group: what: cause (hint: ...)".
func (e *Error) Error() string {
	var b strings.Builder
	if e.Stream != "" {
		b.WriteString(StreamURI(e.Source.Group, e.Stream))
	} else {
		b.WriteString(e.Source.String())
	}
	b.WriteString(": ")
	switch e.Kind {
	case KindNoSuchGroup:
		if e.Stream != "" {
			b.WriteString("no such log stream (deleted after it was listed?)")
			break
		}
		fmt.Fprintf(&b, "no log group %s in region %s", e.Source.Group, e.Region)
	case KindAccessDenied:
		fmt.Fprintf(&b, "access denied to log group %s (%s)", e.Source.Group, e.Op)
	default:
		b.WriteString(e.Kind.String())
	}
	awserr.WriteCause(&b, e.Err, e.Hint())
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Hint suggests what to do about the failure, or returns "".
func (e *Error) Hint() string {
	if h := awserr.CredentialHint(awserr.Kind(e.Kind), e.Profile, ", and --endpoint-url"); h != "" {
		return h
	}
	switch e.Kind {
	case KindAccessDenied:
		return fmt.Sprintf("the credentials need logs:%s on arn:aws:logs:%s:*:log-group:%s", e.Op, e.Region, e.Source.Group)
	case KindNoRegion:
		return "pass --region REGION (the log group's region) or set AWS_REGION"
	case KindNoSuchGroup:
		if e.Stream != "" {
			return "run the load again"
		}
		if len(e.Similar) > 0 {
			more := ""
			if len(e.Similar) == maxSimilar {
				more = ", …"
			}
			return fmt.Sprintf("log groups starting with %q: %s%s", e.SimilarPrefix, strings.Join(e.Similar, ", "), more)
		}
		if e.SimilarPrefix != "" {
			return fmt.Sprintf("no log group starts with %q in %s; check the name and --region", e.SimilarPrefix, e.Region)
		}
		return "check the name and --region"
	}
	return ""
}

// logsCodes maps CloudWatch Logs (and EC2) error codes to kinds.
var logsCodes = map[string]Kind{
	"AccessDeniedException": KindAccessDenied,
	"AccessDenied":          KindAccessDenied,
	"UnauthorizedOperation": KindAccessDenied,

	"ResourceNotFoundException": KindNoSuchGroup,

	"UnrecognizedClientException": KindBadCredentials,
	"InvalidSignatureException":   KindBadCredentials,
	"IncompleteSignature":         KindBadCredentials,
	"InvalidClientTokenId":        KindBadCredentials,
	"AuthFailure":                 KindBadCredentials,

	"ExpiredTokenException": KindExpiredToken,
	"ExpiredToken":          KindExpiredToken,
	"TokenRefreshRequired":  KindExpiredToken,
	"RequestExpired":        KindExpiredToken,
}

// kindOf classifies an SDK error by its API error code.
func kindOf(err error) Kind {
	return awserr.Classify(err, logsCodes, KindExpiredToken, KindOther)
}

// wrap turns an SDK error of op into an *Error, leaving cancellation as it is.
func (c *conn) wrap(op string, src Source, stream string, err error) error {
	if awserr.KeepAsIs(err) {
		return err
	}
	return &Error{Kind: kindOf(err), Op: op, Source: src, Stream: stream, Region: c.region, Profile: c.profile, Err: err}
}
