package main

import (
	"context"
	"io"

	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/insights"
	"github.com/flowduck/flowduck/internal/render"
	"github.com/flowduck/flowduck/repl"
)

// addInsightsHook lets the shell run Logs Insights queries (.insights,
// .mode insights) on its session, over all the loaded flow logs. A syntax
// error shows the query line and a caret under the column on notices.
func addInsightsHook(h *repl.Hooks, s *duck.Session) {
	h.Insights = func(ctx context.Context, query string, w, notices io.Writer, opts render.Options) error {
		c, err := prepareInsights(ctx, s, query, filter.Filter{})
		if err != nil {
			return withCaret(err, notices)
		}
		return insights.Run(ctx, s.Conn, c, w, notices, opts)
	}
}
