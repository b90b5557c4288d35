package dialect_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/internal/dialect"
	"github.com/flowduck/flowduck/internal/duck"
)

// openLazy opens a session as flowduck does: the dialect's settings at
// once, each macro when a statement names it.
func openLazy(t *testing.T, path string) *duck.Session {
	t.Helper()
	s, err := duck.Open(context.Background(), duck.Options{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// tempMacros lists the temporary macros on a session.
func tempMacros(t *testing.T, s *duck.Session) []string {
	t.Helper()
	var names []string
	for _, r := range dbtest.Rows(t, s.Conn, `SELECT DISTINCT function_name FROM duckdb_functions()
WHERE database_name = 'temp' AND function_type = 'macro' ORDER BY 1`) {
		names = append(names, r[0])
	}
	return names
}

// runText runs stmt through Run and returns its rows as text.
func runText(t *testing.T, s *duck.Session, stmt string) [][]string {
	t.Helper()
	ctx := context.Background()
	res, err := dialect.Run(ctx, s.Conn, stmt, func(ctx context.Context, stmt string) (string, error) {
		return dialect.Rewrite(ctx, s.Conn, stmt)
	}, nil)
	if err != nil {
		t.Fatalf("Run(%s): %v", stmt, err)
	}
	if res.Rows == nil {
		return nil
	}
	defer res.Rows.Close()
	cols, _ := res.Rows.Columns()
	var out [][]string
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for res.Rows.Next() {
		if err := res.Rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(vals))
		for i, v := range vals {
			row[i] = dbtest.Text{}.Value(v)
		}
		out = append(out, row)
	}
	if err := res.Rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestLazyInstallsWhatIsNamed: a statement naming no macro installs none,
// and one naming a macro installs it and what it calls.
func TestLazyInstallsWhatIsNamed(t *testing.T) {
	s := openLazy(t, duck.MemoryPath)
	if got := runText(t, s, "SELECT 7 / 2 AS half"); !cmp.Equal(got, [][]string{{"3"}}) {
		t.Errorf("7 / 2 = %v, want the dialect's integer division from the start", got)
	}
	if got := tempMacros(t, s); len(got) != 0 {
		t.Errorf("macros after SELECT 7 / 2: %v, want none", got)
	}
	goKey := "SELECT count(*) FROM duckdb_functions() WHERE function_name = '" + dialect.IPKeyFunc + "'"
	if got := dbtest.One(t, s.Conn, goKey); got != "0" {
		t.Errorf("%s registered by SELECT 7 / 2", dialect.IPKeyFunc)
	}
	if got := runText(t, s, "SELECT count(*) FROM (VALUES ('2001:db8::1'), ('2001:db9::1')) t(a) WHERE contains('2001:db8::/32', CAST(a AS IPADDRESS))"); !cmp.Equal(got, [][]string{{"1"}}) {
		t.Errorf("IPv6 contains = %v, want 1", got)
	}
	if got := dbtest.One(t, s.Conn, goKey); got == "0" {
		t.Errorf("%s not registered by a statement folded into it", dialect.IPKeyFunc)
	}
	// the network is a column, not a constant the rewrite folds away
	runText(t, s, "SELECT contains(net, CAST('10.1.2.3' AS IPADDRESS)) FROM (VALUES ('10.0.0.0/8')) AS t(net)")
	got := tempMacros(t, s)
	if !slices.Contains(got, "athena_cidr_contains") || slices.Contains(got, "date_format") {
		t.Errorf("macros after a CIDR contains: %v, want athena_cidr_contains and its helpers only", got)
	}
	for _, name := range got {
		if !slices.Contains(dialect.MacroNames(), name) {
			t.Errorf("installed %s, which is not a dialect macro", name)
		}
	}
}

// TestLazyMeansWhatWholeMeans runs statements whose answer differs between
// DuckDB's builtins and the Athena macros that shadow them, on a lazy
// session and on one with every macro installed: the answers are the same.
func TestLazyMeansWhatWholeMeans(t *testing.T) {
	stmts := []string{
		`SELECT split_part('a,b,c', ',', 5) AS p`,
		`SELECT regexp_extract('abc', 'x(y)', 1) AS r`,
		`SELECT contains(ARRAY[1, 2], 2) AS c, contains('10.0.0.0/8', CAST('10.1.2.3' AS IPADDRESS)) AS n`,
		`SELECT date_add('day', 1, TIMESTAMP '2026-03-01 00:00:00') AS d, date_trunc('month', DATE '2026-03-15') AS m`,
		`SELECT format_bytes(1536) AS b, date_format(from_unixtime(0), '%Y-%m-%d %H:%i') AS f`,
		`SELECT is_private('10.1.2.3') AS a, is_private('8.8.8.8') AS b`,
		`SELECT CAST(srcaddr AS IPADDRESS) AS ip FROM (VALUES ('10.0.0.2'), ('9.0.0.1')) t(srcaddr) ORDER BY ip`,
		// folded into a test that calls the Go key, which Ensure registers
		`SELECT a FROM (VALUES ('2001:861::1'), ('2001:0861:0:0::2'), ('2001:862::1'), ('10.0.0.1'), ('-')) t(a)
		 WHERE contains('2001:861::/32', CAST(a AS IPADDRESS)) ORDER BY a`,
	}
	whole := dbtest.OpenMemory(t)
	for _, stmt := range stmts {
		lazy := openLazy(t, duck.MemoryPath)
		if diff := cmp.Diff(runText(t, whole, stmt), runText(t, lazy, stmt)); diff != "" {
			t.Errorf("%s (-whole +lazy):\n%s", stmt, diff)
		}
	}
}

// TestLazyViewOfAnEarlierSession: a view that calls a dialect macro, made
// in an earlier session, works in a session that has installed nothing;
// Run installs the rest when DuckDB reports the macro missing.
func TestLazyViewOfAnEarlierSession(t *testing.T) {
	path := filepath.Join(t.TempDir(), "views.duckdb")
	first := openLazy(t, path)
	runText(t, first, "CREATE VIEW stamped AS SELECT date_format(from_unixtime(86400), '%Y-%m-%d') AS day")
	runText(t, first, "CREATE VIEW inside AS SELECT is_private('10.1.2.3') AS p, is_private('8.8.8.8') AS q")
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	second := openLazy(t, path)
	if got := runText(t, second, "SELECT day FROM stamped"); !cmp.Equal(got, [][]string{{"1970-01-02"}}) {
		t.Errorf("the view in a new session = %v, want 1970-01-02", got)
	}
	// is_private calls a Go function, registered with it
	if got := runText(t, openLazy(t, path), "SELECT p, q FROM inside"); !cmp.Equal(got, [][]string{{"true", "false"}}) {
		t.Errorf("a view calling is_private in a new session = %v, want true, false", got)
	}
	if _, err := dialect.Query(context.Background(), second.Conn, "SELECT no_such_function(1)"); err == nil {
		t.Errorf("an unknown function ran")
	}
}

// TestLazyGoKeyStaysOutOfTheFile: after a session that ran a statement
// folded into a call of the Go key, and made a view with an address
// predicate (only SELECTs are rewritten, so the view keeps the macro call),
// no view of the file calls the Go functions, which plain DuckDB does not
// have.
func TestLazyGoKeyStaysOutOfTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plain.duckdb")
	first := openLazy(t, path)
	runText(t, first, "CREATE TABLE t AS SELECT * FROM (VALUES ('2001:db8::1'), ('10.0.0.1')) t(a)")
	runText(t, first, "SELECT count(*) FROM t WHERE contains('2001:db8::/32', CAST(a AS IPADDRESS))")
	runText(t, first, "CREATE VIEW v AS SELECT a FROM t WHERE is_private(a)")
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	plain, err := duck.Open(context.Background(), duck.Options{Path: path, Plain: true, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	for _, f := range []string{dialect.IPKeyFunc, dialect.PrivateFunc} {
		if got := dbtest.One(t, plain.Conn, "SELECT count(*) FROM duckdb_views() WHERE sql ILIKE '%"+f+"%'"); got != "0" {
			t.Errorf("%s stored views call %s", got, f)
		}
	}
}

// TestLazyNarrowsTopN: in a session that has installed nothing yet, ORDER
// BY address LIMIT n is still narrowed (its probe query ensures what it
// calls) and gives the rows of the full order.
func TestLazyNarrowsTopN(t *testing.T) {
	s := openLazy(t, duck.MemoryPath)
	dbtest.Exec(t, s.Conn, `CREATE TEMP TABLE a AS SELECT * FROM (VALUES ('1.0.0.9'), ('10.0.0.1'), ('1.0.0.10'),
		('2.0.0.1'), ('::1'), ('1.0.0.2')) t(ip)`)
	q := "SELECT ip FROM a ORDER BY CAST(ip AS IPADDRESS) LIMIT 3"
	rewritten, err := dialect.Rewrite(context.Background(), s.Conn, q)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rewritten, "WHERE") {
		t.Errorf("not narrowed: %s", rewritten)
	}
	want := [][]string{{"::1"}, {"1.0.0.2"}, {"1.0.0.9"}}
	if got := runText(t, s, q); !cmp.Equal(got, want) {
		t.Errorf("%s = %v, want %v", q, got, want)
	}
}

// TestMacroNamesComplete: MacroNames lists is_private and the shims.
func TestMacroNamesComplete(t *testing.T) {
	names := dialect.MacroNames()
	for _, want := range []string{dialect.PrivateMacro, "date_format", "from_unixtime", "athena_cidr_contains"} {
		if !slices.Contains(names, want) {
			t.Errorf("MacroNames lacks %s", want)
		}
	}
	if !slices.IsSorted(names) {
		t.Errorf("MacroNames not sorted: %v", names)
	}
}
