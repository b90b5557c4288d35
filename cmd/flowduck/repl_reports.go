package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/render"
	"github.com/flowduck/flowduck/queries"
	"github.com/flowduck/flowduck/repl"
)

// addReportHooks gives the shell the saved reports (.reports, .run, .save)
// and .why.
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
		params, f, err := shellReportArgs(report, args, time.Now())
		if err != nil {
			return err
		}
		call, err := queries.Prepare(report, params, f)
		if err != nil {
			return err
		}
		return queries.Run(ctx, s.Conn, call, w, opts)
	}
	h.Why = func(ctx context.Context, args []string, w io.Writer, opts render.Options) error {
		return shellWhy(ctx, s, args, w, opts)
	}
	h.Detect = func(ctx context.Context, args []string, w io.Writer, opts render.Options) (string, error) {
		return shellDetect(ctx, s, g, args, w, opts)
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
		names = append(names, filter.Names...)
		sort.Strings(names)
		return names
	}
}

// shellReportArgs splits .run's k=v arguments into report parameters and
// the filter (filter.Names, read by filter.Set like the command's flags); a
// report parameter of a filter's name wins. queries.Prepare validates both.
func shellReportArgs(report queries.Report, args []string, now time.Time) (map[string]string, filter.Filter, error) {
	params := map[string]string{}
	var f filter.Filter
	for _, arg := range args {
		k, v, ok := strings.Cut(arg, "=")
		if !ok || k == "" {
			return nil, f, fmt.Errorf("%q: use NAME=VALUE", arg)
		}
		if _, isParam := report.Param(k); isParam || !filter.IsName(k) {
			params[k] = v // the report rejects an unknown parameter by name
			continue
		}
		if err := f.Set(k, v, now); err != nil {
			return nil, f, err
		}
	}
	return params, f, nil
}
