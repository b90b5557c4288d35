package repl

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/peterh/liner"

	"github.com/flowduck/flowduck/internal/sqlscript"
)

// The prompts: the first line of a statement, and the lines that continue
// an open one.
const (
	promptFirst    = "flowduck> "
	promptContinue = "     ...> "
)

// lineReader is the part of liner.State the shell reads input through, so
// the loop runs the same on a terminal, on a script and on a test's script.
// Prompt returns io.EOF at the end of input (Ctrl-D) and
// liner.ErrPromptAborted when Ctrl-C clears the line.
type lineReader interface {
	Prompt(prompt string) (string, error)
	AppendHistory(item string)
}

var _ lineReader = (*liner.State)(nil)

// onError says what the loop does when a statement fails.
type onError int

const (
	// stopOnError returns the first failure as a *StatementError (scripts).
	stopOnError onError = iota
	// printAndContinue prints the failure and reads on (the terminal).
	printAndContinue
)

// loop reads lines from r until the end of input or .quit, running each
// statement as its ';' arrives and each dot-command line as it is read.
func (s *shell) loop(ctx context.Context, r lineReader, mode onError) error {
	var (
		buf     string   // the open statement(s), from bufLine on
		bufLine int      // input line on which buf starts
		entered []string // the lines of buf, for the history
		lineNo  int
	)
	// report deals with a failed statement or command: a script stops
	// with it, the terminal prints it and reads on.
	report := func(err error) error {
		var se *StatementError
		if mode == stopOnError || !errors.As(err, &se) {
			return err
		}
		fmt.Fprintf(s.errOut, "Error: %s\n", oneLine(se.Err))
		return nil
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		prompt := s.promptFirstLine()
		if buf != "" || s.ins.open {
			prompt = promptContinue
		}
		s.pending = buf
		if mode == printAndContinue {
			s.newInput()
		}
		line, err := r.Prompt(prompt)
		switch {
		case errors.Is(err, liner.ErrPromptAborted):
			buf, entered = "", nil
			s.ins.open, s.ins.text = false, ""
			continue
		case errors.Is(err, io.EOF):
			if q, ok := s.flushInsights(); ok && mode == stopOnError {
				if err := s.runInsights(ctx, q); err != nil {
					return &StatementError{Line: lineNo, Statement: q, Err: err}
				}
			}
			if mode == stopOnError && buf != "" {
				// A script's last statement needs no ';'.
				return s.runStatements(ctx, sqlscript.Statements(buf), bufLine)
			}
			return nil
		case err != nil:
			return err
		}
		lineNo++

		if q, complete, took := s.insightsLine(line, buf != ""); took {
			if !complete {
				continue
			}
			r.AppendHistory(strings.Join(strings.Fields(q), " "))
			if err := s.runInsights(ctx, q); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				if err := report(&StatementError{Line: lineNo, Statement: strings.TrimSpace(q), Err: err}); err != nil {
					return err
				}
			}
			continue
		}

		if buf == "" && strings.HasPrefix(strings.TrimSpace(line), ".") {
			cmd := strings.TrimSpace(line)
			r.AppendHistory(cmd)
			err := s.dot(ctx, line)
			if errors.Is(err, errQuit) || ctx.Err() != nil {
				return err
			}
			if err != nil {
				if err := report(&StatementError{Line: lineNo, Statement: cmd, Err: err}); err != nil {
					return err
				}
			}
			continue
		}

		if buf == "" {
			bufLine = lineNo
		}
		buf += line + "\n"
		if strings.TrimSpace(line) != "" {
			entered = append(entered, line)
		}
		stmts, rest := ready(buf)
		err = s.runStatements(ctx, stmts, bufLine)
		if err != nil || rest == "" {
			// Done with this input: all of it ran, or a statement failed
			// and what followed it is dropped.
			remember(r, entered)
			buf, entered = "", nil
			if err := report(err); err != nil {
				return err
			}
			continue
		}
		bufLine += strings.Count(buf[:len(buf)-len(rest)], "\n")
		buf = rest
	}
}

// ready splits buf into the statements that can run now and the open
// statement left to continue ("" when buf ends at a statement boundary).
func ready(buf string) (stmts []sqlscript.Statement, rest string) {
	stmts = sqlscript.Statements(buf)
	if sqlscript.Complete(buf) {
		return stmts, ""
	}
	n := len(stmts)
	for n > 0 && !stmts[n-1].Terminated {
		n--
	}
	if n == 0 {
		return nil, buf
	}
	return stmts[:n], buf[stmts[n-1].End:]
}

// runStatements runs stmts in order and stops at the first failure, which
// it returns as a *StatementError; bufLine is the input line on which the
// statements' text starts.
func (s *shell) runStatements(ctx context.Context, stmts []sqlscript.Statement, bufLine int) error {
	for _, st := range stmts {
		if err := s.execSQL(ctx, st.Text); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return &StatementError{Line: bufLine + st.Line - 1, Statement: st.Text, Err: err}
		}
	}
	return nil
}

// remember adds an entered statement to the history: on one line when that
// keeps its meaning (no -- comment before its last line), else line by line.
func remember(r lineReader, lines []string) {
	if len(lines) == 0 {
		return
	}
	for _, l := range lines[:len(lines)-1] {
		if strings.Contains(l, "--") {
			for _, l := range lines {
				r.AppendHistory(l)
			}
			return
		}
	}
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = strings.TrimSpace(l)
	}
	r.AppendHistory(strings.Join(parts, " "))
}

// scriptReader reads a script line by line with no prompts and no history.
type scriptReader struct {
	r *bufio.Reader
}

func newScriptReader(r io.Reader) *scriptReader {
	return &scriptReader{r: bufio.NewReader(r)}
}

// Prompt returns the next line without its line ending.
func (sr *scriptReader) Prompt(string) (string, error) {
	line, err := sr.r.ReadString('\n')
	if err == io.EOF && line != "" {
		err = nil
	}
	if err != nil {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// AppendHistory does nothing: scripts keep no history.
func (sr *scriptReader) AppendHistory(string) {}
