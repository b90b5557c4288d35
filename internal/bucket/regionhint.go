package bucket

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"

	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// bucketRegionHeader is the response header in which S3 names a bucket's
// region.
const bucketRegionHeader = "X-Amz-Bucket-Region"

// maxErrorBody bounds how much of an error body regionHint reads.
const maxErrorBody = 64 << 10

// regionHint copies the <Region> element of an S3 error body (sent with
// AuthorizationHeaderMalformed when a request is signed for the wrong region)
// into the x-amz-bucket-region header, so that every wrong-region answer can
// be read the same way from the SDK's *awshttp.ResponseError. It runs before
// the operation's deserializer and leaves the body readable for it.
type regionHint struct{}

// ID names the middleware in the stack.
func (regionHint) ID() string { return "flowduckRegionHint" }

// HandleDeserialize inspects error responses on their way back.
func (regionHint) HandleDeserialize(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (
	middleware.DeserializeOutput, middleware.Metadata, error,
) {
	out, md, err := next.HandleDeserialize(ctx, in)
	resp, ok := out.RawResponse.(*smithyhttp.Response)
	if !ok || resp.StatusCode < 300 || resp.Body == nil || resp.Header.Get(bucketRegionHeader) != "" {
		return out, md, err
	}
	orig := resp.Body
	head, _ := io.ReadAll(io.LimitReader(orig, maxErrorBody))
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(head), orig), orig}
	var body struct {
		Region string `xml:"Region"`
	}
	if xml.Unmarshal(head, &body) == nil && body.Region != "" {
		resp.Header.Set(bucketRegionHeader, body.Region)
	}
	return out, md, err
}

// addRegionHint adds regionHint as the innermost deserialize middleware.
func addRegionHint(stack *middleware.Stack) error {
	return stack.Deserialize.Add(regionHint{}, middleware.After)
}
