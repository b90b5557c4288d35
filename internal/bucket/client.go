package bucket

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/logging"
)

// probeRegion is the region a request is signed for when neither the options
// nor the config name one; S3 answers with the bucket's real region.
const probeRegion = "us-east-1"

// conn is an S3 client bound to one bucket in its region.
type conn struct {
	client   *s3.Client
	bucket   string
	region   string
	profile  string
	endpoint string
}

// dial loads the AWS config (profile, credentials, region, endpoint), checks
// that credentials exist, and settles the bucket's region with a one-key
// listing of prefix.
func dial(ctx context.Context, bucket, prefix string, opts Options) (*conn, error) {
	c := &conn{bucket: bucket, profile: opts.Profile}
	load := []func(*config.LoadOptions) error{config.WithLogger(logging.Nop{})}
	if opts.Profile != "" {
		load = append(load, config.WithSharedConfigProfile(opts.Profile))
	}
	if opts.Region != "" {
		load = append(load, config.WithRegion(opts.Region))
	}
	cfg, err := config.LoadDefaultConfig(ctx, load...)
	if err != nil {
		return nil, &Error{Kind: KindNoCredentials, Op: "credentials", Bucket: bucket, Key: prefix,
			Profile: opts.Profile, Err: err}
	}
	if cfg.Credentials == nil {
		return nil, &Error{Kind: KindNoCredentials, Op: "credentials", Bucket: bucket, Key: prefix,
			Profile: opts.Profile, Err: errors.New("no credential provider")}
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		kind, _ := kindOf(err)
		if kind != KindExpiredToken {
			kind = KindNoCredentials
		}
		return nil, &Error{Kind: kind, Op: "credentials", Bucket: bucket, Key: prefix,
			Profile: opts.Profile, Err: err}
	}

	region := cfg.Region
	if region == "" {
		region = probeRegion
	}
	c.client = c.newClient(cfg, opts.Endpoint, region)
	err = c.probe(ctx, prefix)
	var e *Error
	if errors.As(err, &e) && e.Kind == KindWrongRegion && opts.Region == "" {
		// The config's region (or the probe's) is not the bucket's: follow S3.
		c.client = c.newClient(cfg, opts.Endpoint, e.Region)
		err = c.probe(ctx, prefix)
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// newClient makes the S3 client for region, with path-style addressing when
// an endpoint is set (by opts or by AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL).
func (c *conn) newClient(cfg aws.Config, endpoint, region string) *s3.Client {
	c.region = region
	base := func(o *s3.Options) {
		o.Region = region
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
		}
		o.DisableLogOutputChecksumValidationSkipped = true
		o.APIOptions = append(o.APIOptions, addRegionHint)
	}
	client := s3.NewFromConfig(cfg, base)
	if ep := client.Options().BaseEndpoint; ep != nil {
		c.endpoint = *ep
		client = s3.NewFromConfig(cfg, base, func(o *s3.Options) { o.UsePathStyle = true })
	}
	return client
}

// probe lists one key of prefix: it proves the bucket exists, the credentials
// work and may list, and the region is right.
func (c *conn) probe(ctx context.Context, prefix string) error {
	_, err := c.client.ListObjectsV2(ctx, &s3.ListObjectsV2Input{
		Bucket:  aws.String(c.bucket),
		Prefix:  aws.String(prefix),
		MaxKeys: aws.Int32(1),
	})
	return c.wrap("list", prefix, err)
}
