package loader

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/flowduck/flowduck/internal/duck"
)

// childEnv makes the test binary act as a helper process (see TestMain):
// "load" loads $FLOWDUCK_CHILD_SRC into $FLOWDUCK_CHILD_DB, "hold" opens the
// database and waits to be killed.
const childEnv = "FLOWDUCK_LOADER_CHILD"

// runChild is the helper process's main.
func runChild() int {
	ctx := context.Background()
	s, err := duck.Open(ctx, duck.Options{Path: os.Getenv("FLOWDUCK_CHILD_DB")})
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	switch os.Getenv(childEnv) {
	case "hold":
		fmt.Println("open")
		time.Sleep(time.Minute)
	case "load":
		fmt.Println("loading")
		opts := Options{Sources: []string{os.Getenv("FLOWDUCK_CHILD_SRC")}}
		if os.Getenv("FLOWDUCK_TRACE") != "" {
			opts.Trace = os.Stderr
		}
		if _, err := Load(ctx, s.Conn, opts); err != nil {
			fmt.Println("error:", err)
			return 1
		}
		fmt.Println("done")
		// Stay until killed, so that a kill after the load is seen as such.
		time.Sleep(time.Minute)
	}
	return 0
}

// startChild runs the test binary in child mode and waits for its first line.
func startChild(t *testing.T, mode, db, src string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+mode, "FLOWDUCK_CHILD_DB="+db, "FLOWDUCK_CHILD_SRC="+src)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := bufio.NewScanner(out)
	if !lines.Scan() {
		t.Fatalf("child %s printed nothing", mode)
	}
	if got := lines.Text(); strings.HasPrefix(got, "error") {
		t.Fatalf("child %s: %s", mode, got)
	}
	return cmd, lines
}

// crashSteps are the traced steps of a load (FLOWDUCK_TRACE) at which
// TestKillAtEveryStep kills the loading process, and how long after the step
// line it kills: at once, and a little later, inside the next step.
var (
	crashSteps = []string{"manifest and discovery", "sniff 3 file(s)", "group 1 (2 files)", "group 2 (1 files)",
		"gzip check (remaining)", "count per file", "manifest and views"}
	crashDelays = []time.Duration{0, 200 * time.Microsecond, 600 * time.Microsecond}
)

