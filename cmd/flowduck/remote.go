package main

import (
	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/internal/bucket"
	"github.com/flowduck/flowduck/internal/cwlogs"
	"github.com/flowduck/flowduck/loader"
)

var (
	_ loader.ObjectReader = bucket.Reader{}
	_ loader.EventReader  = cwlogs.Reader{}
)

// remoteOptions say how `flowduck load` reaches its s3:// and cwl://
// sources: package bucket and package cwlogs read them for the loader,
// which itself links no AWS SDK.
type remoteOptions struct {
	endpoint     string
	profile      string
	bucketRegion string
	concurrency  int
	cacheDir     string
}

// register adds the flags of remote sources to cmd.
func (o *remoteOptions) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.endpoint, "endpoint-url", "", "endpoint URL of S3-compatible stores or CloudWatch Logs (default $AWS_ENDPOINT_URL_S3 / $AWS_ENDPOINT_URL_CLOUDWATCH_LOGS or $AWS_ENDPOINT_URL)")
	f.StringVar(&o.profile, "profile", "", "AWS profile for s3:// and cwl:// sources (default $AWS_PROFILE)")
	f.StringVar(&o.bucketRegion, "bucket-region", "", "region of the S3 bucket (default: from the AWS config, else detected)")
	f.IntVar(&o.concurrency, "concurrency", 0, "parallel S3 downloads or CloudWatch Logs streams (default 8)")
	f.StringVar(&o.cacheDir, "cache-dir", "", "where S3 objects are downloaded (default $XDG_CACHE_HOME/flowduck/s3)")
}

// wire sets the loader's readers of s3:// and cwl:// sources; tty rewrites
// their progress line in place.
func (o remoteOptions) wire(opts *loader.Options, tty bool) {
	opts.S3 = bucket.Reader{Options: bucket.Options{Endpoint: o.endpoint, Profile: o.profile, Region: o.bucketRegion,
		Concurrency: o.concurrency, CacheDir: o.cacheDir, ProgressTTY: tty}}
	opts.CWL = cwlogs.Reader{Options: cwlogs.Options{Endpoint: o.endpoint, Profile: o.profile,
		Concurrency: o.concurrency, ProgressTTY: tty}}
}
