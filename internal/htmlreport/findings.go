package htmlreport

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/htmlpage"
)

// Detector runs flowduck's detections for the findings section, on conn
// with the report's filter. The command line supplies it (package detect
// does the work); the report owns only this interface.
type Detector interface {
	Detect(ctx context.Context, conn *sql.Conn, f filter.Filter) (Detections, error)
}

// DetectorFunc makes a function a Detector.
type DetectorFunc func(ctx context.Context, conn *sql.Conn, f filter.Filter) (Detections, error)

// Detect calls d.
func (d DetectorFunc) Detect(ctx context.Context, conn *sql.Conn, f filter.Filter) (Detections, error) {
	return d(ctx, conn, f)
}

// Detections are what the detections found.
type Detections struct {
	Findings []Finding
	// Ran names the detections that ran; Skipped those that did not, with
	// why (a field the data lacks).
	Ran     []string
	Skipped []Skipped
	// Queries are the SQL of the detections, as they ran.
	Queries []htmlpage.Query
	// Command is the command line that gives the same findings.
	Command string
}

// Finding is one finding of a detection.
type Finding struct {
	Detection, Severity, MITRE, Subject, Evidence string
	Flows, Bytes                                  int64
	FirstSeen, LastSeen                           time.Time
}

// Skipped is a detection that did not run, and why.
type Skipped struct {
	Name, Reason string
}

// findings is the section of the detections' findings.
func (r *run) findings() (htmlpage.Section, error) {
	sec := htmlpage.Section{ID: "findings", Title: "Findings"}
	d, err := r.opts.Detector.Detect(r.ctx, r.conn, r.opts.Filter)
	if err != nil {
		return sec, fmt.Errorf("html report, findings: %w", err)
	}
	sec.Note = fmt.Sprintf("%d findings of %d detections, most severe first. Each detection is a saved report; its SQL is below.", len(d.Findings), len(d.Ran))
	if d.Command != "" {
		sec.Facts = append(sec.Facts, htmlpage.Fact{Name: "the same in the terminal", Value: d.Command})
	}
	if len(d.Skipped) > 0 {
		var names []string
		for _, s := range d.Skipped {
			names = append(names, s.Name+" ("+s.Reason+")")
		}
		sec.Facts = append(sec.Facts, htmlpage.Fact{Name: "not run", Value: strings.Join(names, "; ")})
	}
	sec.Queries = d.Queries
	if len(d.Findings) == 0 {
		sec.Empty = "No findings."
		return sec, nil
	}
	t := &htmlpage.Table{Columns: []htmlpage.Column{
		{Name: "severity"}, {Name: "detection"}, {Name: "mitre"}, {Name: "subject"}, {Name: "evidence"},
		{Name: "flows", Kind: htmlpage.Number}, {Name: "bytes", Kind: htmlpage.Number},
		{Name: "first seen"}, {Name: "last seen"},
	}}
	loc := r.opts.Location
	at := func(t time.Time) htmlpage.Cell {
		if t.IsZero() {
			return htmlpage.Cell{Text: "", Null: true}
		}
		return htmlpage.Cell{Text: t.In(loc).Format("2006-01-02 15:04:05")}
	}
	for _, f := range d.Findings {
		t.Rows = append(t.Rows, []htmlpage.Cell{
			{Text: f.Severity, Class: "sev-" + severityClass(f.Severity)},
			{Text: f.Detection}, {Text: f.MITRE}, {Text: f.Subject}, {Text: f.Evidence, Class: "evidence"},
			numCell(f.Flows), {Text: count(f.Bytes), Num: float64(f.Bytes)}, at(f.FirstSeen), at(f.LastSeen),
		})
	}
	sec.Table = t
	return sec, nil
}

// severityClass is the CSS class suffix of a severity: its lower-case
// letters only, so any text is a safe class name.
func severityClass(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r
		}
		return -1
	}, strings.ToLower(s))
}
