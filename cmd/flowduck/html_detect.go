package main

import (
	"context"
	"database/sql"
	"strings"

	"github.com/flowduck/flowduck/internal/detect"
	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/htmlpage"
	"github.com/flowduck/flowduck/internal/htmlreport"
	"github.com/flowduck/flowduck/queries"
)

// htmlDetector runs flowduck's detections (package detect) for the findings
// section of `flowduck html`: every detection, built-in and the user's
// (FLOWDUCK_REPORTS), over the report's filter, with the --ioc indicators.
type htmlDetector struct {
	dirs    []string
	ioc     string
	command string
}

var _ htmlreport.Detector = (*htmlDetector)(nil)

// newDetector checks what it can before the database opens (the user's
// detections, the indicator file, the filter against every detection) and
// returns the detector; errors are usage errors.
func newDetector(opts *htmlOptions, f filter.Filter) (*htmlDetector, error) {
	dirs, err := queries.Dirs(opts.g.getenv, "")
	if err != nil {
		return nil, err
	}
	d := &htmlDetector{dirs: dirs, ioc: opts.iocFile}
	if _, err := detect.Plan(d.options(f)); err != nil {
		return nil, filterUsageError(err)
	}
	if d.ioc != "" {
		if _, err := detect.ReadIOC(d.ioc); err != nil {
			return nil, &usageError{err: err}
		}
	}
	args := []string{"flowduck", "detect"}
	for _, a := range opts.filter.given {
		args = append(args, "--"+a.name, shellQuote(a.value))
	}
	if d.ioc != "" {
		args = append(args, "--ioc", shellQuote(d.ioc))
	}
	d.command = strings.Join(args, " ")
	return d, nil
}

// options are detect's options for the filter.
func (d *htmlDetector) options(f filter.Filter) detect.Options {
	return detect.Options{Filter: f, IOCFile: d.ioc, Dirs: d.dirs, Materialize: detectMaterialize}
}

// Detect runs the detections and returns their findings, with the SQL of
// each detection that ran (a saved report: `flowduck run NAME` reruns it).
func (d *htmlDetector) Detect(ctx context.Context, conn *sql.Conn, f filter.Filter) (htmlreport.Detections, error) {
	res, err := detect.Run(ctx, conn, d.options(f))
	if err != nil {
		return htmlreport.Detections{}, err
	}
	out := htmlreport.Detections{Ran: res.Ran, Command: d.command}
	for _, x := range res.Findings {
		out.Findings = append(out.Findings, htmlreport.Finding{
			Detection: x.Detection, Severity: x.Severity, MITRE: x.MITRE, Subject: x.Subject, Evidence: x.Evidence,
			Flows: x.Flows, Bytes: x.Bytes, FirstSeen: x.FirstSeen, LastSeen: x.LastSeen,
		})
	}
	for _, s := range res.Skipped {
		out.Skipped = append(out.Skipped, htmlreport.Skipped{Name: s.Name, Reason: s.Reason})
	}
	reports, err := detect.Detections(d.dirs...)
	if err != nil {
		return htmlreport.Detections{}, err
	}
	for _, name := range res.Ran {
		for _, r := range reports {
			if r.Name == name {
				out.Queries = append(out.Queries, htmlpage.Query{
					Label: "detection " + name + " (the saved report: rerun it with 'flowduck run " + name + "' or '.run " + name + "')",
					SQL:   r.SQL,
				})
			}
		}
	}
	return out, nil
}
