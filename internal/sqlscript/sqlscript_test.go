package sqlscript

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"empty", "", nil},
		{"blank", " \n\t ", nil},
		{"only semicolons", ";;\n;", nil},
		{"one without semicolon", "select 1", []string{"select 1"}},
		{"one with semicolon", "select 1;", []string{"select 1"}},
		{"trimmed", "  \n select 1  ;  ", []string{"select 1"}},
		{"several on a line", "select 1; select 2;select 3", []string{"select 1", "select 2", "select 3"}},
		{"multi-line statement", "select a,\n  b\nfrom t;\n", []string{"select a,\n  b\nfrom t"}},
		{"semicolon in string", "select 'a;b'; select 2", []string{"select 'a;b'", "select 2"}},
		{"doubled quote in string", "select 'it''s;'; select 2", []string{"select 'it''s;'", "select 2"}},
		{"backslash is literal in plain string", `select 'a\'; select 2`, []string{`select 'a\'`, "select 2"}},
		{"escape string backslash quote", `select E'it\'s;'; select 2`, []string{`select E'it\'s;'`, "select 2"}},
		{"lower-case escape string", `select e'\\'; select 2`, []string{`select e'\\'`, "select 2"}},
		{"identifier ending in e is no escape string", `select cote'a\'; select 2`, []string{`select cote'a\'`, "select 2"}},
		{"semicolon in identifier", `select 1 as "a;b"; select 2`, []string{`select 1 as "a;b"`, "select 2"}},
		{"doubled quote in identifier", `select 1 as "a"";b"; select 2`, []string{`select 1 as "a"";b"`, "select 2"}},
		{"semicolon in line comment", "select 1 -- one; two\n, 2; select 3", []string{"select 1 -- one; two\n, 2", "select 3"}},
		{"semicolon in block comment", "select /* ; */ 1; select 2", []string{"select /* ; */ 1", "select 2"}},
		{"nested block comment", "select /* a /* ; */ ; */ 1; select 2", []string{"select /* a /* ; */ ; */ 1", "select 2"}},
		{"dollar quote", "select $$a;b$$; select 2", []string{"select $$a;b$$", "select 2"}},
		{"tagged dollar quote", "select $fn$a;$$;b$fn$; select 2", []string{"select $fn$a;$$;b$fn$", "select 2"}},
		{"dollar in identifier is no quote", "select 1 as a$b; select 2 as c$", []string{"select 1 as a$b", "select 2 as c$"}},
		{"positional parameter", "select $1; select 2", []string{"select $1", "select 2"}},
		{"comments around statements dropped", "-- header\n/* c */ select 1 /* t */ -- tail\n;\n-- end", []string{"select 1"}},
		{"comment-only statement ignored", "select 1; -- nothing ;\n; /* x */ ; select 2", []string{"select 1", "select 2"}},
		{"line comment at end without newline", "select 1 -- done", []string{"select 1"}},
		{"unterminated string kept", "select 1; select 'abc;", []string{"select 1", "select 'abc;"}},
		{"unterminated identifier kept", `select "a;`, []string{`select "a;`}},
		{"unterminated comment kept", "select 1 /* open;", []string{"select 1 /* open;"}},
		{"unterminated dollar quote kept", "select $x$ a; b", []string{"select $x$ a; b"}},
		{"minus and slash are operators", "select 4-2/1; select 2", []string{"select 4-2/1", "select 2"}},
		{"unicode", "select 'é;ü' as ñ; select '日本'", []string{"select 'é;ü' as ñ", "select '日本'"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Split(tt.text)
			if len(got) == 0 {
				got = nil
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Split(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestStatements(t *testing.T) {
	text := "-- header\n\nselect 1;\n select\n 2 ; /* c\n */ select 3"
	want := []Statement{
		{Text: "select 1", Line: 3, End: strings.Index(text, ";") + 1, Terminated: true},
		{Text: "select\n 2", Line: 4, End: strings.Index(text, " ; ") + 2, Terminated: true},
		{Text: "select 3", Line: 6, End: len(text)},
	}
	if diff := cmp.Diff(want, Statements(text)); diff != "" {
		t.Errorf("Statements (-want +got):\n%s", diff)
	}
}

func TestComplete(t *testing.T) {
	tests := []struct {
		name string
		text string
		want bool
	}{
		{"empty", "", true},
		{"blank", "  \n", true},
		{"terminated", "select 1;", true},
		{"terminated then blank", "select 1;  \n", true},
		{"terminated then comment", "select 1; -- why", true},
		{"terminated then block comment", "select 1; /* why */", true},
		{"comment only", "-- hello", true},
		{"open statement", "select 1", false},
		{"text after last semicolon", "select 1; select", false},
		{"semicolon in line comment", "select 1 -- done;", false},
		{"semicolon in string", "select 'a;", false},
		{"open identifier", `select "a;`, false},
		{"open block comment", "select 1; /* note", false},
		{"open nested block comment", "select 1; /* a /* b */", false},
		{"open dollar quote", "select $$ a;", false},
		{"closed dollar quote", "select $$ a; $$;", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Complete(tt.text); got != tt.want {
				t.Errorf("Complete(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func FuzzSplit(f *testing.F) {
	for _, seed := range []string{
		"select 1; select 2",
		"select 'a;''b'; select \"c;\"\"d\"",
		"select /* a /* ; */ */ 1 -- x;\n; select 2",
		"select $t$ ; $t$, $$;$$, $1; select e'\\';'",
		"select 1 -- tail",
		"select 'open",
		"/* open",
		";;;",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		first := Split(text)
		for _, s := range first {
			// Trailing space may belong to an unterminated quote.
			if s == "" || strings.TrimLeft(s, " \t\n\r\f\v") != s {
				t.Fatalf("Split(%q) returned an empty or untrimmed statement %q", text, s)
			}
		}
		again := Split(strings.Join(first, ";\n"))
		if len(first) == 0 && len(again) == 0 {
			return
		}
		if diff := cmp.Diff(first, again); diff != "" {
			t.Fatalf("Split not stable for %q (-first +again):\n%s", text, diff)
		}
		Complete(text)
	})
}
