package repl

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/iostreams"
)

// The end-to-end tests run the shell in a real pseudo-terminal. The child
// is this test binary itself: with FLOWDUCK_REPL_CHILD=1, TestMain runs
// the shell on the process's own terminal instead of the tests.
const (
	childEnv   = "FLOWDUCK_REPL_CHILD"
	historyEnv = "FLOWDUCK_REPL_HISTORY"
	commandEnv = "FLOWDUCK_REPL_COMMAND"
	// setupEnv holds SQL the child runs after the fixture.
	setupEnv = "FLOWDUCK_REPL_SETUP"
)

// ptyTimeout bounds every wait for the child.
const ptyTimeout = 30 * time.Second

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		os.Exit(runChild())
	}
	os.Exit(m.Run())
}

// fixture is the data every test database starts with.
var fixture = []string{
	`CREATE TABLE flows (srcaddr VARCHAR, dstaddr VARCHAR, srcport INTEGER, "end" BIGINT, action VARCHAR)`,
	`INSERT INTO flows VALUES ('10.0.0.1', '203.0.113.7', 443, 1700000000, 'ACCEPT'), ('10.0.0.2', '203.0.113.7', 22, 1700000060, 'REJECT')`,
	`CREATE SCHEMA "default"`,
	`CREATE VIEW "default".vpc_flow_logs AS SELECT srcaddr, dstaddr, action FROM flows`,
}

// runChild is the shell process of the end-to-end tests: an in-memory
// database with the fixture, the real standard streams, and either -c
// (FLOWDUCK_REPL_COMMAND) or Run.
func runChild() int {
	ctx := context.Background()
	s, err := duck.Open(ctx, duck.Options{Path: duck.MemoryPath})
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 1
	}
	defer s.Close()
	for _, stmt := range append(fixture, os.Getenv(setupEnv)) {
		if stmt == "" {
			continue
		}
		if _, err := s.Conn.ExecContext(ctx, stmt); err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			return 1
		}
	}
	// Colour as cmd/flowduck decides it: unless NO_COLOR is set (the shell
	// uses it only on a terminal).
	cfg := Config{Session: s, Streams: iostreams.System(), HistoryPath: os.Getenv(historyEnv), Color: os.Getenv("NO_COLOR") == ""}
	if command := os.Getenv(commandEnv); command != "" {
		err = RunCommand(ctx, cfg, command)
	} else {
		err = Run(ctx, cfg)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "flowduck:", oneLine(err))
		return 1
	}
	return 0
}

// childCmd returns the command that starts the shell child.
func childCmd(t *testing.T, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=1", "TERM=xterm")
	cmd.Env = append(cmd.Env, env...)
	return cmd
}

// terminal is a shell child on a pseudo-terminal. A goroutine copies what
// the child writes into chunks; expect waits on it with a deadline, since a
// pty's reads do not honour deadlines.
type terminal struct {
	t      *testing.T
	cmd    *exec.Cmd
	ptmx   *os.File
	chunks chan []byte
	raw    []byte       // bytes not yet cleaned (a cut escape sequence)
	all    bytes.Buffer // everything the child wrote, escapes kept
	screen bytes.Buffer // everything the child wrote, escapes removed
	seen   int          // how much of screen expect has consumed
	exited chan error
}

// startTerminal starts the shell child on a 120x40 pseudo-terminal with a
// history file at history and the variables env added to its environment.
func startTerminal(t *testing.T, history string, env ...string) *terminal {
	t.Helper()
	return startTerminalSized(t, 120, history, env...)
}

