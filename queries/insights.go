package queries

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"strings"

	"github.com/flowduck/flowduck/internal/insights"
	"github.com/flowduck/flowduck/internal/render"
)

// InsightsExt ends the name of a report file written in CloudWatch Logs
// Insights rather than SQL. Its header is a report header in '#' comments:
//
//	# name: rejected-sources
//	# description: Sources of rejected flows, most rejections first
//	filter action = "REJECT"
//	| stats count(*) as rejections by srcAddr
//	| sort rejections desc
//
// It takes no parameters (the common filters narrow it) and may declare
// requires like any report.
const InsightsExt = ".insights"

// SQLExt ends the name of a report file written in SQL.
const SQLExt = ".sql"

// reportExt returns the extension of a report file name, or "" for a file
// that is no report.
func reportExt(name string) string {
	for _, ext := range []string{SQLExt, InsightsExt} {
		if strings.HasSuffix(name, ext) && len(name) > len(ext) {
			return ext
		}
	}
	return ""
}

// parseFile parses a report file of either language.
func parseFile(text, origin, fileName string) (Report, error) {
	ext := reportExt(fileName)
	fallback := strings.TrimSuffix(fileName, ext)
	if ext == InsightsExt {
		return ParseInsights(text, origin, fallback)
	}
	return Parse(text, origin, fallback)
}

// ParseInsights reads a Logs Insights report file: the header, then one
// query, which must parse.
func ParseInsights(text, origin, fallbackName string) (Report, error) {
	r, body, err := parseHeader(text, origin, fallbackName, "#")
	if err != nil {
		return Report{}, err
	}
	if _, err := insights.Parse(body); err != nil {
		return Report{}, &HeaderError{Origin: origin, Reason: fmt.Sprintf("the Logs Insights query after the header: %v", err)}
	}
	r.statement = body
	r.insights = true
	return r, nil
}

// IsInsights reports whether the report is written in Logs Insights.
func (r Report) IsInsights() bool { return r.insights }

// runInsights runs a Logs Insights report over the loaded flow logs,
// narrowed by the call's filter. A result cut at the default limit is cut
// silently: a report has no place for notes.
func runInsights(ctx context.Context, conn *sql.Conn, c Call, w io.Writer, opts render.Options) error {
	compiled, err := insights.Prepare(ctx, conn, c.report.statement, c.filter)
	if err != nil {
		return fmt.Errorf("report %s: %w", c.report.Name, err)
	}
	if err := insights.Run(ctx, conn, compiled, w, io.Discard, opts); err != nil {
		return fmt.Errorf("report %s: %w", c.report.Name, err)
	}
	return nil
}
