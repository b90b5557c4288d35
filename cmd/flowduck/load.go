package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/internal/cwlogs"
	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/iostreams"
	"github.com/flowduck/flowduck/internal/units"
	"github.com/flowduck/flowduck/loader"
)

// loadOptions configure `flowduck load`.
type loadOptions struct {
	g      *globalOptions
	opts   loader.Options
	filter filterFlags
	remote remoteOptions
}

func newLoadCmd(g *globalOptions) *cobra.Command {
	o := &loadOptions{g: g}
	cmd := &cobra.Command{
		Use:   "load SOURCE...",
		Short: "Load flow-log files, directories, globs, s3:// prefixes or cwl:// log groups",
		Long: `Load VPC Flow Log files into the database. SOURCE is a file, a directory (read
recursively), a glob, s3://bucket/prefix, or cwl://LOG_GROUP[//STREAM_PREFIX]. Files are
recognised by content: plain or gzip text with or without a header line (any field version
and order), CloudWatch Logs exports and JSON payloads, and Parquet deliveries. Files already
loaded are skipped; --force reloads them. Lines that are not records are kept in the
rejects table.

cwl:// reads a CloudWatch Logs group with the AWS SDK: everything after cwl:// up to the
first "//" is the group (cwl:///aws/vpc/flow-logs), what follows it a stream prefix
(cwl:///aws/vpc/flow-logs//eni-0abc). --since/--until bound the events' time (default:
the last 24 hours); each stream continues from where the last load of it stopped, so a
re-run adds only new events; --force re-reads the window. --region is the group's region,
--eni picks the streams of those interfaces. The format is the flow log's own when
ec2:DescribeFlowLogs may be called, else v2 unless --format says otherwise.`,
		Example: `  flowduck load ./AWSLogs
  flowduck load 'logs/**/*.log.gz' --since 2026-03-01 --until 2026-03-02
  flowduck load cloudwatch-export.txt --format '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}'
  flowduck load s3://my-flow-logs/AWSLogs/ --account 111122223333 --region eu-west-1 --since 2026-03-01
  flowduck load cwl:///aws/vpc/flow-logs --region eu-west-1 --since 6h
  flowduck load cwl:///aws/vpc/flow-logs//eni-0abc --since 2026-03-01 --until 2026-03-02`,
		Args: minArgs(1, "SOURCE (file, directory, glob, s3:// or cwl:// URI)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := o.filter.parse(time.Now())
			if err != nil {
				return err
			}
			if len(f.ENIs) > 0 && !hasCWLSource(args) {
				return &usageError{err: fmt.Errorf("--eni picks the log streams of cwl:// sources; to narrow files to interfaces, filter the reports (flowduck run … --eni)")}
			}
			o.opts.Sources = args
			o.opts.Filter = f
			return runLoad(cmd.Context(), g, o.opts, o.remote)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.opts.Format, "format", "", "AWS format string of headerless records, e.g. '${version} ${srcaddr} ...' (default: the v2 default format)")
	f.BoolVar(&o.opts.Force, "force", false, "reload files that are already loaded (their rows are replaced)")
	o.filter.register(cmd, "load only records", loadFilters...)
	f.Var(&filterFlag{flags: &o.filter, name: filter.ENI}, filter.ENI, "cwl:// sources: read only the log streams of these network interfaces (eni-…-all; repeatable, comma-separated)")
	o.remote.register(cmd)
	return cmd
}

// hasCWLSource reports whether a load reads a CloudWatch Logs group.
func hasCWLSource(sources []string) bool {
	for _, s := range sources {
		if cwlogs.IsURI(s) {
			return true
		}
	}
	return false
}

// runLoad loads and prints the summary on stderr.
func runLoad(ctx context.Context, g *globalOptions, opts loader.Options, remotes remoteOptions) error {
	s, err := g.openPlain(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	opts.Progress = g.streams.ErrOut
	opts.Live = g.streams.ErrTTY
	opts.Ignore = s.Files()
	remotes.wire(&opts, g.streams.ErrTTY)
	opts.Trace = g.trace()
	res, err := loader.Load(ctx, s.Conn, opts)
	if err != nil {
		return err
	}
	printLoadSummary(g.streams, res)
	return res.Err()
}

// printLoadSummary writes one line per failed file and the one-line summary.
func printLoadSummary(streams *iostreams.IOStreams, res loader.Result) {
	printLoadSummaryTo(streams.ErrOut, res)
}

// printLoadSummaryTo writes the summary to w: a line per file that failed
// or was skipped for a reason other than a routine one, then the totals.
func printLoadSummaryTo(w io.Writer, res loader.Result) {
	for _, f := range res.Files {
		switch {
		case f.Status == loader.Failed:
			fmt.Fprintf(w, "failed: %s: %s\n", f.Path, f.Reason)
		case f.Status == loader.Skipped && !f.Quiet:
			fmt.Fprintf(w, "skipped: %s: %s\n", f.Path, f.Reason)
		}
	}
	rate := ""
	if secs := res.Elapsed.Seconds(); secs > 0 && res.Records > 0 {
		rate = fmt.Sprintf(", %s records/s", units.Count(int64(float64(res.Records)/secs)))
	}
	fmt.Fprintf(w, "loaded %d file(s) (%s), skipped %d, failed %d: %s records, %s rejects in %s%s\n",
		res.Loaded, units.Bytes(res.Bytes), res.Skipped, res.Failed, groupDigits(res.Records), groupDigits(res.Rejects),
		res.Elapsed.Round(10_000_000), rate)
}

// groupDigits writes 10000000 as 10,000,000.
func groupDigits(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + groupDigits(-n)
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
