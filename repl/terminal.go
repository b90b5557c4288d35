package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/peterh/liner"
	"golang.org/x/term"
)

// interactive runs the shell on the terminal: line editing, history,
// completion, and Ctrl-C cancelling the running statement.
func (s *shell) interactive(ctx context.Context) error {
	line := liner.NewLiner()
	defer line.Close()
	line.SetCtrlCAborts(true)
	line.SetTabCompletionStyle(liner.TabPrints)
	line.SetWordCompleter(func(text string, pos int) (string, []string, string) {
		return s.complete(ctx, text, pos)
	})

	history, err := historyPath(s.cfg.HistoryPath)
	if err != nil {
		fmt.Fprintf(s.errOut, "warning: no history: %s\n", err)
	} else if err := readHistory(line, history); err != nil {
		fmt.Fprintf(s.errOut, "warning: %s\n", err)
	}

	s.interrupt = newInterrupter()
	defer s.interrupt.stop()
	if f, ok := s.cfg.Streams.Out.(interface{ Fd() uintptr }); ok {
		s.width = func() int {
			if w, _, err := term.GetSize(int(f.Fd())); err == nil {
				return w
			}
			return s.cfg.Streams.Width
		}
	}

	fmt.Fprintf(s.errOut, "flowduck shell on %s: end statements with ';', .help for commands, Ctrl-D to quit\n", s.cfg.Session.Path)
	err = s.loop(ctx, &asyncReader{ctx: ctx, r: line}, printAndContinue)
	if history != "" {
		if herr := writeHistory(line, history); herr != nil {
			fmt.Fprintf(s.errOut, "warning: %s\n", herr)
		}
	}
	if err == nil { // Ctrl-D: end the prompt's line
		fmt.Fprintln(s.cfg.Streams.Out)
	}
	if errors.Is(err, errQuit) {
		return nil
	}
	return err
}

// asyncReader prompts in a goroutine so that cancelling ctx ends the shell
// even while it waits for input.
type asyncReader struct {
	ctx context.Context
	r   lineReader
}

type promptResult struct {
	line string
	err  error
}

// Prompt returns the next line, or ctx's error once it is done.
func (a *asyncReader) Prompt(prompt string) (string, error) {
	ch := make(chan promptResult, 1)
	go func() {
		line, err := a.r.Prompt(prompt)
		ch <- promptResult{line, err}
	}()
	select {
	case res := <-ch:
		return res.line, res.err
	case <-a.ctx.Done():
		return "", a.ctx.Err()
	}
}

// AppendHistory adds item to the history.
func (a *asyncReader) AppendHistory(item string) { a.r.AppendHistory(item) }

// historyPath returns the history file: path, or
// os.UserConfigDir()/flowduck/history. Its directory is created.
func historyPath(path string) (string, error) {
	if path == "" {
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("find history directory: %w", err)
		}
		path = filepath.Join(dir, "flowduck", "history")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", fmt.Errorf("create history directory: %w", err)
	}
	return path, nil
}

// readHistory loads the history file, if there is one.
func readHistory(line *liner.State, path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read history %s: %w", path, err)
	}
	defer f.Close()
	if _, err := line.ReadHistory(f); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read history %s: %w", path, err)
	}
	return nil
}

// writeHistory saves the history file.
func writeHistory(line *liner.State, path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("write history %s: %w", path, err)
	}
	if _, err := line.WriteHistory(f); err != nil {
		f.Close()
		return fmt.Errorf("write history %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write history %s: %w", path, err)
	}
	return nil
}
