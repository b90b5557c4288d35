package cwlogs

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/smithy-go/logging"
)

// maxAttempts is how often a call is tried before its error counts:
// throttling is normal at CloudWatch Logs' request rate limit.
const maxAttempts = 12

// conn is a CloudWatch Logs client for one region.
type conn struct {
	client   *cloudwatchlogs.Client
	cfg      aws.Config
	region   string
	profile  string
	endpoint string
}

// dial loads the AWS config (profile, credentials, region, endpoint) and
// checks that credentials exist. Calls retry in the SDK's adaptive mode
// (client-side rate limiting after throttling) without a retry quota.
func dial(ctx context.Context, src Source, opts Options) (*conn, error) {
	c := &conn{profile: opts.Profile}
	load := []func(*config.LoadOptions) error{
		config.WithLogger(logging.Nop{}),
		config.WithRetryer(func() aws.Retryer {
			return retry.NewAdaptiveMode(func(o *retry.AdaptiveModeOptions) {
				o.StandardOptions = append(o.StandardOptions, func(so *retry.StandardOptions) {
					so.MaxAttempts = maxAttempts
					so.RateLimiter = ratelimit.None
					if opts.MaxBackoff > 0 {
						so.MaxBackoff = opts.MaxBackoff
						so.Backoff = retry.NewExponentialJitterBackoff(opts.MaxBackoff)
					}
				})
			})
		}),
	}
	if opts.Profile != "" {
		load = append(load, config.WithSharedConfigProfile(opts.Profile))
	}
	if opts.Region != "" {
		load = append(load, config.WithRegion(opts.Region))
	}
	fail := func(kind Kind, err error) error {
		return &Error{Kind: kind, Op: "credentials", Source: src, Profile: opts.Profile, Err: err}
	}
	cfg, err := config.LoadDefaultConfig(ctx, load...)
	if err != nil {
		return nil, fail(KindNoCredentials, err)
	}
	if cfg.Credentials == nil {
		return nil, fail(KindNoCredentials, errors.New("no credential provider"))
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		kind := kindOf(err)
		if kind != KindExpiredToken {
			kind = KindNoCredentials
		}
		return nil, fail(kind, err)
	}
	if cfg.Region == "" {
		return nil, &Error{Kind: KindNoRegion, Op: "region", Source: src, Profile: opts.Profile}
	}
	c.cfg, c.region = cfg, cfg.Region
	c.client = cloudwatchlogs.NewFromConfig(cfg, func(o *cloudwatchlogs.Options) {
		if opts.Endpoint != "" {
			o.BaseEndpoint = aws.String(opts.Endpoint)
		}
	})
	if ep := c.client.Options().BaseEndpoint; ep != nil {
		c.endpoint = *ep
	}
	return c, nil
}
