package detect

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/flowduck/flowduck/internal/render"
	"github.com/flowduck/flowduck/queries"
)

// Render writes the findings of res as rows of the finding columns
// (queries.FindingColumns) in any render format, as render.Rows would
// write the same result from SQL.
func Render(ctx context.Context, w io.Writer, res Result, opts render.Options) error {
	data := make([][]any, len(res.Findings))
	for i, f := range res.Findings {
		var mitre any
		if f.MITRE != "" {
			mitre = f.MITRE
		}
		data[i] = []any{f.Detection, f.Severity, mitre, f.Subject, f.Evidence, f.Flows, f.Bytes, f.FirstSeen, f.LastSeen}
	}
	if _, err := render.Values(ctx, w, queries.FindingColumns, data, opts); err != nil {
		return fmt.Errorf("detect: %w", err)
	}
	return nil
}

// Summary is the one-line account of a Result:
// "7 findings: 1 critical, 2 high, 4 medium; 15 detections ran, 2 skipped: needs tcp-flags (v3), needs --ioc FILE".
func (res Result) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s", len(res.Findings), plural(len(res.Findings), "finding", "findings"))
	var parts []string
	for i := len(queries.Severities) - 1; i >= 0; i-- {
		sev := queries.Severities[i]
		if n := res.Count(sev); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, sev))
		}
	}
	if len(parts) > 0 {
		b.WriteString(": " + strings.Join(parts, ", "))
	}
	fmt.Fprintf(&b, "; %d %s ran", len(res.Ran), plural(len(res.Ran), "detection", "detections"))
	if len(res.Skipped) > 0 {
		var reasons []string
		for _, s := range res.Skipped {
			if !slices.Contains(reasons, s.Reason) {
				reasons = append(reasons, s.Reason)
			}
		}
		fmt.Fprintf(&b, ", %d skipped: %s", len(res.Skipped), strings.Join(reasons, "; "))
	}
	return b.String()
}

// Count returns the number of findings of severity sev.
func (res Result) Count(sev string) int {
	n := 0
	for _, f := range res.Findings {
		if f.Severity == sev {
			n++
		}
	}
	return n
}

// Highest returns the highest severity among the findings, or "" when
// there are none.
func (res Result) Highest() string {
	best := -1
	for _, f := range res.Findings {
		best = max(best, queries.SeverityRank(f.Severity))
	}
	if best < 0 {
		return ""
	}
	return queries.Severities[best]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
