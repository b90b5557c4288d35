package cwlogs

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
	"github.com/aws/smithy-go"
)

// Kind classifies a CloudWatch Logs failure for callers that branch on it.
type Kind int

// The kinds of failure that carry a hint.
const (
	KindOther          Kind = iota // anything else
	KindNoCredentials              // no credentials found by the chain
	KindBadCredentials             // access key unknown or signature mismatch
	KindExpiredToken               // session or SSO token expired
	KindAccessDenied               // credentials valid but not allowed
	KindNoSuchGroup                // the log group does not exist (in this region)
	KindNoRegion                   // no region configured
)

var kindNames = [...]string{
	KindOther:          "error",
	KindNoCredentials:  "no AWS credentials found",
	KindBadCredentials: "credentials rejected",
	KindExpiredToken:   "credentials expired",
	KindAccessDenied:   "access denied",
	KindNoSuchGroup:    "no such log group",
	KindNoRegion:       "no AWS region",
}

// String returns a short description of the kind.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

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
	if cause := describe(e.Err); cause != "" {
		b.WriteString(": ")
		b.WriteString(cause)
	}
	if h := e.Hint(); h != "" {
		fmt.Fprintf(&b, " (hint: %s)", h)
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Hint suggests what to do about the failure, or returns "".
func (e *Error) Hint() string {
	profile := "the profile"
	if e.Profile != "" {
		profile = "profile " + e.Profile
	}
	switch e.Kind {
	case KindNoCredentials:
		return "configure credentials: `aws configure` or `aws sso login`, AWS_PROFILE or --profile, " +
			"or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
	case KindBadCredentials:
		return "check the access key and secret of " + profile + ", and --endpoint-url"
	case KindExpiredToken:
		return "refresh the credentials of " + profile + ", e.g. `aws sso login`"
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

// describe returns the API error's code and message, or the error itself.
func describe(err error) string {
	if err == nil {
		return ""
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		if msg := ae.ErrorMessage(); msg != "" {
			return ae.ErrorCode() + ": " + msg
		}
		return ae.ErrorCode()
	}
	return err.Error()
}

// kindOf classifies an SDK error by its API error code.
func kindOf(err error) Kind {
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		var expired *ssocreds.InvalidTokenError
		if errors.As(err, &expired) {
			return KindExpiredToken
		}
		return KindOther
	}
	switch ae.ErrorCode() {
	case "AccessDeniedException", "AccessDenied", "UnauthorizedOperation":
		return KindAccessDenied
	case "ResourceNotFoundException":
		return KindNoSuchGroup
	case "UnrecognizedClientException", "InvalidSignatureException", "IncompleteSignature",
		"InvalidClientTokenId", "AuthFailure":
		return KindBadCredentials
	case "ExpiredTokenException", "ExpiredToken", "TokenRefreshRequired", "RequestExpired":
		return KindExpiredToken
	}
	return KindOther
}

// wrap turns an SDK error of op into an *Error, leaving cancellation as it is.
func (c *conn) wrap(op string, src Source, stream string, err error) error {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return &Error{Kind: kindOf(err), Op: op, Source: src, Stream: stream, Region: c.region, Profile: c.profile, Err: err}
}
