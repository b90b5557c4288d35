// Package repl is flowduck's interactive SQL shell: statements end at ';'
// (split by internal/sqlscript), dot-commands come from one table, results
// are rendered by internal/render, and everything runs on the session's one
// pinned DuckDB connection.
//
// On a terminal the shell edits lines with github.com/peterh/liner (history,
// tab completion, Ctrl-C handling); otherwise it runs its input as a script,
// like `duckdb < file.sql`.
package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/duckmsg"
	"github.com/flowduck/flowduck/internal/iostreams"
	"github.com/flowduck/flowduck/internal/render"
)

// Config is what one shell runs on.
type Config struct {
	// Session is the database; every statement runs on Session.Conn.
	Session *duck.Session
	// Streams are the shell's input and outputs. Results go to Out,
	// errors, timings and progress to ErrOut.
	Streams *iostreams.IOStreams
	// HistoryPath is the interactive history file; "" means
	// os.UserConfigDir()/flowduck/history (the directory is created).
	HistoryPath string
	// Format is the initial output format (.mode); "" means
	// render.Default(Streams.IsTTY).
	Format render.Format
	// Location is the zone timestamps are shown in; nil means UTC.
	Location *time.Location
	// Human shows byte and count columns of tables in human units at
	// start (.human).
	Human bool
	// Color lets results shown on the terminal use colour (charts); leave
	// it false when NO_COLOR is set. Results sent to a file never do.
	Color bool
	// Hooks are the product features the dot-commands expose.
	Hooks Hooks
}

// Hooks are the product features the shell exposes; cmd/flowduck wires
// them. A nil hook makes its dot-command say it is unavailable.
type Hooks struct {
	// Load loads flow-log sources (.load), writing progress to progress.
	Load func(ctx context.Context, sources []string, progress io.Writer) error
	// Files writes the manifest of loaded files (.files).
	Files func(ctx context.Context, w io.Writer, opts render.Options) error
	// Rejects writes the rejected lines (.rejects).
	Rejects func(ctx context.Context, w io.Writer, opts render.Options) error
	// View creates the Athena-layout view name (.view NAME LAYOUT).
	View func(ctx context.Context, name, layout string) error
	// Layouts lists the table layouts .view accepts (for completion).
	Layouts func() []string
	// Reports writes the list of saved reports (.reports).
	Reports func(ctx context.Context, w io.Writer, opts render.Options) error
	// RunReport runs a saved report with k=v parameters (.run).
	RunReport func(ctx context.Context, name string, params []string, w io.Writer, opts render.Options) error
	// SaveReport saves sql as the report name and returns its file (.save).
	SaveReport func(name, sql string) (path string, err error)
	// ReportNames lists the saved reports (for completion).
	ReportNames func() []string
	// ReportParams lists the parameter names of a report (for completion).
	ReportParams func(name string) []string
	// Why writes what is known of the traffic between two endpoints, args
	// being SRC DST and k=v parameters and filters (.why).
	Why func(ctx context.Context, args []string, w io.Writer, opts render.Options) error
	// Detect runs the detections with k=v options and filters (.detect),
	// writes the findings to w and returns the summary line.
	Detect func(ctx context.Context, args []string, w io.Writer, opts render.Options) (summary string, err error)
	// Fields writes the flow-log field catalog (.fields).
	Fields func(ctx context.Context, w io.Writer, opts render.Options) error
	// Rewrite turns a statement in the Athena dialect into DuckDB SQL before
	// it runs; nil runs statements unchanged.
	Rewrite func(ctx context.Context, stmt string) (string, error)
	// Writable makes a read-only Session read-write (duck.Session.Writable)
	// before a statement that writes, saying so on the shell's error
	// output; nil leaves writes to fail on a read-only session.
	Writable func(ctx context.Context) error
	// Insights translates and runs a CloudWatch Logs Insights query
	// (.insights, .mode insights), rendering its result to w and notices
	// (a cut result) to notices; nil leaves both unavailable.
	Insights func(ctx context.Context, query string, w, notices io.Writer, opts render.Options) error
}

// Run runs the shell: interactively when Streams.In and Streams.Out are
// both terminals, otherwise as a script read from Streams.In (see
// RunScript). The interactive shell edits lines with liner, which works on
// the process's own standard input and output.
//
// In interactive mode Run owns SIGINT while a statement runs: Ctrl-C cancels
// that statement and the shell goes on. ctx should therefore not be one that
// SIGINT cancels (or the first Ctrl-C ends the shell); cancelling ctx ends
// the shell, even at the prompt.
func Run(ctx context.Context, cfg Config) error {
	if cfg.Streams == nil {
		return errNoStreams
	}
	if !cfg.Streams.InTTY || !cfg.Streams.IsTTY {
		return RunScript(ctx, cfg, cfg.Streams.In)
	}
	s, err := newShell(cfg)
	if err != nil {
		return err
	}
	defer s.close()
	return s.interactive(ctx)
}

// RunScript runs the statements and dot-commands read from r like
// `duckdb < file.sql`: no prompts, and it stops at the first failing
// statement, returning a *StatementError that names its line.
func RunScript(ctx context.Context, cfg Config, r io.Reader) error {
	s, err := newShell(cfg)
	if err != nil {
		return err
	}
	defer s.close()
	err = s.loop(ctx, newScriptReader(r), stopOnError)
	if errors.Is(err, errQuit) {
		return nil
	}
	return err
}

// RunCommand runs one command, as given to -c: SQL (one or more
// statements) or a dot-command. It stops at the first error and returns it.
func RunCommand(ctx context.Context, cfg Config, command string) error {
	s, err := newShell(cfg)
	if err != nil {
		return err
	}
	defer s.close()
	err = s.loop(ctx, newScriptReader(strings.NewReader(command)), stopOnError)
	var se *StatementError
	if errors.As(err, &se) && !strings.Contains(strings.TrimSpace(command), "\n") {
		return se.Err // one line: its number says nothing
	}
	if errors.Is(err, errQuit) {
		return nil
	}
	return err
}

// StatementError is a statement or dot-command of a script that failed.
type StatementError struct {
	// Line is the 1-based line of the script on which the statement starts.
	Line int
	// Statement is the failing statement's text.
	Statement string
	// Err is the failure, with DuckDB's message.
	Err error
}

// Error implements error.
func (e *StatementError) Error() string {
	return fmt.Sprintf("line %d: %s", e.Line, oneLine(e.Err))
}

// Unwrap returns the failure.
func (e *StatementError) Unwrap() error { return e.Err }

// errNoStreams and errNoSession report an incomplete Config.
var (
	errNoStreams = errors.New("repl: no streams configured")
	errNoSession = errors.New("repl: no database session configured")
)

// errQuit is returned by .quit and .exit to end the shell.
var errQuit = errors.New("quit")

// oneLine keeps an error message on one line: DuckDB's messages carry a
// "LINE n:" excerpt and a caret line after the message proper, which are
// dropped; the lines of the message proper are joined.
func oneLine(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\nLINE ")
	return duckmsg.OneLine(msg)
}
