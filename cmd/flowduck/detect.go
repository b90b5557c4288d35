package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/internal/detect"
	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/render"
	"github.com/flowduck/flowduck/queries"
)

// detectOptions configure `flowduck detect`.
type detectOptions struct {
	g          *globalOptions
	severity   string
	only       []string
	ioc        string
	failOn     string
	params     []string
	reportsDir string
	output     outputFlag
	filter     filterFlags
}

// detectFilters are the filters detect takes: the action filter would
// blind the detections that compare accepted and rejected records.
var detectFilters = []string{filter.Since, filter.Until, filter.ENI, filter.VPC, filter.Subnet, filter.Account, filter.Region}

func newDetectCmd(g *globalOptions) *cobra.Command {
	o := &detectOptions{g: g}
	levels := strings.Join(queries.Severities, "|")
	cmd := &cobra.Command{
		Use:   "detect",
		Short: "Run every detection and print the findings, highest severity first",
		Long: `Run every detection (the saved reports whose header has a detection line, built-in and
your own) on the loaded flow logs and print one row per finding: detection, severity,
mitre (the ATT&CK technique), subject, evidence, flows, bytes, first_seen, last_seen.
A one-line summary goes to standard error. A detection that needs fields the loaded
flow logs lack (tcp-half-open needs tcp-flags, v3) or an input not given (ioc-match
needs --ioc FILE) is skipped and counted in the summary.

The exit status is 0 whatever is found, unless --fail-on is given and a finding is
at or above that severity: then it is 3 (errors stay 1, usage errors 2).

--ioc FILE lists indicators, IPv4 or IPv6 addresses and CIDRs: one per line with
# comments, or CSV with an ip (or indicator) column and an optional label column.`,
		Example: `  flowduck detect
  flowduck detect --since 24h --severity high -o json
  flowduck detect --only port-scan,beaconing --param beaconing.min_connections=10
  flowduck detect --ioc indicators.txt --fail-on high`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDetect(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.severity, "severity", "", "only findings of this severity and above: "+levels)
	f.StringSliceVar(&o.only, "only", nil, "run only these detections (comma-separated names)")
	f.StringVar(&o.ioc, "ioc", "", "indicator list for ioc-match: `FILE` of IPs/CIDRs, one per line, or CSV with an ip column")
	f.StringVar(&o.failOn, "fail-on", "", "exit 3 when a finding is at or above this severity: "+levels)
	f.StringArrayVarP(&o.params, "param", "p", nil, "set a detection parameter: `DETECTION.NAME=VALUE` (repeatable)")
	o.filter.register(cmd, "only records", detectFilters...)
	registerReportsDir(cmd, &o.reportsDir)
	o.output.register(cmd)
	for _, name := range []string{"severity", "fail-on"} {
		_ = cmd.RegisterFlagCompletionFunc(name, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return queries.Severities, cobra.ShellCompDirectiveNoFileComp
		})
	}
	return cmd
}

// runDetect validates the flags (usage errors before the database opens),
// runs the detections, prints the findings and the summary, and returns a
// *findingsError when --fail-on is met.
func runDetect(ctx context.Context, o *detectOptions) error {
	if o.failOn != "" && queries.SeverityRank(o.failOn) < 0 {
		return usagef("--fail-on %q: use %s", o.failOn, strings.Join(queries.Severities, ", "))
	}
	if o.severity != "" && queries.SeverityRank(o.severity) < 0 {
		return usagef("--severity %q: use %s", o.severity, strings.Join(queries.Severities, ", "))
	}
	f, err := o.filter.filter(time.Now())
	if err != nil {
		return err
	}
	params, err := detectParams(o.params)
	if err != nil {
		return err
	}
	dirs, err := queries.Dirs(o.g.getenv, o.reportsDir)
	if err != nil {
		return err
	}
	opts := detect.Options{Filter: f, MinSeverity: strings.ToLower(o.severity), Only: o.only, IOCFile: o.ioc,
		Dirs: dirs, Params: params, Materialize: detectMaterialize}
	if _, err := detect.Plan(opts); err != nil {
		return filterUsageError(err)
	}
	if o.ioc != "" {
		if _, err := detect.ReadIOC(o.ioc); err != nil {
			return &usageError{err: err}
		}
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
	res, err := detect.Run(ctx, s.Conn, opts)
	if err != nil {
		return err
	}
	if err := detect.Render(ctx, o.g.streams.Out, res, ropts); err != nil {
		return err
	}
	fmt.Fprintln(o.g.streams.ErrOut, res.Summary())
	if o.failOn != "" {
		if top := res.Highest(); top != "" && queries.SeverityRank(top) >= queries.SeverityRank(o.failOn) {
			return &findingsError{highest: top, failOn: strings.ToLower(o.failOn)}
		}
	}
	return nil
}

// shellDetect runs .detect [severity=L] [only=a,b] [ioc=FILE] [k=v...]: the
// k=v are those options or the common filters; DETECTION.NAME=VALUE sets a
// detection's parameter.
func shellDetect(ctx context.Context, s *duck.Session, g *globalOptions, args []string, w io.Writer, ropts render.Options) (string, error) {
	var opts detect.Options
	var params []string
	now := time.Now()
	for _, arg := range args {
		k, v, ok := strings.Cut(arg, "=")
		switch {
		case !ok || k == "":
			return "", fmt.Errorf("%q: use NAME=VALUE (severity=, only=, ioc=, a filter such as since=24h, or DETECTION.PARAM=)", arg)
		case k == "severity":
			opts.MinSeverity = strings.ToLower(v)
		case k == "only":
			opts.Only = append(opts.Only, strings.Split(v, ",")...)
		case k == "ioc":
			opts.IOCFile = v
		case strings.Contains(k, "."):
			params = append(params, arg)
		default:
			if err := opts.Filter.Set(k, v, now); err != nil {
				return "", err
			}
		}
	}
	var err error
	if opts.Params, err = detectParams(params); err != nil {
		return "", err
	}
	if opts.Dirs, err = queries.Dirs(g.getenv); err != nil {
		return "", err
	}
	opts.Materialize = detectMaterialize
	res, err := detect.Run(ctx, s.Conn, opts)
	if err != nil {
		return "", err
	}
	if err := detect.Render(ctx, w, res, ropts); err != nil {
		return "", err
	}
	return res.Summary(), nil
}

// detectMaterialize is whether detect copies the filtered records into a
// temporary table that every detection reads (see bench/detectbench).
const detectMaterialize = false

// detectParams reads --param DETECTION.NAME=VALUE flags.
func detectParams(flags []string) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for _, kv := range flags {
		key, value, ok := strings.Cut(kv, "=")
		det, name, dot := strings.Cut(strings.TrimSpace(key), ".")
		if !ok || !dot || det == "" || name == "" {
			return nil, usagef("--param %q: use DETECTION.NAME=VALUE, e.g. port-scan.min_ports=50", kv)
		}
		if out[det] == nil {
			out[det] = map[string]string{}
		}
		if _, dup := out[det][name]; dup {
			return nil, usagef("--param %s.%s given twice", det, name)
		}
		out[det][name] = value
	}
	return out, nil
}

// findingsError is `detect --fail-on` met: entry.go maps it to exit code 3.
type findingsError struct{ highest, failOn string }

// Error implements error.
func (e *findingsError) Error() string {
	return fmt.Sprintf("a finding is %s, at or above --fail-on %s", e.highest, e.failOn)
}