// startTerminalSized starts the shell child on a pseudo-terminal cols wide
// and 40 rows high, with a history file at history and env added to its
// environment.
func startTerminalSized(t *testing.T, cols uint16, history string, env ...string) *terminal {
	t.Helper()
	cmd := childCmd(t, append(env, historyEnv+"="+history)...)
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: cols})
	if err != nil {
		t.Fatalf("start shell on a pty: %v", err)
	}
	tm := &terminal{t: t, cmd: cmd, ptmx: ptmx, chunks: make(chan []byte, 64), exited: make(chan error, 1)}
	go func() {
		defer close(tm.chunks)
		for {
			buf := make([]byte, 4096)
			n, err := ptmx.Read(buf)
			if n > 0 {
				tm.chunks <- buf[:n]
			}
			if err != nil {
				return
			}
		}
	}()
	go func() { tm.exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		ptmx.Close()
	})
	return tm
}

// ansi matches the terminal control sequences liner writes.
var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]|\r`)

// add appends a chunk of output to the screen, without escape sequences.
func (tm *terminal) add(chunk []byte) {
	tm.all.Write(chunk)
	tm.raw = append(tm.raw, chunk...)
	clean := len(tm.raw)
	// Keep an escape sequence cut by a read for the next chunk.
	if j := bytes.LastIndexByte(tm.raw, 0x1b); j >= 0 && !ansi.Match(tm.raw[j:]) && len(tm.raw)-j < 16 {
		clean = j
	}
	tm.screen.WriteString(ansi.ReplaceAllString(string(tm.raw[:clean]), ""))
	tm.raw = tm.raw[clean:]
}

// pending returns the screen after what expect has consumed.
func (tm *terminal) pending() string { return tm.screen.String()[tm.seen:] }

// expect reads the terminal until want appears after what earlier calls
// consumed, and consumes up to its end. It fails the test after ptyTimeout.
func (tm *terminal) expect(want string) {
	tm.t.Helper()
	timeout := time.After(ptyTimeout)
	for {
		if i := strings.Index(tm.pending(), want); i >= 0 {
			tm.seen += i + len(want)
			return
		}
		select {
		case chunk, ok := <-tm.chunks:
			if !ok {
				tm.t.Fatalf("shell closed the terminal while waiting for %q; screen after the last match:\n%s", want, tm.pending())
			}
			tm.add(chunk)
		case <-timeout:
			tm.t.Fatalf("no %q after %v; screen after the last match:\n%s", want, ptyTimeout, tm.pending())
		}
	}
}

// readFor adds whatever the terminal writes during d to the screen.
func (tm *terminal) readFor(d time.Duration) {
	timeout := time.After(d)
	for {
		select {
		case chunk, ok := <-tm.chunks:
			if !ok {
				return
			}
			tm.add(chunk)
		case <-timeout:
			return
		}
	}
}

// send types keys.
func (tm *terminal) send(keys string) {
	tm.t.Helper()
	if _, err := tm.ptmx.Write([]byte(keys)); err != nil {
		tm.t.Fatalf("type %q: %v", keys, err)
	}
}

// quit presses Ctrl-D at an empty prompt and waits for a clean exit.
func (tm *terminal) quit() {
	tm.t.Helper()
	tm.send("\x04")
	select {
	case err := <-tm.exited:
		if err != nil {
			tm.t.Fatalf("shell exited with %v after Ctrl-D; screen:\n%s", err, tm.screen.String())
		}
	case <-time.After(ptyTimeout):
		tm.t.Fatalf("shell still running %v after Ctrl-D", ptyTimeout)
	}
}

// Keys as the terminal sends them.
const (
	keyEnter = "\r"
	keyTab   = "\t"
	keyCtrlC = "\x03"
	keyUp    = "\x1b[A"
)

func TestTerminalMultiLineStatement(t *testing.T) {
	tm := startTerminal(t, filepath.Join(t.TempDir(), "history"))
	tm.expect(promptFirst)
	tm.send("select 6" + keyEnter)
	tm.expect(promptContinue)
	tm.send("* 7 as answer;" + keyEnter)
	tm.expect("answer")
	tm.expect("42")
	tm.expect(promptFirst)
	tm.quit()
}

// TestTerminalChart draws bars and a time series with .mode chart on the
// terminal: fitted to its 120 columns, in colour (NO_COLOR is empty).
func TestTerminalChart(t *testing.T) {
	tm := startTerminal(t, filepath.Join(t.TempDir(), "history"), "NO_COLOR=")
	tm.expect(promptFirst)
	tm.send(".mode chart" + keyEnter)
	tm.expect(promptFirst)
	tm.send(`select srcaddr, count(*) as flows, sum(srcport) as bytes from flows group by srcaddr order by srcaddr;` + keyEnter)
	tm.expect("srcaddr")
	tm.expect("10.0.0.1")
	tm.expect("10.0.0.2")
	tm.expect("22 B")
	tm.expect(promptFirst)
	tm.send(`select to_timestamp("end") as t, action, count(*) as flows from flows group by all order by t;` + keyEnter)
	tm.expect("t: 2023-11-14 22:13 to 2023-11-14 22:14 UTC")
	tm.expect("flows by action")
	tm.expect("█ ACCEPT  ▒ REJECT")
	tm.expect("└")
	tm.expect(promptFirst)
	raw := tm.all.String()
	for _, want := range []string{"\x1b[36m█", "\x1b[31m▒"} {
		if !strings.Contains(raw, want) {
			t.Errorf("the chart on the terminal lacks the colour %q", want)
		}
	}
	// The axis fills the terminal's width, not the 80 of a pipe.
	if !regexp.MustCompile(`└[─┬]{100,}`).MatchString(tm.screen.String()) {
		t.Errorf("the time axis is not fitted to 120 columns:\n%s", tm.screen.String())
	}
	tm.quit()
}

func TestTerminalCompletion(t *testing.T) {
	tm := startTerminal(t, filepath.Join(t.TempDir(), "history"))
	tm.expect(promptFirst)
	// The query only runs if Tab completed "flo" to "flows".
	tm.send("select 'completed-' || count(*) as r from flo" + keyTab)
	tm.expect("from flows")
	tm.send(";" + keyEnter)
	tm.expect("completed-2")
	tm.expect(promptFirst)
	// A dot-command: ".tabl" completes to ".tables", which lists the view.
	tm.send(".tabl" + keyTab)
	tm.expect(".tables")
	tm.send(keyEnter)
	tm.expect("vpc_flow_logs")
	tm.expect(promptFirst)
	tm.quit()
}

func TestTerminalHistoryAcrossSessions(t *testing.T) {
	history := filepath.Join(t.TempDir(), "flowduck", "history")

	first := startTerminal(t, history)
	first.expect(promptFirst)
	first.send(keyEnter) // a blank line, which history skips
	first.expect(promptFirst)
	first.send("select 'hist' || 'ory-' || 42 as h;" + keyEnter)
	first.expect("history-42")
	first.expect(promptFirst)
	first.quit()

	data, err := os.ReadFile(history)
	if err != nil {
		t.Fatalf("history file after the first session: %v", err)
	}
	if got, want := string(data), "select 'hist' || 'ory-' || 42 as h;\n"; got != want {
		t.Errorf("history file = %q, want %q", got, want)
	}

	second := startTerminal(t, history)
	second.expect(promptFirst)
	second.send(keyUp)
	second.expect("select 'hist' || 'ory-' || 42 as h;")
	second.send(keyEnter)
	second.expect("history-42")
	second.expect(promptFirst)
	second.quit()
}

func TestTerminalCtrlCCancelsQuery(t *testing.T) {
	tm := startTerminal(t, filepath.Join(t.TempDir(), "history"))
	tm.expect(promptFirst)
	// Ctrl-C at the prompt clears the line: the half-typed text never runs.
	// (liner prints the prompt before it takes Ctrl-C as a key, so wait for
	// the echo, which comes once it does.)
	tm.send("select 'never-' || 'ran'")
	tm.expect("'ran'")
	tm.send(keyCtrlC)
	tm.expect("^C\n" + promptFirst)

	tm.send("select count(*) from range(10000000000) t1;" + keyEnter)
	tm.expect("t1;\n")
	// The query runs until interrupted. Keep pressing Ctrl-C until the shell
	// says so: a press that lands before the statement starts is harmless.
	deadline := time.Now().Add(ptyTimeout)
	for !strings.Contains(tm.pending(), "Error: interrupted") {
		if time.Now().After(deadline) {
			t.Fatalf("query not interrupted after %v; screen:\n%s", ptyTimeout, tm.screen.String())
		}
		tm.send(keyCtrlC)
		tm.readFor(300 * time.Millisecond)
	}
	tm.expect("Error: interrupted")
	tm.expect(promptFirst)
	tm.send("select 'still-' || 'alive' as s;" + keyEnter)
	tm.expect("still-alive")
	tm.expect(promptFirst)
	if strings.Contains(tm.screen.String(), "never-ran") {
		t.Errorf("the line cleared by Ctrl-C ran; screen:\n%s", tm.screen.String())
	}
	tm.quit()
}

func TestPipedStdinRunsScript(t *testing.T) {
	tests := []struct {
		name     string
		stdin    string
		wantCode int
		wantOut  []string // substrings of stdout
		notOut   string
		wantErr  string
	}{
		{name: "success", stdin: "select 'one' as a;\nselect 'two' as b;\n", wantOut: []string{"a\none\n", "b\ntwo\n"}},
		{name: "stops at the first error", stdin: "select 'one' as a;\nselect nope;\nselect 'three' as c;\n",
			wantCode: 1, wantOut: []string{"a\none\n"}, notOut: "three", wantErr: "flowduck: line 2: Binder Error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := childCmd(t, historyEnv+"="+filepath.Join(t.TempDir(), "history"))
			var out, errOut bytes.Buffer
			cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(tt.stdin), &out, &errOut
			runBounded(t, cmd, tt.wantCode)
			for _, want := range tt.wantOut {
				if !strings.Contains(out.String(), want) {
					t.Errorf("stdout = %q, want it to contain %q", out.String(), want)
				}
			}
			if tt.notOut != "" && strings.Contains(out.String(), tt.notOut) {
				t.Errorf("stdout = %q, ran past the error", out.String())
			}
			if strings.Contains(out.String(), promptFirst) {
				t.Errorf("stdout = %q: a script shows no prompts", out.String())
			}
			if !strings.Contains(errOut.String(), tt.wantErr) {
				t.Errorf("stderr = %q, want it to contain %q", errOut.String(), tt.wantErr)
			}
		})
	}
}

func TestCommandFlag(t *testing.T) {
	tests := []struct {
		name     string
		command  string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{name: "sql", command: "select 6*7 as answer", wantOut: "answer\n42\n"},
		{name: "dot-command", command: ".schema flows", wantOut: "CREATE TABLE flows("},
		{name: "error", command: "select nope", wantCode: 1, wantErr: "flowduck: Binder Error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := childCmd(t, commandEnv+"="+tt.command)
			var out, errOut bytes.Buffer
			cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(""), &out, &errOut
			runBounded(t, cmd, tt.wantCode)
			if !strings.Contains(out.String(), tt.wantOut) {
				t.Errorf("stdout = %q, want it to contain %q", out.String(), tt.wantOut)
			}
			if !strings.Contains(errOut.String(), tt.wantErr) {
				t.Errorf("stderr = %q, want it to contain %q", errOut.String(), tt.wantErr)
			}
		})
	}
}

// runBounded runs cmd to completion within ptyTimeout and checks its exit
// code.
func runBounded(t *testing.T, cmd *exec.Cmd, wantCode int) {
	t.Helper()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(ptyTimeout):
		cmd.Process.Kill()
		t.Fatalf("child still running after %v", ptyTimeout)
	}
	if got := cmd.ProcessState.ExitCode(); got != wantCode {
		t.Errorf("exit code = %d, want %d", got, wantCode)
	}
}
