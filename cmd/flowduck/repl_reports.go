package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/render"
	"github.com/flowduck/flowduck/queries"
	"github.com/flowduck/flowduck/repl"
)

// reportFilterKeys are the common report filters the shell's .run accepts as
// k=v next to the report's own parameters (a parameter of the same name wins).
var reportFilterKeys = []string{"since", "until", "eni", "vpc", "subnet", "account", "region", "action"}

// addReportHooks gives the shell the saved reports: .reports, .run, .save.
func addReportHooks(h *repl.Hooks, s *duck.Session, g *globalOptions) {
	list := func() ([]queries.Report, error) {
		dirs, err := queries.Dirs(g.getenv)
		if err != nil {
			return nil, err
		}
		return queries.List(dirs...)
	}
	h.Reports = func(ctx context.Context, w io.Writer, opts render.Options) error {
		reports, err := list()
		if err != nil {
			return err
		}
		return renderReports(ctx, w, reports, opts)
	}
	h.RunReport = func(ctx context.Context, name string, args []string, w io.Writer, opts render.Options) error {
		reports, err := list()
		if err != nil {
			return err
		}
		report, err := queries.Find(reports, name)
		if err != nil {
			return err
		}
		params, filters, err := shellReportArgs(report, args, time.Now())
		if err != nil {
			return err
		}
		return queries.Run(ctx, s.Conn, report, params, filters, w, opts)
	}
	h.SaveReport = func(name, sql string) (string, error) {
		dir, err := queries.UserDir(g.getenv)
		if err != nil {
			return "", err
		}
		return queries.Save(dir, name, sql)
	}
	h.ReportNames = func() []string {
		reports, err := list()
		if err != nil {
			return nil
		}
		names := make([]string, len(reports))
		for i, r := range reports {
			names[i] = r.Name
		}
		return names
	}
	h.ReportParams = func(name string) []string {
		reports, err := list()
		if err != nil {
			return nil
		}
		report, err := queries.Find(reports, name)
		if err != nil {
			return nil
		}
		var names []string
		for _, p := range report.Params() {
			names = append(names, p.Name)
		}
		names = append(names, reportFilterKeys...)
		sort.Strings(names)
		return names
	}
}

// shellReportArgs splits .run's k=v arguments into report parameters and
// common filters.
func shellReportArgs(report queries.Report, args []string, now time.Time) (map[string]string, queries.Filters, error) {
	params := map[string]string{}
	var f queries.Filters
	for _, arg := range args {
		k, v, ok := strings.Cut(arg, "=")
		if !ok || k == "" {
			return nil, f, fmt.Errorf("%q: use NAME=VALUE", arg)
		}
		if _, isParam := report.Param(k); isParam {
			params[k] = v
			continue
		}
		var err error
		switch k {
		case "since":
			f.Since, err = queries.ParseTime(v, now)
		case "until":
			f.Until, err = queries.ParseTime(v, now)
		case "eni":
			f.ENIs = append(f.ENIs, v)
		case "vpc":
			f.VPCs = append(f.VPCs, v)
		case "subnet":
			f.Subnets = append(f.Subnets, v)
		case "account":
			f.Accounts = append(f.Accounts, v)
		case "region":
			f.Regions = append(f.Regions, v)
		case "action":
			f.Action, err = queries.ParseAction(v)
		default:
			params[k] = v // the report rejects an unknown parameter by name
		}
		if err != nil {
			return nil, f, fmt.Errorf("%s: %w", k, err)
		}
	}
	return params, f, f.Validate()
}