// TestKillAtEveryStep kills a loading process with SIGKILL at each traced
// step of the load, several times each. Whatever the kill left, the database
// opens, the next load repairs it if needed (the invariant holds after it)
// and ends with exactly the records of the tree, nothing lost or doubled.
func TestKillAtEveryStep(t *testing.T) {
	if testing.Short() {
		t.Skip("kills real processes dozens of times")
	}
	dir := t.TempDir()
	seed := filepath.Join(dir, "seed.duckdb")
	s := reopen(t, seed)
	small := copySample(t, "default-format.log", dir, "small/a.log")
	mustLoad(t, s, Options{Sources: []string{small}})
	tree := filepath.Join(dir, "tree")
	if err := os.MkdirAll(tree, 0o755); err != nil {
		t.Fatal(err)
	}
	// Two groups: files with a header (plain and gzip), and a headerless one.
	for i, f := range []struct {
		name, opts string
	}{{"f0.log.gz", "HEADER true, COMPRESSION gzip"}, {"f1.log", "HEADER true"}, {"f2.log", "HEADER false"}} {
		stmt := fmt.Sprintf(`COPY (SELECT 2 AS version, '123456789010' AS "account-id", 'eni-' || (i %% 97) AS "interface-id",
			'10.0.' || (i %% 250) || '.1' AS srcaddr, '172.16.0.' || (i %% 200) AS dstaddr, i %% 65535 AS srcport, 443 AS dstport,
			6 AS protocol, i %% 100 AS packets, i %% 10000 AS bytes, 1772400000 + i %% 3600 AS start, 1772400060 + i %% 3600 AS "end",
			'ACCEPT' AS action, 'OK' AS "log-status" FROM range(%d, %d) t(i))
			TO '%s' (FORMAT csv, DELIMITER ' ', QUOTE '', %s)`, i*10000, (i+1)*10000, filepath.Join(tree, f.name), f.opts)
		if _, err := s.Conn.ExecContext(t.Context(), stmt); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	seedBytes, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}

	kills := 0
	for _, step := range crashSteps {
		for _, delay := range crashDelays {
			name := fmt.Sprintf("%s+%s", step, delay)
			db := filepath.Join(dir, fmt.Sprintf("crash-%d.duckdb", kills))
			if err := os.WriteFile(db, seedBytes, 0o644); err != nil {
				t.Fatal(err)
			}
			killAt(t, name, db, tree, "trace: "+step, delay)
			kills++

			after := reopen(t, db)
			before := stepIndex(step) < stepIndex("manifest and views")
			if rep, err := Check(t.Context(), after.Conn); err != nil {
				t.Fatalf("%s: check after the kill: %v", name, err)
			} else if before && (!rep.OK() || rep.Records != 7 || rep.Files != 1) {
				t.Errorf("%s: killed before the commit, the database changed: %s", name, rep)
			}
			res, err := Load(t.Context(), after.Conn, Options{Sources: []string{tree}})
			if err != nil {
				t.Fatalf("%s: load after the kill: %v", name, err)
			}
			if res.Failed != 0 {
				t.Errorf("%s: load after the kill: %+v", name, res)
			}
			mustCheck(t, after.Conn)
			if got := one(t, after, "SELECT count(*) FROM flowduck_records"); got != "30007" {
				t.Errorf("%s: %s records after the re-run, want exactly 30007", name, got)
			}
			if got := one(t, after, "SELECT count(*) FROM flowduck_files"); got != "4" {
				t.Errorf("%s: %s manifest entries after the re-run, want 4", name, got)
			}
			after.Close()
		}
	}
	if kills < 20 {
		t.Fatalf("%d kills, want at least 20", kills)
	}
}

// stepIndex is the position of a step in crashSteps.
func stepIndex(step string) int {
	for i, s := range crashSteps {
		if s == step {
			return i
		}
	}
	return -1
}

// killAt runs a load of src into db in a child process with the trace on,
// and kills it with SIGKILL delay after the trace line starting with prefix.
// The test fails when the line never comes or the load finished first: the
// kill must land inside the load.
func killAt(t *testing.T, name, db, src, prefix string, delay time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=load", "FLOWDUCK_CHILD_DB="+db, "FLOWDUCK_CHILD_SRC="+src, "FLOWDUCK_TRACE=1")
	var stdout strings.Builder
	cmd.Stdout = &stdout
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stderr)
	var seen []string
	found := false
	for lines.Scan() {
		seen = append(seen, lines.Text())
		if strings.HasPrefix(lines.Text(), prefix) {
			found = true
			break
		}
	}
	if found {
		time.Sleep(delay)
	}
	_ = cmd.Process.Kill()
	for lines.Scan() {
		seen = append(seen, lines.Text())
	}
	state, _ := cmd.Process.Wait()
	switch {
	case !found:
		t.Fatalf("%s: the child never traced %q; it printed %q and %q", name, prefix, seen, stdout.String())
	case strings.Contains(stdout.String(), "done"):
		t.Fatalf("%s: the load finished before the kill; the kill must land inside it", name)
	case state != nil && state.Success():
		t.Fatalf("%s: the child exited normally", name)
	}
}

// TestLockedDatabase: a second process opening a database in use gets a
// clear error naming the file, not a corrupt file.
func TestLockedDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "locked.duckdb")
	startChild(t, "hold", db, "")
	_, err := duck.Open(context.Background(), duck.Options{Path: db})
	if !errors.Is(err, duck.ErrLocked) {
		t.Fatalf("open a locked database: %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), db) {
		t.Errorf("error %q does not name the file", err)
	}
}
