package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/htmlpage"
	"github.com/flowduck/flowduck/internal/htmlreport"
	"github.com/flowduck/flowduck/internal/units"
	"github.com/flowduck/flowduck/queries"
)

// defaultHTMLFile is where `flowduck html` writes without -o.
const defaultHTMLFile = "flowduck-report.html"

// htmlFilters are the filters of `flowduck html`.
var htmlFilters = []string{filter.Since, filter.Until, filter.Account, filter.Region, filter.ENI, filter.VPC}

// htmlOptions configure `flowduck html`.
type htmlOptions struct {
	g       *globalOptions
	out     string
	title   string
	iocFile string
	filter  filterFlags
}

func newHTMLCmd(g *globalOptions) *cobra.Command {
	opts := &htmlOptions{g: g}
	cmd := &cobra.Command{
		Use:   "html",
		Short: "Write the investigation as one self-contained, offline HTML file",
		Long: `Write one HTML file that shows the loaded flow logs: what was loaded, the
findings of the detections, traffic over time, top talkers, ports and
rejected sources, and a graph of the top conversations, each with the SQL
that produced it (run it again with 'flowduck sql' or in the shell).
The file loads nothing from anywhere: attach it to a ticket as it is.`,
		Example: `  flowduck html
  flowduck html -o incident-4711.html --since 2026-03-02T14:00 --until 2026-03-02T16:00 --title "INC-4711"
  flowduck html -o - --eni eni-0c2117a77680d650c > eni.html`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runHTML(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.out, "output", "o", defaultHTMLFile, "the file to write (- for standard output)")
	fl.StringVar(&opts.title, "title", "", "the page's title (default \""+htmlreport.DefaultTitle+"\")")
	fl.StringVar(&opts.iocFile, "ioc", "", "a `FILE` of indicators for the ioc-match detection (as flowduck detect --ioc)")
	opts.filter.register(cmd, "only records", htmlFilters...)
	return cmd
}

// runHTML builds the page, then writes it: a failed query leaves no file.
func runHTML(ctx context.Context, opts *htmlOptions) error {
	f, err := opts.filter.parse(time.Now())
	if err != nil {
		return err
	}
	loc, err := opts.g.location()
	if err != nil {
		return err
	}
	detector, err := newDetector(opts, f)
	if err != nil {
		return err
	}
	s, err := opts.g.openReader(ctx, false)
	if err != nil {
		return err
	}
	defer s.Close()
	ropts := htmlreport.Options{Title: opts.title, Filter: f, Location: loc, Source: opts.g.dbFile(),
		Detector: detector}
	var page bytes.Buffer
	if err := htmlreport.Write(ctx, s.Conn, &page, ropts); err != nil {
		return err
	}
	if opts.out == "-" {
		_, err := opts.g.streams.Out.Write(page.Bytes())
		return err
	}
	if err := writeFileAtomic(opts.out, page.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(opts.g.streams.ErrOut, "wrote %s (%s)\n", opts.out, units.Bytes(int64(page.Len())))
	return nil
}

// writeFileAtomic writes data to a temporary file beside path and renames
// it to path, so a reader never sees half a page.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// runFacts are shown under the title of `run NAME -o html`: the command
// that reruns the report.
func runFacts(opts *runOptions, report queries.Report) []htmlpage.Fact {
	args := []string{"flowduck", "run", report.Name}
	for _, p := range opts.params {
		args = append(args, shellQuote(p))
	}
	for _, a := range opts.filter.given {
		args = append(args, "--"+a.name, shellQuote(a.value))
	}
	facts := []htmlpage.Fact{{Name: "command", Value: strings.Join(args, " ")}}
	if report.Description != "" {
		facts = append(facts, htmlpage.Fact{Name: "report", Value: report.Description})
	}
	return append(facts, htmlpage.Fact{Name: "made", Value: time.Now().UTC().Format("2006-01-02 15:04:05 UTC")})
}
