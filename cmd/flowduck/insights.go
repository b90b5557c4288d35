package main

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/insights"
	"github.com/flowduck/flowduck/internal/store"
)

// insightsFilters are the filters of `flowduck insights`: the console's
// time range and log-group selection.
var insightsFilters = []string{filter.Since, filter.Until, filter.Account, filter.Region, filter.ENI}

// insightsOptions configure `flowduck insights`.
type insightsOptions struct {
	g       *globalOptions
	query   string
	file    string
	showSQL bool
	output  outputFlag
	filter  filterFlags
}

func newInsightsCmd(g *globalOptions) *cobra.Command {
	opts := &insightsOptions{g: g}
	cmd := &cobra.Command{
		Use:   "insights ['QUERY' | -f FILE]",
		Short: "Run a CloudWatch Logs Insights query over the loaded flow logs",
		Long: `Run a CloudWatch Logs Insights query (fields, filter, stats, sort, limit, display,
dedup, parse) over the loaded flow logs. Field names are those CloudWatch discovers
for flow logs (srcAddr, dstPort, interfaceId, ...), in any case, or Athena's
(srcaddr, dstport, log_status, ...); @timestamp is the CloudWatch event time where the data
came from CloudWatch, else start; @message is the record's line.
The query comes from the argument, from -f FILE, or from standard input.
--since/--until, --account, --region and --eni play the role of the console's
time range and log-group selection. Without limit, at most 10,000 rows are shown.`,
		Example: `  flowduck insights 'filter action="REJECT" | stats count(*) as n by srcAddr | sort n desc | limit 10'
  flowduck insights -f top-talkers.insights --since 24h -o json
  flowduck insights --show-sql 'stats sum(bytes) by bin(1h)'`,
		Args: rangeArgs(0, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.query = args[0]
			}
			return runInsights(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.file, "file", "f", "", "read the query from `FILE` (- for standard input)")
	cmd.Flags().BoolVar(&opts.showSQL, "show-sql", false, "print the SQL the query translates to instead of running it")
	opts.filter.register(cmd, "only records", insightsFilters...)
	opts.output.register(cmd)
	return cmd
}

// runInsights translates the query and runs it (or prints its SQL).
func runInsights(ctx context.Context, opts *insightsOptions) error {
	text, err := opts.text()
	if err != nil {
		return err
	}
	if _, err := insights.Parse(text); err != nil {
		return withCaret(err, opts.g.streams.ErrOut) // before opening the database
	}
	f, err := opts.filter.parse(time.Now())
	if err != nil {
		return err
	}
	ropts, err := opts.output.options(opts.g)
	if err != nil {
		return err
	}
	s, err := opts.g.openReader(ctx, false)
	if err != nil {
		return err
	}
	defer s.Close()
	c, err := prepareInsights(ctx, s, text, f)
	if err != nil {
		return withCaret(err, opts.g.streams.ErrOut)
	}
	if opts.showSQL {
		_, err := io.WriteString(opts.g.streams.Out, c.SQL+";\n")
		return err
	}
	return insights.Run(ctx, s.Conn, c, opts.g.streams.Out, opts.g.streams.ErrOut, ropts)
}

// prepareInsights translates a query over the session's flow logs.
func prepareInsights(ctx context.Context, s *duck.Session, text string, f filter.Filter) (*insights.Compiled, error) {
	loaded, err := store.Exists(ctx, s.Conn)
	if err != nil {
		return nil, err
	}
	if !loaded {
		return nil, store.NothingLoadedIn(s.Path)
	}
	return insights.Prepare(ctx, s.Conn, text, f)
}

// withCaret shows the query line and a caret under the column of a syntax
// error on w (the error itself is printed on one line), and returns err.
func withCaret(err error, w io.Writer) error {
	var se *insights.SyntaxError
	if errors.As(err, &se) {
		_, _ = io.WriteString(w, se.Caret())
	}
	return err
}

// text returns the query from the argument, the file or standard input.
func (o *insightsOptions) text() (string, error) {
	return queryText(o.g.streams, o.query, o.file, "no query")
}
