// Package detect runs flowduck's detections: the saved reports (package
// queries) whose header has a detection line, built-in and the user's, in
// one session over one scope of the loaded flow logs, and collects their
// findings (detection, severity, ATT&CK technique, subject, evidence, flows,
// bytes, first and last seen) into one temporary table, read back sorted by
// severity. A detection that needs fields the loaded data lacks, or an input
// that was not given (the indicator list of ioc-match), is skipped with the
// reason.
package detect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/queries"
)

// Finding is one row of a detection's result.
type Finding struct {
	Detection, Severity, MITRE, Subject, Evidence string
	Flows, Bytes                                  int64
	FirstSeen, LastSeen                           time.Time
}

// Skipped is a detection that did not run, and why.
type Skipped struct{ Name, Reason string }

// Options configure Run.
type Options struct {
	// Filter narrows the records every detection reads.
	Filter filter.Filter
	// MinSeverity keeps the findings of this severity and above; "" keeps all.
	MinSeverity string
	// Only runs these detections (by name) instead of all.
	Only []string
	// IOCFile is the indicator list of ioc-match (see ReadIOC); "" skips it.
	IOCFile string
	// Dirs are the user report directories (queries.Dirs), whose
	// detections join and override the built-in ones.
	Dirs []string
	// Params sets detection parameters: detection name -> parameter -> value.
	Params map[string]map[string]string
	// Materialize copies the filtered records into a temporary table once,
	// for every detection to read, instead of a view each reads and filters.
	Materialize bool
}

// Result is what Run found.
type Result struct {
	// Findings sorted by severity (highest first), then first seen,
	// detection and subject.
	Findings []Finding
	// Ran are the detections that ran, by name.
	Ran []string
	// Skipped are the detections that did not run, by name.
	Skipped []Skipped
}

// Detections returns the detections among the built-in reports and those of
// dirs, by name.
func Detections(dirs ...string) ([]queries.Report, error) {
	all, err := queries.List(dirs...)
	if err != nil {
		return nil, err
	}
	var out []queries.Report
	for _, r := range all {
		if r.IsDetection() {
			out = append(out, r)
		}
	}
	return out, nil
}

// Plan is the detections Run will run with opts, prepared (parameters bound
// and validated, the filter validated): every error it returns is the
// caller's usage error, found before the database opens. Run calls it.
func Plan(opts Options) ([]queries.Call, error) {
	if opts.MinSeverity != "" && queries.SeverityRank(opts.MinSeverity) < 0 {
		return nil, fmt.Errorf("severity %q: use %s", opts.MinSeverity, strings.Join(queries.Severities, ", "))
	}
	dets, err := Detections(opts.Dirs...)
	if err != nil {
		return nil, err
	}
	if len(opts.Only) > 0 {
		if dets, err = only(dets, opts.Only, opts.Dirs); err != nil {
			return nil, err
		}
	}
	for name := range opts.Params {
		if !slices.ContainsFunc(dets, func(r queries.Report) bool { return r.Name == name }) {
			return nil, fmt.Errorf("parameters for %s, which is not a detection that runs", name)
		}
	}
	calls := make([]queries.Call, 0, len(dets))
	for _, r := range dets {
		c, err := queries.Prepare(r, opts.Params[r.Name], opts.Filter)
		if err != nil {
			return nil, fmt.Errorf("detection %s: %w", r.Name, err)
		}
		calls = append(calls, c)
	}
	return calls, nil
}

// only keeps the detections named in names, which must all be detections.
func only(dets []queries.Report, names []string, dirs []string) ([]queries.Report, error) {
	var out []queries.Report
	for _, name := range names {
		i := slices.IndexFunc(dets, func(r queries.Report) bool { return r.Name == name })
		if i >= 0 {
			if !slices.ContainsFunc(out, func(r queries.Report) bool { return r.Name == name }) {
				out = append(out, dets[i])
			}
			continue
		}
		if r, err := queries.Lookup(name, dirs...); err == nil {
			return nil, fmt.Errorf("--only %s: report %s is not a detection (its header has no detection line)", name, r.Name)
		}
		_, err := queries.Find(dets, name)
		return nil, fmt.Errorf("--only: %w", err)
	}
	return out, nil
}

// Run runs the detections opts selects on conn, a session with the Athena
// dialect (duck.Open without Plain), and returns their findings. They share
// one scope (the filtered records). The temporary objects it creates are
// dropped before it returns.
func Run(ctx context.Context, conn *sql.Conn, opts Options) (_ Result, err error) {
	calls, err := Plan(opts)
	if err != nil {
		return Result{}, err
	}
	have, err := queries.DataFields(ctx, conn)
	if err != nil {
		return Result{}, err
	}
	if err := queries.CheckFilter(opts.Filter, have); err != nil {
		return Result{}, err
	}
	var res Result
	var run []queries.Call
	for _, c := range calls {
		r := c.Report()
		if err := r.Missing(have); err != nil {
			res.Skipped = append(res.Skipped, Skipped{Name: r.Name, Reason: missingReason(err)})
			continue
		}
		if r.Detection.Needs == queries.NeedsIOC && opts.IOCFile == "" {
			res.Skipped = append(res.Skipped, Skipped{Name: r.Name, Reason: "needs --ioc FILE"})
			continue
		}
		run = append(run, c)
	}
	if len(run) == 0 {
		return res, nil
	}
	t := &table{conn: conn}
	defer func() { err = errors.Join(err, t.drop(ctx)) }()
	if err := t.create(ctx); err != nil {
		return Result{}, err
	}
	if opts.IOCFile != "" && slices.ContainsFunc(run, func(c queries.Call) bool { return c.Report().Detection.Needs == queries.NeedsIOC }) {
		if err := LoadIOC(ctx, conn, opts.IOCFile); err != nil {
			return Result{}, err
		}
		defer func() { err = errors.Join(err, DropIOC(ctx, conn)) }()
	}
	sc, err := queries.OpenScope(ctx, conn, opts.Filter, opts.Materialize)
	if err != nil {
		return Result{}, err
	}
	for _, c := range run {
		if err = t.add(ctx, c); err != nil {
			break
		}
		res.Ran = append(res.Ran, c.Report().Name)
	}
	if cerr := sc.Close(ctx); err != nil || cerr != nil {
		return Result{}, errors.Join(err, cerr)
	}
	res.Findings, err = t.read(ctx, opts.MinSeverity)
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// missingReason says which fields a skipped detection needs:
// "needs tcp-flags (v3)".
func missingReason(err error) string {
	var mf *queries.MissingFieldsError
	if !errors.As(err, &mf) {
		return err.Error()
	}
	var names []string
	for _, f := range mf.Fields {
		names = append(names, fmt.Sprintf("%s (v%d)", f.Name, f.Version))
	}
	return "needs " + strings.Join(names, ", ")
}
