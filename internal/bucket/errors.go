package bucket

import (
	"context"
	"errors"
	"fmt"
	"strings"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
	"github.com/aws/smithy-go"
)

// Kind classifies an S3 failure for callers that branch on it.
type Kind int

// The kinds of failure that carry a hint.
const (
	KindOther          Kind = iota // anything else
	KindNoCredentials              // no credentials found by the chain
	KindBadCredentials             // access key unknown or signature mismatch
	KindExpiredToken               // session or SSO token expired
	KindAccessDenied               // credentials valid but not allowed
	KindNoSuchBucket               // the bucket does not exist
	KindNoSuchKey                  // the object vanished between listing and download
	KindWrongRegion                // the bucket is in another region than asked
)

var kindNames = [...]string{
	KindOther:          "error",
	KindNoCredentials:  "no AWS credentials found",
	KindBadCredentials: "credentials rejected",
	KindExpiredToken:   "credentials expired",
	KindAccessDenied:   "access denied",
	KindNoSuchBucket:   "no such bucket",
	KindNoSuchKey:      "no such key",
	KindWrongRegion:    "wrong region",
}

// String returns a short description of the kind.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

// Error is a failed S3 operation with what it was about and a hint.
type Error struct {
	Kind Kind
	// Op is what failed: "credentials", "list" or "download".
	Op     string
	Bucket string
	// Key is the key prefix of a listing or the key of a download.
	Key string
	// Region is the bucket's region as S3 reported it (KindWrongRegion), and
	// Asked the region the request was signed for.
	Region, Asked string
	// Profile is the shared config profile in use, if one was named.
	Profile string
	// Err is the underlying SDK error.
	Err error
}

// Error returns "op s3://bucket/key: what: cause (hint: ...)".
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: ", e.Op, URI(e.Bucket, e.Key))
	switch e.Kind {
	case KindWrongRegion:
		fmt.Fprintf(&b, "bucket %s is in region %s, not %s", e.Bucket, e.Region, e.Asked)
	case KindNoSuchBucket:
		fmt.Fprintf(&b, "no such bucket %s", e.Bucket)
	case KindAccessDenied:
		fmt.Fprintf(&b, "access denied to bucket %s, prefix %q", e.Bucket, e.Key)
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
		return "check the access key and secret of " + profile + ", and --endpoint-url for S3-compatible stores"
	case KindExpiredToken:
		return "refresh the credentials of " + profile + ", e.g. `aws sso login`"
	case KindAccessDenied:
		return fmt.Sprintf("the credentials need s3:ListBucket on arn:aws:s3:::%s for this prefix "+
			"and s3:GetObject on its keys", e.Bucket)
	case KindNoSuchBucket:
		return "check the bucket name, and --endpoint-url for S3-compatible stores"
	case KindNoSuchKey:
		return "the object was deleted after it was listed; run the load again"
	case KindWrongRegion:
		return fmt.Sprintf("use bucket region %s, or leave the bucket region unset to detect it", e.Region)
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

// kindOf classifies an SDK error by its API error code, and returns the
// bucket's region when the response named one.
func kindOf(err error) (Kind, string) {
	region := bucketRegion(err)
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		var expired *ssocreds.InvalidTokenError
		if errors.As(err, &expired) {
			return KindExpiredToken, region
		}
		return KindOther, region
	}
	switch ae.ErrorCode() {
	case "AccessDenied", "AllAccessDisabled", "AccountProblem":
		return KindAccessDenied, region
	case "NoSuchBucket":
		return KindNoSuchBucket, region
	case "NoSuchKey":
		return KindNoSuchKey, region
	case "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidClientTokenId", "InvalidToken",
		"XAdminUserNotFound": // versitygw's InvalidAccessKeyId
		return KindBadCredentials, region
	case "ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired":
		return KindExpiredToken, region
	case "AuthorizationHeaderMalformed", "PermanentRedirect", "Redirect", "IllegalLocationConstraintException":
		if region != "" {
			return KindWrongRegion, region
		}
	}
	return KindOther, region
}

// bucketRegion returns the region an S3 error response names for the bucket:
// the x-amz-bucket-region header, which regionHint also fills in from the
// <Region> element of an error body.
func bucketRegion(err error) string {
	var re *awshttp.ResponseError
	if errors.As(err, &re) && re.Response != nil {
		return re.Response.Header.Get(bucketRegionHeader)
	}
	return ""
}

// wrap turns an SDK error into an *Error for op on bucket/key, leaving
// cancellation errors as they are.
func (c *conn) wrap(op, key string, err error) error {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	kind, region := kindOf(err)
	return &Error{Kind: kind, Op: op, Bucket: c.bucket, Key: key, Region: region, Asked: c.region,
		Profile: c.profile, Err: err}
}
