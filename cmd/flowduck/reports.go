package main

import (
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/internal/render"
	"github.com/flowduck/flowduck/queries"
)

// reportsOptions configure `flowduck reports`.
type reportsOptions struct {
	g          *globalOptions
	output     outputFlag
	reportsDir string
}

func newReportsCmd(g *globalOptions) *cobra.Command {
	opts := &reportsOptions{g: g}
	cmd := &cobra.Command{
		Use:   "reports",
		Short: "List the saved reports with their parameters and the fields they need",
		Long: `List the saved reports: the built-in library, plus the .sql files in
$XDG_CONFIG_HOME/flowduck/reports/ and --reports-dir, which override built-in
reports of the same name. Run one with 'flowduck run NAME'.`,
		Example: `  flowduck reports
  flowduck reports -o json
  flowduck reports --reports-dir ./playbooks`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runReports(cmd.Context(), opts)
		},
	}
	registerReportsDir(cmd, &opts.reportsDir)
	opts.output.register(cmd)
	return cmd
}

// registerReportsDir adds --reports-dir.
func registerReportsDir(cmd *cobra.Command, dir *string) {
	cmd.Flags().StringVar(dir, "reports-dir", "", "also read reports from the .sql and .insights files in `DIR` (they override built-in ones)")
}

// listReports returns the reports visible with --reports-dir.
func listReports(g *globalOptions, reportsDir string) ([]queries.Report, error) {
	dirs, err := queries.Dirs(g.getenv, reportsDir)
	if err != nil {
		return nil, err
	}
	return queries.List(dirs...)
}

// runReports prints one row per report.
func runReports(ctx context.Context, opts *reportsOptions) error {
	ropts, err := opts.output.options(opts.g)
	if err != nil {
		return err
	}
	reports, err := listReports(opts.g, opts.reportsDir)
	if err != nil {
		return err
	}
	return renderReports(ctx, opts.g.streams.Out, reports, ropts)
}

// renderReports writes one row per report.
func renderReports(ctx context.Context, w io.Writer, reports []queries.Report, ropts render.Options) error {
	columns := []string{"name", "description", "parameters", "requires", "origin"}
	data := make([][]any, len(reports))
	for i, r := range reports {
		data[i] = []any{r.Name, r.Description, paramSummary(r.Params()), requiresSummary(r), r.Origin}
	}
	_, err := render.Values(ctx, w, columns, data, ropts)
	return err
}

// paramSummary writes parameters as "name=default (type)", required ones as
// "name=TYPE (required)".
func paramSummary(params []queries.Param) string {
	parts := make([]string, len(params))
	for i, p := range params {
		if p.Required {
			parts[i] = p.Name + "=" + strings.ToUpper(p.TypeName()) + " (required)"
		} else {
			parts[i] = p.Name + "=" + p.Default + " (" + p.TypeName() + ")"
		}
	}
	return strings.Join(parts, ", ")
}

// requiresSummary lists the fields a report needs beyond version 2, with
// the version that brings each.
func requiresSummary(r queries.Report) string {
	parts := make([]string, len(r.Requires))
	for i, f := range r.Requires {
		parts[i] = f.Name + " (v" + strconv.Itoa(f.Version) + ")"
	}
	return strings.Join(parts, ", ")
}
