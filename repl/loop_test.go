package repl

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	first = promptFirst
	cont  = promptContinue
)

func TestLoop(t *testing.T) {
	tests := []struct {
		name        string
		inputs      []any
		wantOut     []string
		wantErr     string // substring of stderr; "" means stderr is empty
		wantPrompts []string
		wantHistory []string
	}{
		{
			name:        "one statement",
			inputs:      []any{"select 1 as a;"},
			wantOut:     []string{"a", "1"},
			wantPrompts: []string{first, first},
			wantHistory: []string{"select 1 as a;"},
		},
		{
			name:        "multi-line statement shows the continuation prompt",
			inputs:      []any{"select 1", "  as a", ";"},
			wantOut:     []string{"a", "1"},
			wantPrompts: []string{first, cont, cont, first},
			wantHistory: []string{"select 1 as a ;"},
		},
		{
			name:        "several statements on a line run in order",
			inputs:      []any{"select 1 as a; select 2 as b;select 3 as c;"},
			wantOut:     []string{"a", "1", "", "b", "2", "", "c", "3"},
			wantPrompts: []string{first, first},
			wantHistory: []string{"select 1 as a; select 2 as b;select 3 as c;"},
		},
		{
			name:        "a finished statement runs and an open one continues",
			inputs:      []any{"select 1 as a; select 2", "as b;"},
			wantOut:     []string{"a", "1", "b", "2"},
			wantPrompts: []string{first, cont, first},
			wantHistory: []string{"select 1 as a; select 2 as b;"},
		},
		{
			name:        "semicolon in a string does not end the statement",
			inputs:      []any{"select 'x;", "y' as s;"},
			wantOut:     []string{"s", `"x;`, `y"`},
			wantPrompts: []string{first, cont, first},
			wantHistory: []string{"select 'x; y' as s;"},
		},
		{
			name:        "line comment keeps history line by line",
			inputs:      []any{"select 1 -- one;", "as a;"},
			wantOut:     []string{"a", "1"},
			wantPrompts: []string{first, cont, first},
			wantHistory: []string{"select 1 -- one;", "as a;"},
		},
		{
			name:        "ctrl-c clears the open statement",
			inputs:      []any{"select 1", ctrlC, "select 3 as c;"},
			wantOut:     []string{"c", "3"},
			wantPrompts: []string{first, cont, first, first},
			wantHistory: []string{"select 3 as c;"},
		},
		{
			name:        "blank lines are not history",
			inputs:      []any{"", "   ", "select 1 as a;", ""},
			wantOut:     []string{"a", "1"},
			wantPrompts: []string{first, first, first, first, first},
			wantHistory: []string{"select 1 as a;"},
		},
		{
			name:        "an error is printed on one line and the shell goes on",
			inputs:      []any{"select nope;", "select 1 as a;"},
			wantOut:     []string{"a", "1"},
			wantErr:     `Error: Binder Error: Referenced column "nope" was not found because the FROM clause is missing`,
			wantPrompts: []string{first, first, first},
			wantHistory: []string{"select nope;", "select 1 as a;"},
		},
		{
			name:        "an error skips the rest of its line",
			inputs:      []any{"select nope; select 2 as b;", "select 3 as c;"},
			wantOut:     []string{"c", "3"},
			wantErr:     "Error: Binder Error",
			wantPrompts: []string{first, first, first},
			wantHistory: []string{"select nope; select 2 as b;", "select 3 as c;"},
		},
		{
			name:        "an error drops the open statement after it",
			inputs:      []any{"select nope; select", "select 3 as c;"},
			wantOut:     []string{"c", "3"},
			wantErr:     "Error: Binder Error",
			wantPrompts: []string{first, first, first},
			wantHistory: []string{"select nope; select", "select 3 as c;"},
		},
		{
			name:        "DDL and DML print nothing",
			inputs:      []any{"create table t (a int); insert into t values (1), (2);", "set threads = 1;", "select count(*) as n from t;"},
			wantOut:     []string{"n", "2"},
			wantPrompts: []string{first, first, first, first},
			wantHistory: []string{"create table t (a int); insert into t values (1), (2);", "set threads = 1;", "select count(*) as n from t;"},
		},
		{
			name:        "insert returning shows its rows",
			inputs:      []any{"create table r (a int); insert into r values (7) returning a;"},
			wantOut:     []string{"a", "7"},
			wantPrompts: []string{first, first},
			wantHistory: []string{"create table r (a int); insert into r values (7) returning a;"},
		},
		{
			name:        "dot-command at the start of a statement",
			inputs:      []any{".mode json", "select 1 as a;"},
			wantOut:     []string{`[{"a":1}]`},
			wantPrompts: []string{first, first, first},
			wantHistory: []string{".mode json", "select 1 as a;"},
		},
		{
			name:        "a dot inside an open statement is SQL",
			inputs:      []any{"select 1 +", ".5 as a;"},
			wantOut:     []string{"a", "1.5"},
			wantPrompts: []string{first, cont, first},
			wantHistory: []string{"select 1 + .5 as a;"},
		},
		{
			name:        "unknown command suggests the closest",
			inputs:      []any{".feilds", ".tabels"},
			wantErr:     "Error: unknown command .feilds; did you mean .fields?\nError: unknown command .tabels; did you mean .tables?",
			wantPrompts: []string{first, first, first},
			wantHistory: []string{".feilds", ".tabels"},
		},
		{
			name:        "quit ends the shell",
			inputs:      []any{".quit", "select 1 as a;"},
			wantPrompts: []string{first},
			wantHistory: []string{".quit"},
		},
		{
			name:        "ctrl-d ends the shell",
			inputs:      []any{"select 1", ctrlD, "select 2;"},
			wantPrompts: []string{first, cont},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, out, errOut := newTestShell(t, Hooks{})
			r := &fakeReader{inputs: tt.inputs}
			err := s.loop(context.Background(), r, printAndContinue)
			if err != nil && err != errQuit {
				t.Fatalf("loop: %v", err)
			}
			if diff := cmp.Diff(tt.wantOut, lines(out.String())); diff != "" {
				t.Errorf("stdout (-want +got):\n%s", diff)
			}
			if tt.wantErr == "" && errOut.Len() > 0 || !strings.Contains(errOut.String(), tt.wantErr) {
				t.Errorf("stderr = %q, want it to contain %q", errOut.String(), tt.wantErr)
			}
			if diff := cmp.Diff(tt.wantPrompts, r.prompts); diff != "" {
				t.Errorf("prompts (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantHistory, r.history); diff != "" {
				t.Errorf("history (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRewriteHook(t *testing.T) {
	var seen []string
	s, out, _ := newTestShell(t, Hooks{Rewrite: func(_ context.Context, stmt string) (string, error) {
		seen = append(seen, stmt)
		return strings.ReplaceAll(stmt, "athena_answer()", "42"), nil
	}})
	r := &fakeReader{inputs: []any{"select athena_answer() as answer; select 1 as one;"}}
	if err := s.loop(context.Background(), r, printAndContinue); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"answer", "42", "", "one", "1"}, lines(out.String())); diff != "" {
		t.Errorf("stdout (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"select athena_answer() as answer", "select 1 as one"}, seen); diff != "" {
		t.Errorf("statements rewritten (-want +got):\n%s", diff)
	}
}
