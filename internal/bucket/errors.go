package bucket

import (
	"errors"
	"fmt"
	"strings"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"

	"github.com/flowduck/flowduck/internal/awserr"
)

// Kind classifies an S3 failure for callers that branch on it.
type Kind int

// The kinds of failure every AWS service shares (see awserr.Kind).
const (
	KindOther          = Kind(awserr.Other)          // anything else
	KindNoCredentials  = Kind(awserr.NoCredentials)  // no credentials found by the chain
	KindBadCredentials = Kind(awserr.BadCredentials) // access key unknown or signature mismatch
	KindExpiredToken   = Kind(awserr.ExpiredToken)   // session or SSO token expired
	KindAccessDenied   = Kind(awserr.AccessDenied)   // credentials valid but not allowed
)

// The kinds of S3 failure of its own.
const (
	KindNoSuchBucket Kind = iota + KindAccessDenied + 1 // the bucket does not exist
	KindNoSuchKey                                       // the object vanished between listing and download
	KindWrongRegion                                     // the bucket is in another region than asked
)

// ownNames are the descriptions of the kinds awserr does not share.
var ownNames = [...]string{
	KindNoSuchBucket: "no such bucket",
	KindNoSuchKey:    "no such key",
	KindWrongRegion:  "wrong region",
}

// String returns a short description of the kind.
func (k Kind) String() string { return awserr.Name(int(k), ownNames[:]) }

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
	awserr.WriteCause(&b, e.Err, e.Hint())
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Hint suggests what to do about the failure, or returns "".
func (e *Error) Hint() string {
	if h := awserr.CredentialHint(awserr.Kind(e.Kind), e.Profile, ", and --endpoint-url for S3-compatible stores"); h != "" {
		return h
	}
	switch e.Kind {
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

// s3Codes maps S3 error codes to kinds. A redirect is KindWrongRegion only
// when the response named the bucket's region.
var s3Codes = map[string]Kind{
	"AccessDenied":      KindAccessDenied,
	"AllAccessDisabled": KindAccessDenied,
	"AccountProblem":    KindAccessDenied,

	"NoSuchBucket": KindNoSuchBucket,
	"NoSuchKey":    KindNoSuchKey,

	"InvalidAccessKeyId":    KindBadCredentials,
	"SignatureDoesNotMatch": KindBadCredentials,
	"InvalidClientTokenId":  KindBadCredentials,
	"InvalidToken":          KindBadCredentials,
	"XAdminUserNotFound":    KindBadCredentials, // versitygw's InvalidAccessKeyId

	"ExpiredToken":          KindExpiredToken,
	"ExpiredTokenException": KindExpiredToken,
	"TokenRefreshRequired":  KindExpiredToken,

	"AuthorizationHeaderMalformed":       KindWrongRegion,
	"PermanentRedirect":                  KindWrongRegion,
	"Redirect":                           KindWrongRegion,
	"IllegalLocationConstraintException": KindWrongRegion,
}

// kindOf classifies an SDK error by its API error code, and returns the
// bucket's region when the response named one.
func kindOf(err error) (Kind, string) {
	region := bucketRegion(err)
	kind := awserr.Classify(err, s3Codes, KindExpiredToken, KindOther)
	if kind == KindWrongRegion && region == "" {
		kind = KindOther
	}
	return kind, region
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
	if awserr.KeepAsIs(err) {
		return err
	}
	kind, region := kindOf(err)
	return &Error{Kind: kind, Op: op, Bucket: c.bucket, Key: key, Region: region, Asked: c.region,
		Profile: c.profile, Err: err}
}
