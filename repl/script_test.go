package repl

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRunScript(t *testing.T) {
	tests := []struct {
		name     string
		script   string
		wantOut  string
		wantErr  string // the error's text; "" means success
		wantLine int
	}{
		{name: "statements in order", script: "select 1 as a;\nselect 2 as b;\n", wantOut: "a\n1\n\nb\n2\n"},
		{name: "last statement needs no semicolon", script: "select 1 as a;\nselect 2\n  as b", wantOut: "a\n1\n\nb\n2\n"},
		{name: "dot-commands", script: ".mode jsonl\nselect 1 as a;\n.headers off\n.mode csv\nselect 2;\n", wantOut: "{\"a\":1}\n\n2\n"},
		{name: "stops at the first error and names its line", script: "select 1 as a;\n\n-- next one fails\nselect\n  nope;\nselect 3 as c;\n",
			wantOut: "a\n1\n", wantErr: "line 4: Binder Error: Referenced column \"nope\" was not found because the FROM clause is missing", wantLine: 4},
		{name: "error in the second statement of a line", script: "select 1 as a; select nope;\n", wantOut: "a\n1\n",
			wantErr: "line 1: Binder Error", wantLine: 1},
		{name: "failing dot-command", script: "select 1 as a;\n.mode nope\nselect 2;\n", wantOut: "a\n1\n",
			wantErr: `line 2: unknown output format "nope"`, wantLine: 2},
		{name: "unterminated string at the end", script: "select 1 as a;\nselect 'abc", wantOut: "a\n1\n",
			wantErr: "line 2: Parser Error: unterminated quoted string", wantLine: 2},
		{name: "quit stops quietly", script: "select 1 as a;\n.quit\nselect 2;\n", wantOut: "a\n1\n"},
		{name: "comments only", script: "-- nothing here\n/* at all */\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, out, _ := testConfig(t, Hooks{})
			err := RunScript(context.Background(), cfg, strings.NewReader(tt.script))
			if diff := cmp.Diff(tt.wantOut, out.String()); diff != "" {
				t.Errorf("stdout (-want +got):\n%s", diff)
			}
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("RunScript: %v", err)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Fatalf("RunScript error = %v, want %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q spans several lines", err)
			}
			var se *StatementError
			if !errors.As(err, &se) || se.Line != tt.wantLine {
				t.Errorf("error %v: want a *StatementError on line %d", err, tt.wantLine)
			}
		})
	}
}

func TestRunCommand(t *testing.T) {
	tests := []struct {
		name    string
		command string
		wantOut string
		wantErr string
	}{
		{name: "one statement", command: "select 6*7 as answer", wantOut: "answer\n42\n"},
		{name: "several statements", command: "select 1 as a; select 2 as b;", wantOut: "a\n1\n\nb\n2\n"},
		{name: "dot-command", command: ".tables", wantOut: "name,type,columns,rows\ndefault.vpc_flow_logs,view,3,\nflows,table,5,2\n"},
		{name: "error without a line number", command: "select nope", wantErr: "Binder Error: Referenced column"},
		{name: "unknown dot-command", command: ".tabels", wantErr: "unknown command .tabels; did you mean .tables?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, out, _ := testConfig(t, Hooks{})
			err := RunCommand(context.Background(), cfg, tt.command)
			if diff := cmp.Diff(tt.wantOut, out.String()); diff != "" {
				t.Errorf("stdout (-want +got):\n%s", diff)
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("RunCommand: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.wantErr)):
				t.Fatalf("RunCommand error = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestRunWithoutTerminalRunsScript(t *testing.T) {
	cfg, out, _ := testConfig(t, Hooks{})
	cfg.Streams.In = strings.NewReader("select 'piped' as how;\n")
	if err := Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	if got, want := out.String(), "how\npiped\n"; got != want {
		t.Errorf("stdout = %q, want %q", got, want)
	}
}

func TestConfigErrors(t *testing.T) {
	cfg, _, _ := testConfig(t, Hooks{})
	noSession := cfg
	noSession.Session = nil
	if err := RunCommand(context.Background(), noSession, "select 1"); !errors.Is(err, errNoSession) {
		t.Errorf("no session: err = %v, want %v", err, errNoSession)
	}
	noStreams := cfg
	noStreams.Streams = nil
	if err := Run(context.Background(), noStreams); !errors.Is(err, errNoStreams) {
		t.Errorf("no streams: err = %v, want %v", err, errNoStreams)
	}
}

func TestOneLine(t *testing.T) {
	err := errors.New("Parser Error: syntax error at or near \"form\"\n\nLINE 1: select 1 form t\n                 ^")
	if got, want := oneLine(err), `Parser Error: syntax error at or near "form"`; got != want {
		t.Errorf("oneLine = %q, want %q", got, want)
	}
	err = errors.New("Catalog Error: Table with name flow does not exist!\nDid you mean \"flows\"?\n\nLINE 1: select * from flow\n                      ^")
	if got, want := oneLine(err), `Catalog Error: Table with name flow does not exist! Did you mean "flows"?`; got != want {
		t.Errorf("oneLine = %q, want %q", got, want)
	}
}
