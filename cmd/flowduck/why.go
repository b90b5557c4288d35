package main

import (
	"context"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/render"
	"github.com/flowduck/flowduck/internal/why"
	"github.com/flowduck/flowduck/queries"
)

// whyOptions configure `flowduck why`.
type whyOptions struct {
	g        *globalOptions
	src, dst string
	port     int
	protocol string
	output   outputFlag
	filter   filterFlags
}

func newWhyCmd(g *globalOptions) *cobra.Command {
	o := &whyOptions{g: g}
	cmd := &cobra.Command{
		Use:   "why SRC DST",
		Short: "Both directions between two endpoints, with a verdict per port",
		Long: `Show everything the flow logs know about traffic between SRC (the endpoint that
opens the connection) and DST, in both directions: per protocol and service port (the lower
of the two ports), the records accepted and rejected each way, the first and last time, and
a verdict with the records it rests on:
  reachable          requests and replies accepted
  blocked            request rejected and no reply: a security group or a network ACL
                     (flow logs cannot tell which)
  network ACL        request accepted, reply rejected: security groups are stateful, so a
                     network ACL dropped the reply
  no evidence        no traffic between them was logged (only NODATA/SKIPDATA, or nothing)`,
		Example: `  flowduck why 10.10.0.40 203.0.113.123
  flowduck why 203.0.113.9 10.0.1.5 --port 22 --protocol tcp --since 24h`,
		Args: exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.src, o.dst = args[0], args[1]
			if !cmd.Flags().Changed("port") {
				o.port = -1
			}
			return runWhy(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.port, "port", 0, "only this service port")
	f.StringVar(&o.protocol, "protocol", "", "only this protocol: "+strings.Join(why.Protocols, ", "))
	o.filter.register(cmd, "only records", filter.Names...)
	o.output.register(cmd)
	return cmd
}

// runWhy validates the arguments (usage errors before the database opens)
// and runs the why report.
func runWhy(ctx context.Context, o *whyOptions) error {
	params := map[string]string{why.ParamSrc: o.src, why.ParamDst: o.dst}
	if o.port >= 0 {
		params[why.ParamPort] = strconv.Itoa(o.port)
	}
	if o.protocol != "" {
		params[why.ParamProtocol] = strings.ToLower(o.protocol)
	}
	f, err := o.filter.filter(time.Now())
	if err != nil {
		return err
	}
	call, err := why.Prepare(params, f)
	if err != nil {
		return filterUsageError(err)
	}
	ropts, err := o.output.options(o.g)
	if err != nil {
		return err
	}
	s, err := o.g.openReader(ctx, false)
	if err != nil {
		return err
	}
	defer s.Close()
	return queries.Run(ctx, s.Conn, call, o.g.streams.Out, ropts)
}

// shellWhy runs .why SRC DST [k=v...]: the k=v are the why report's port
// and protocol, or filters, read as .run reads them.
func shellWhy(ctx context.Context, s *duck.Session, args []string, w io.Writer, opts render.Options) error {
	r, err := why.Report()
	if err != nil {
		return err
	}
	params, f, err := shellReportArgs(r, args[2:], time.Now())
	if err != nil {
		return err
	}
	params[why.ParamSrc], params[why.ParamDst] = args[0], args[1]
	call, err := why.Prepare(params, f)
	if err != nil {
		return err
	}
	return queries.Run(ctx, s.Conn, call, w, opts)
}
