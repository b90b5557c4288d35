package cwlogs

import (
	"io"
	"time"
)

// DefaultConcurrency is the number of streams read at once when
// Options.Concurrency is not set; CloudWatch Logs allows an account about
// 25 FilterLogEvents calls a second per region (the adaptive retry slows
// down when it is throttled).
const DefaultConcurrency = 8

// DefaultWindow is how far back a pull reads a stream it has not read
// before when no --since is given.
const DefaultWindow = 24 * time.Hour

// Options configure Pull. The zero value works: default credential chain,
// the config's region, the last 24 hours, DefaultConcurrency streams.
type Options struct {
	// Endpoint is the CloudWatch Logs endpoint URL (--endpoint-url); empty
	// uses AWS_ENDPOINT_URL_CLOUDWATCH_LOGS / AWS_ENDPOINT_URL through the
	// SDK, else AWS. The EC2 format lookup uses AWS_ENDPOINT_URL_EC2 when
	// set, else this, else AWS_ENDPOINT_URL, else AWS.
	Endpoint string
	// Profile is the shared config profile (--profile).
	Profile string
	// Region is the log group's region; empty uses the config's.
	Region string
	// Concurrency is the number of streams read at once.
	Concurrency int
	// Since and Until bound the events' time. A zero Since reads each stream
	// from where the last pull stopped, or DefaultWindow before Until when
	// it was never read; a zero Until is now.
	Since, Until time.Time
	// ENIs narrow the streams to those of these network interfaces (streams
	// are named eni-…-all, eni-…-accept or eni-…-reject).
	ENIs []string
	// Format is the flow log's format string when the caller knows it
	// (--format); empty looks it up with ec2:DescribeFlowLogs, falling back
	// to the default format.
	Format string
	// Force re-reads [Since, Until] whatever the marks say.
	Force bool
	// Dir is where the event files are written (one per stream read); it
	// must be set, and be the pull's own.
	Dir string
	// Marks returns how far a stream was read by earlier pulls.
	Marks func(region, group, stream string) (Mark, bool)
	// Claim, when set, is asked before a stream is read; false leaves it out
	// (another source of the same load reads it).
	Claim func(region, group, stream string) bool
	// Progress receives notes (the window, the format) and progress lines;
	// ProgressTTY rewrites one line in place.
	Progress    io.Writer
	ProgressTTY bool
	// ProgressInterval is the time between progress lines; default 200ms
	// with ProgressTTY and 5s otherwise.
	ProgressInterval time.Duration
	// MaxBackoff caps the wait between retries of a throttled call; zero is
	// the SDK's default (20s). Tests shorten it.
	MaxBackoff time.Duration
	// Now is the current time (tests fix it); nil is time.Now.
	Now func() time.Time
}

func (o Options) withDefaults() Options {
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.ProgressInterval <= 0 {
		o.ProgressInterval = 5 * time.Second
		if o.ProgressTTY {
			o.ProgressInterval = 200 * time.Millisecond
		}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}
