package repl

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flowduck/flowduck/internal/render"
)

// echoInsights is an Insights hook that writes each query it gets, its
// lines joined by '/'.
func echoInsights(ctx context.Context, query string, w, _ io.Writer, _ render.Options) error {
	lines := strings.Split(strings.TrimRight(query, "\n"), "\n")
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	_, err := fmt.Fprintf(w, "insights: %s\n", strings.Join(lines, "/"))
	return err
}

func TestInsightsScript(t *testing.T) {
	tests := []struct {
		name, script, want string
	}{
		{"one line ended by ;", ".insights stats count(*) by srcAddr;\nselect 1 as a;\n",
			"insights: stats count(*) by srcAddr\n\na\n1\n"},
		{"lines up to a blank line, quotes kept", ".insights filter action = \"REJECT\"\n| stats count(*)\n\nselect 1 as a;\n",
			"insights: filter action = \"REJECT\"/| stats count(*)\n\na\n1\n"},
		{"query on the lines after .insights", ".insights\nfields srcAddr\n| limit 1;\n",
			"insights: fields srcAddr/| limit 1\n"},
		{"the mode reads statements as queries until .mode sql", ".mode insights\nstats count(*);\n\nfilter a = 1\n| limit 2\n\n.mode sql\nselect 2 as b;\n",
			"insights: stats count(*)\n\ninsights: filter a = 1/| limit 2\n\nb\n2\n"},
		{"a script's last query needs no end", ".mode insights\nfields srcAddr",
			"insights: fields srcAddr\n"},
		{"output format still set by .mode", ".mode jsonl\n.mode insights\n.mode sql\nselect 3 as c;\n", "{\"c\":3}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, out, _ := testConfig(t, Hooks{Insights: echoInsights})
			if err := RunScript(context.Background(), cfg, strings.NewReader(tt.script)); err != nil {
				t.Fatalf("RunScript: %v", err)
			}
			if diff := cmp.Diff(tt.want, out.String()); diff != "" {
				t.Errorf("stdout (-want +got):\n%s", diff)
			}
		})
	}
}

func TestInsightsPrompts(t *testing.T) {
	s, out, _ := newTestShell(t, Hooks{Insights: echoInsights})
	r := &fakeReader{inputs: []any{".mode insights", "stats count(*)", "| sort 1", "", ".mode sql", "select 1 as a;"}}
	if err := s.loop(context.Background(), r, printAndContinue); err != nil {
		t.Fatal(err)
	}
	want := []string{promptFirst, promptInsights, promptContinue, promptContinue, promptInsights, promptFirst, promptFirst}
	if diff := cmp.Diff(want, r.prompts); diff != "" {
		t.Errorf("prompts (-want +got):\n%s", diff)
	}
	if !strings.Contains(out.String(), "insights: stats count(*)/| sort 1\n") {
		t.Errorf("output %q lacks the query", out.String())
	}
	if !strings.Contains(strings.Join(r.history, "\n"), "stats count(*) | sort 1") {
		t.Errorf("history %q lacks the query on one line", r.history)
	}
}

func TestInsightsUnavailable(t *testing.T) {
	cfg, _, _ := testConfig(t, Hooks{})
	err := RunScript(context.Background(), cfg, strings.NewReader(".insights stats count(*);\n"))
	if err == nil || !strings.Contains(err.Error(), ".insights is not available") {
		t.Fatalf("RunScript = %v, want .insights unavailable", err)
	}
	err = RunScript(context.Background(), cfg, strings.NewReader(".mode insights\n"))
	if err == nil || !strings.Contains(err.Error(), "insights") {
		t.Fatalf(".mode insights without the hook = %v, want an error", err)
	}
}

func TestInsightsAsDotCommand(t *testing.T) {
	s, out, _ := newTestShell(t, Hooks{Insights: echoInsights})
	if err := s.dot(context.Background(), ".insights stats count(*) by srcAddr;"); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "insights: stats count(*) by srcAddr\n"; got != want {
		t.Errorf("output %q, want %q", got, want)
	}
	if err := s.dot(context.Background(), ".insights"); err == nil || !strings.Contains(err.Error(), "usage: .insights") {
		t.Errorf(".insights alone = %v, want its usage", err)
	}
}
