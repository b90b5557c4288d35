package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/flowduck/flowduck/internal/iostreams"
)

// TestReadersShareTheDatabase runs real processes: while a shell has the
// database open (read-only until it writes), other processes run reports,
// SQL and listings on it at the same time; once the shell has written, it
// holds the file and the others get a clear "in use" error naming it.
func TestReadersShareTheDatabase(t *testing.T) {
	bin, err := exec.LookPath("flowduck") // installed on PATH by testscript.Main
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "shared.duckdb")
	logs := filepath.Join(dir, "logs")
	sample, err := os.ReadFile(filepath.Join("..", "..", "loader", "testdata", "samples", "default-format.log"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(logs, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(logs, "a.log"), sample, 0o644); err != nil {
		t.Fatal(err)
	}
	streams, _, stderr := iostreams.Test("")
	if code := run(context.Background(), []string{"--db", db, "load", logs}, streams, func(string) string { return "" }); code != exitOK {
		t.Fatalf("load: exit %d: %s", code, stderr)
	}

	shell := exec.Command(bin, "--db", db, "repl", "-o", "csv")
	stdin, err := shell.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := shell.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var shellErr bytes.Buffer
	shell.Stderr = &shellErr
	if err := shell.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = shell.Process.Kill(); _ = shell.Wait() })
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	say := func(stmt, want string) {
		t.Helper()
		if _, err := io.WriteString(stdin, stmt+"\n"); err != nil {
			t.Fatal(err)
		}
		deadline := time.After(30 * time.Second)
		for {
			select {
			case line, ok := <-lines:
				if !ok {
					t.Fatalf("shell ended before %q (stderr %q)", want, shellErr.String())
				}
				if line == want {
					return
				}
			case <-deadline:
				t.Fatalf("shell did not print %q (stderr %q)", want, shellErr.String())
			}
		}
	}
	say("SELECT count(*) > 0 AS loaded FROM vpc_flow_logs;", "true")

	// Three other processes read at the same time as the open shell.
	readers := [][]string{
		{"run", "top-talkers", "-o", "csv"},
		{"sql", "SELECT count(*) FROM vpc_flow_logs", "-o", "csv"},
		{"files", "-o", "csv"},
	}
	done := make(chan error, len(readers))
	outs := make([][]byte, len(readers))
	for i, args := range readers {
		go func() {
			var err error
			outs[i], err = exec.Command(bin, append([]string{"--db", db}, args...)...).CombinedOutput()
			done <- err
		}()
	}
	for range readers {
		if err := <-done; err != nil {
			t.Errorf("a reader failed next to the shell: %v\n%s\n%s\n%s", err, outs[0], outs[1], outs[2])
		}
	}

	// A write makes the shell read-write: now it holds the file.
	say("CREATE TABLE notes AS SELECT 1 AS n; SELECT 'written' AS w;", "written")
	out, err := exec.Command(bin, "--db", db, "sql", "SELECT 1").CombinedOutput()
	if err == nil {
		t.Fatalf("a reader opened the database the shell writes: %s", out)
	}
	want := regexp.MustCompile(`^flowduck: open .*shared.duckdb: database is in use by another process \(PID \d+, flowduck\); wait for it to finish or close it, or use --db for another file\n$`)
	if !want.Match(out) {
		t.Errorf("locked error %q, want it to match %s", out, want)
	}
	if !strings.Contains(shellErr.String(), "opened "+db+" read-write") {
		t.Errorf("the shell did not say it reopened the database read-write: %q", shellErr.String())
	}
	stdin.Close()
	if err := shell.Wait(); err != nil {
		t.Errorf("shell: %v (stderr %q)", err, shellErr.String())
	}
}
