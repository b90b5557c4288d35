package repl

import (
	"context"
	"errors"
	"strings"
	"time"
)

// Logs Insights in the shell: `.insights QUERY…` runs one CloudWatch Logs
// Insights query, and `.mode insights` reads every statement as one until
// `.mode sql`. A query may span lines; it ends at a blank line or at a line
// that ends with ';'. The shell gathers the text; the Insights hook
// translates and runs it.

// promptInsights is the first-line prompt of the insights mode.
const promptInsights = "insights> "

// insightsState is the shell's Logs Insights state.
type insightsState struct {
	mode bool   // .mode insights: statements are Logs Insights queries
	open bool   // a query is being gathered
	text string // the query gathered so far
}

// insightsCommand is the dot-command that starts a query; the loop reads
// its line whole, since splitting it into words would lose its quotes.
const insightsCommand = ".insights"

// isInsightsCommand reports whether line starts with .insights as a word.
func isInsightsCommand(line string) bool {
	t := strings.TrimSpace(line)
	rest, ok := strings.CutPrefix(t, insightsCommand)
	return ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t')
}

// insightsLine takes a line for a Logs Insights query when one is being
// gathered, when the line is a .insights command, or in insights mode when
// it is not a dot-command and no SQL is open. It reports whether it took
// the line, and returns the query when the line completed it.
func (s *shell) insightsLine(line string, sqlOpen bool) (query string, complete, took bool) {
	st := &s.ins
	switch {
	case st.open:
	case sqlOpen:
		return "", false, false
	case isInsightsCommand(line):
		line = strings.TrimSpace(line)[len(insightsCommand):]
		st.open, st.text = true, ""
		if strings.TrimSpace(line) == "" {
			return "", false, true
		}
	case st.mode && !strings.HasPrefix(strings.TrimSpace(line), "."):
		if strings.TrimSpace(line) == "" {
			return "", false, true
		}
		st.open, st.text = true, ""
	default:
		return "", false, false
	}
	t := strings.TrimSpace(line)
	switch {
	case t == "" && strings.TrimSpace(st.text) == "":
		return "", false, true // nothing yet: keep waiting
	case t == "":
	case strings.HasSuffix(t, ";"):
		st.text += strings.TrimSuffix(strings.TrimRight(line, " \t\r"), ";") + "\n"
	default:
		st.text += line + "\n"
		return "", false, true
	}
	query = st.text
	st.open, st.text = false, ""
	return query, true, true
}

// flushInsights returns the query being gathered at the end of the input,
// if any: a script's last query needs no blank line.
func (s *shell) flushInsights() (string, bool) {
	q, open := s.ins.text, s.ins.open
	s.ins.open, s.ins.text = false, ""
	return q, open && strings.TrimSpace(q) != ""
}

// runInsights runs a Logs Insights query through the Insights hook and
// renders its result to the current output.
func (s *shell) runInsights(ctx context.Context, query string) error {
	if s.hooks.Insights == nil {
		return unavailable("insights")
	}
	ctx, done := s.withInterrupt(ctx)
	defer done()
	start := time.Now()
	w, opts := s.dest()
	err := errors.Join(s.hooks.Insights(ctx, query, w, s.errOut, opts), s.resultDone())
	if err != nil {
		return interrupted(ctx, err)
	}
	s.reportTime(start)
	return nil
}

// setLanguage switches what statements are read as: "insights" or "sql".
// It reports false for another word.
func (s *shell) setLanguage(word string) bool {
	switch strings.ToLower(word) {
	case "insights":
		if s.hooks.Insights == nil {
			return false
		}
		s.ins.mode = true
	case "sql":
		s.ins.mode = false
	default:
		return false
	}
	return true
}

// promptFirstLine is the prompt of a statement's first line.
func (s *shell) promptFirstLine() string {
	if s.ins.mode {
		return promptInsights
	}
	return promptFirst
}

// cmdInsights runs .insights when it comes as a dot-command rather than
// through the loop (which reads its line whole): the words joined.
func (s *shell) cmdInsights(ctx context.Context, args []string) error {
	q := strings.TrimSuffix(strings.TrimSpace(strings.Join(args, " ")), ";")
	if q == "" {
		return errors.New("usage: .insights QUERY (lines up to a blank line or ';')")
	}
	return s.runInsights(ctx, q)
}
