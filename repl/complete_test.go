package repl

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestComplete(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"flows-1.log.gz", "flows-2.log.gz", "other.parquet", ".hidden"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "flows-dir"), 0o700); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		pending  string // an open statement from earlier lines
		line     string
		pos      int // cursor; -1 means the end of line
		wantHead string
		want     []string
		wantTail string
		// leading means want is only the start of the candidates (the
		// rest are keywords and functions DuckDB knows).
		leading bool
	}{
		{name: "dot-command name", line: ".tab", pos: -1, wantHead: "", want: []string{".tables"}},
		{name: "several dot-commands", line: ".re", pos: -1, want: []string{".read", ".rejects", ".reports"}},
		{name: "alias dot-command", line: ".ex", pos: -1, want: []string{".exit"}},
		{name: "mode argument", line: ".mode js", pos: -1, wantHead: ".mode ", want: []string{"json", "jsonl"}},
		{name: "headers argument", line: ".headers o", pos: -1, wantHead: ".headers ", want: []string{"on", "off"}},
		{name: "no second mode argument", line: ".mode json x", pos: -1, wantHead: ".mode json "},
		{name: "help argument", line: ".help sc", pos: -1, wantHead: ".help ", want: []string{"schema"}},
		{name: "schema argument", line: ".schema fl", pos: -1, wantHead: ".schema ", want: []string{"flows"}},
		{name: "report names", line: ".run t", pos: -1, wantHead: ".run ", want: []string{"top-talkers"}},
		{name: "report parameters", line: ".run top-talkers ", pos: -1, wantHead: ".run top-talkers ", want: []string{"ip=", "since=", "until="}},
		{name: "report parameters not given yet", line: ".run top-talkers ip=1.2.3.4 s", pos: -1, wantHead: ".run top-talkers ip=1.2.3.4 ", want: []string{"since="}},
		{name: "view layout", line: ".view athena h", pos: -1, wantHead: ".view athena ", want: []string{"hive"}},
		{name: "load file paths", line: ".load " + dir + "/flows", pos: -1, wantHead: ".load ",
			want: []string{dir + "/flows-1.log.gz", dir + "/flows-2.log.gz", dir + "/flows-dir/"}},
		{name: "read file path", line: ".read " + dir + "/ot", pos: -1, wantHead: ".read ", want: []string{dir + "/other.parquet"}},
		{name: "hidden files on request", line: ".output " + dir + "/.h", pos: -1, wantHead: ".output ", want: []string{dir + "/.hidden"}},
		{name: "no completion of s3 keys", line: ".load s3://bucket/", pos: -1, wantHead: ".load "},
		{name: "only tables after from", line: "select * from fl", pos: -1, wantHead: "select * from ", want: []string{"flows"}},
		{name: "functions after from when no table matches", line: "select * from read_cs", pos: -1, wantHead: "select * from ",
			want: []string{"read_csv", "read_csv_auto"}},
		{name: "tables after from with no word", line: "select * from ", pos: -1, wantHead: "select * from ",
			want: []string{"flows", `"default".vpc_flow_logs`}},
		{name: "schema-qualified view", line: `select * from "default".vp`, pos: -1, wantHead: `select * from "default".`, want: []string{"vpc_flow_logs"}},
		{name: "columns of the named table first", line: "select s from flows", pos: 8,
			wantHead: "select ", want: []string{"srcaddr", "srcport", "sample"}, wantTail: " from flows", leading: true},
		{name: "keywords and functions without a named table", line: "select stddev_s", pos: -1,
			wantHead: "select ", want: []string{"stddev_samp"}},
		{name: "column of a table named later in the statement", line: "select sr from flows", pos: 9,
			wantHead: "select ", want: []string{"srcaddr", "srcport"}, wantTail: " from flows"},
		{name: "column of a table named on an earlier line", pending: "select a\n", line: "from flows where ac", pos: -1,
			wantHead: "from flows where ", want: []string{"action", "access"}, leading: true},
		{name: "reserved column name quoted", line: "select en from flows", pos: 9, wantHead: "select ",
			want: []string{`"end"`, "enable"}, wantTail: " from flows", leading: true},
		{name: "alias columns", line: "select f.dst from flows f", pos: 12, wantHead: "select f.", want: []string{"dstaddr"}, wantTail: " from flows f"},
		{name: "alias with as", line: "select x.src from flows as x", pos: 12, wantHead: "select x.", want: []string{"srcaddr", "srcport"}, wantTail: " from flows as x"},
		{name: "table-qualified columns", line: "select flows.a", pos: -1, wantHead: "select flows.", want: []string{"action"}},
		{name: "upper-case keyword", line: "SELECT * FROM flows WHE", pos: -1, wantHead: "SELECT * FROM flows ", want: []string{"WHEN", "WHERE"}},
		{name: "function names", line: "select regexp_ful", pos: -1, wantHead: "select ", want: []string{"regexp_full_match"}},
		{name: "columns offered with no word when a table is named", line: "select  from flows", pos: 7, wantHead: "select ",
			want: []string{"srcaddr", "dstaddr", "srcport", `"end"`, "action"}, wantTail: " from flows"},
	}
	rec := &recorder{}
	s, _, _ := newTestShell(t, rec.hooks())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.pending = tt.pending
			pos := tt.pos
			if pos < 0 {
				pos = len([]rune(tt.line))
			}
			head, got, tail := s.complete(context.Background(), tt.line, pos)
			if tt.leading && len(got) > len(tt.want) {
				got = got[:len(tt.want)]
			}
			if head != tt.wantHead || tail != tt.wantTail {
				t.Errorf("complete(%q, %d) head, tail = %q, %q; want %q, %q", tt.line, pos, head, tail, tt.wantHead, tt.wantTail)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("complete(%q, %d) candidates (-want +got):\n%s", tt.line, pos, diff)
			}
		})
	}
}

func TestCompletionSeesNewTables(t *testing.T) {
	s, _, _ := newTestShell(t, Hooks{})
	ctx := context.Background()
	if _, got, _ := s.complete(ctx, "select * from night", 19); got != nil {
		t.Fatalf("before CREATE: candidates %q, want none", got)
	}
	r := &fakeReader{inputs: []any{"create table nightly (bytes bigint);"}}
	if err := s.loop(ctx, r, printAndContinue); err != nil {
		t.Fatal(err)
	}
	if _, got, _ := s.complete(ctx, "select * from night", 19); !cmp.Equal(got, []string{"nightly"}) {
		t.Errorf("after CREATE: candidates %q, want [nightly]", got)
	}
}

func TestCompleteParam(t *testing.T) {
	s, _, _ := newTestShell(t, Hooks{})
	s.params = params{"ip": "10.0.0.1", "iface": "eni-1", "port": "22"}
	tests := []struct {
		line, wantHead string
		want           []string
	}{
		{".par", "", []string{".param"}},
		{".param ", ".param ", []string{"set", "list", "clear"}},
		{".param cl", ".param ", []string{"clear"}},
		{".param set i", ".param set ", []string{"iface", "ip"}},
		{".param clear ", ".param clear ", []string{"iface", "ip", "port"}},
		{".param list ", ".param list ", nil},
	}
	for _, tt := range tests {
		head, got, _ := s.complete(context.Background(), tt.line, len(tt.line))
		if head != tt.wantHead {
			t.Errorf("complete(%q) head = %q, want %q", tt.line, head, tt.wantHead)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("complete(%q) candidates (-want +got):\n%s", tt.line, diff)
		}
	}
}
