package main

import (
	"context"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/internal/detect"
	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/queries"
)

// runOptions configure `flowduck run`.
type runOptions struct {
	g          *globalOptions
	name       string
	params     []string
	output     outputFlag
	reportsDir string
	showSQL    bool
	ioc        string

	filter filterFlags
}

func newRunCmd(g *globalOptions) *cobra.Command {
	opts := &runOptions{g: g}
	cmd := &cobra.Command{
		Use:   "run NAME [PARAM=VALUE...]",
		Short: "Run a saved report",
		Long: `Run a saved report (see 'flowduck reports') on the loaded flow logs.
Parameters are given as NAME=VALUE after the name or as --param NAME=VALUE,
and validated against the report's
declared types. Every report honours the common filters --since/--until
(absolute UTC like 2026-03-02T10:00, or relative like 24h, 7d), --eni, --vpc,
--subnet, --account, --region and --action.`,
		Example: `  flowduck run top-talkers --param by=packets --param group=pair
  flowduck run port-scan --param window=5m --since 2026-03-02 --until 2026-03-03
  flowduck run conversation --param a=10.20.10.10 --param b=10.20.20.10 -o csv
  flowduck run ip-activity ip=203.0.113.0/24 --action REJECT`,
		Args: minArgs(1, "report name"),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			reports, err := listReports(g, opts.reportsDir)
			if err != nil {
				return nil, cobra.ShellCompDirectiveError
			}
			names := make([]string, len(reports))
			for i, r := range reports {
				names[i] = r.Name + "\t" + r.Description
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.name = args[0]
			params, err := reportArgs(opts.name, args[1:])
			if err != nil {
				return err
			}
			opts.params = append(opts.params, params...)
			return runReport(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVarP(&opts.params, "param", "p", nil, "set a report parameter: `NAME=VALUE` (repeatable)")
	opts.filter.register(cmd, "only records", filter.Names...)
	fl.BoolVar(&opts.showSQL, "show-sql", false, "print the report's SQL instead of running it")
	fl.StringVar(&opts.ioc, "ioc", "", "indicator list for a report that reads one (ioc-match): `FILE` of IPs/CIDRs, one per line, or CSV with an ip column")
	registerReportsDir(cmd, &opts.reportsDir)
	opts.output.register(cmd)
	return cmd
}

// runReport finds the report, parses flags into parameters and a filter,
// has queries.Prepare validate them (usage errors, before the database is
// opened) and runs it.
func runReport(ctx context.Context, opts *runOptions) error {
	reports, err := listReports(opts.g, opts.reportsDir)
	if err != nil {
		return err
	}
	report, err := queries.Find(reports, opts.name)
	if err != nil {
		return &usageError{err: err}
	}
	if opts.showSQL {
		_, err := opts.g.streams.Out.Write([]byte(report.SQL))
		return err
	}
	params, err := opts.paramMap()
	if err != nil {
		return err
	}
	f, err := opts.filter.filter(time.Now())
	if err != nil {
		return err
	}
	call, err := queries.Prepare(report, params, f)
	if err != nil {
		return filterUsageError(err)
	}
	ropts, err := opts.output.options(opts.g)
	if err != nil {
		return err
	}
	ropts.Title, ropts.SQL, ropts.Facts = report.Name, report.SQL, runFacts(opts, report)
	if opts.ioc != "" {
		if _, err := detect.ReadIOC(opts.ioc); err != nil {
			return &usageError{err: err}
		}
	}
	s, err := opts.g.openReader(ctx, false)
	if err != nil {
		return err
	}
	defer s.Close()
	if opts.ioc != "" {
		if err := detect.LoadIOC(ctx, s.Conn, opts.ioc); err != nil {
			return err
		}
		defer detect.DropIOC(ctx, s.Conn)
	}
	return queries.Run(ctx, s.Conn, call, opts.g.streams.Out, ropts)
}

// paramMap turns the --param NAME=VALUE flags into a map.
func (o *runOptions) paramMap() (map[string]string, error) {
	out := map[string]string{}
	for _, kv := range o.params {
		name, value, ok := strings.Cut(kv, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, usagef("--param %q: use NAME=VALUE", kv)
		}
		if _, dup := out[name]; dup {
			return nil, usagef("--param %s given twice", name)
		}
		out[name] = value
	}
	return out, nil
}
