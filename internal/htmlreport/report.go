package htmlreport

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/htmlpage"
	"github.com/flowduck/flowduck/internal/store"
)

// DefaultTitle is the page title when Options.Title is empty.
const DefaultTitle = "Flow log investigation"

// Options configure a report.
type Options struct {
	// Title is the page's title; "" is DefaultTitle.
	Title string
	// Filter narrows the records every section reads.
	Filter filter.Filter
	// Location is the zone times are shown in; nil is UTC.
	Location *time.Location
	// Now is when the report is made, shown on the page.
	Now time.Time
	// Source names the database the report reads, shown on the page.
	Source string
	// Detector runs the detections for the findings section; nil leaves
	// the section out.
	Detector Detector
	// Top is how many rows each top list shows; 0 is 15.
	Top int
	// Conversations is how many conversations the graph shows; 0 is 25.
	Conversations int
}

// Write runs the report's SQL on conn (a session with the Athena dialect)
// and writes the page to w. Nothing is written when a query fails.
func Write(ctx context.Context, conn *sql.Conn, w io.Writer, opts Options) error {
	page, err := Build(ctx, conn, opts)
	if err != nil {
		return err
	}
	return htmlpage.Write(w, page)
}

// Build runs the report's SQL on conn and returns the page.
func Build(ctx context.Context, conn *sql.Conn, opts Options) (htmlpage.Page, error) {
	opts = opts.withDefaults()
	if err := opts.Filter.Validate(); err != nil {
		return htmlpage.Page{}, err
	}
	if err := store.RequireLoaded(ctx, conn); err != nil {
		return htmlpage.Page{}, err
	}
	if err := checkColumns(ctx, conn, opts.Filter); err != nil {
		return htmlpage.Page{}, err
	}
	r := &run{ctx: ctx, conn: conn, opts: opts}
	page := htmlpage.Page{Title: opts.Title, Facts: r.facts()}
	steps := []func() (htmlpage.Section, error){r.loaded, r.traffic}
	if opts.Detector != nil {
		steps = append(steps, r.findings)
	}
	steps = append(steps, r.talkers, r.ports, r.rejected, r.conversations)
	for _, step := range steps {
		sec, err := step()
		if err != nil {
			return htmlpage.Page{}, err
		}
		page.Sections = append(page.Sections, sec)
	}
	return page, nil
}

func (o Options) withDefaults() Options {
	if o.Title == "" {
		o.Title = DefaultTitle
	}
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Top <= 0 {
		o.Top = 15
	}
	if o.Conversations <= 0 {
		o.Conversations = 25
	}
	return o
}

// run is one report being built.
type run struct {
	ctx  context.Context
	conn *sql.Conn
	opts Options
	// first and last are the start times of the first and last record, as
	// the section "what was loaded" found them.
	first, last time.Time
}

// facts are shown under the title.
func (r *run) facts() []htmlpage.Fact {
	facts := []htmlpage.Fact{{Name: "made", Value: r.opts.Now.In(r.opts.Location).Format("2006-01-02 15:04:05 MST")}}
	if r.opts.Source != "" {
		facts = append(facts, htmlpage.Fact{Name: "database", Value: r.opts.Source})
	}
	filters := filterText(r.opts.Filter)
	if filters == "" {
		filters = "none (every record)"
	}
	return append(facts, htmlpage.Fact{Name: "filter", Value: filters})
}

// filterText writes the filter as the flags that set it.
func filterText(f filter.Filter) string {
	var parts []string
	if !f.Since.IsZero() {
		parts = append(parts, "--since "+f.Since.UTC().Format(time.RFC3339))
	}
	if !f.Until.IsZero() {
		parts = append(parts, "--until "+f.Until.UTC().Format(time.RFC3339))
	}
	for _, l := range []struct {
		flag   string
		values []string
	}{{"account", f.Accounts}, {"region", f.Regions}, {"eni", f.ENIs}, {"vpc", f.VPCs}, {"subnet", f.Subnets}} {
		if len(l.values) > 0 {
			parts = append(parts, "--"+l.flag+" "+strings.Join(l.values, ","))
		}
	}
	if f.Action != "" {
		parts = append(parts, "--action "+f.Action)
	}
	return strings.Join(parts, " ")
}

// MissingFieldError reports a flow-log field a report needs that no loaded
// file had.
type MissingFieldError struct {
	Field string
}

func (e *MissingFieldError) Error() string {
	return fmt.Sprintf("html report: the loaded flow logs have no %s field (load files whose format includes it)", e.Field)
}

// checkColumns fails when a field the sections or the filter read was
// never loaded.
func checkColumns(ctx context.Context, conn *sql.Conn, f filter.Filter) error {
	have, err := store.DataColumns(ctx, conn)
	if err != nil {
		return err
	}
	for _, col := range append(append([]string(nil), neededColumns...), filterColumns(f)...) {
		if _, ok := have[col]; !ok {
			return &MissingFieldError{Field: col}
		}
	}
	return nil
}
