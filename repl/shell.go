package repl

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/flowduck/flowduck/internal/render"
)

// defaultMaxRows is .maxrows on a terminal: longer results show their head
// and tail around a count.
const defaultMaxRows = 40

// allColumnsHint ends the footer of a table too wide for the terminal.
const allColumnsHint = ".mode line shows all"

// shell is one running shell: its settings, where results go and what it
// knows of the catalog.
type shell struct {
	cfg    Config
	hooks  Hooks
	errOut io.Writer

	// settings changed by dot-commands
	format  render.Format
	headers bool
	null    string
	maxRows int
	timer   bool
	human   bool
	// params are the .param values bound to $NAME placeholders.
	params params
	// results parts the results written to one output (see render.Results);
	// resultsTo is that output's .output file, nil for Streams.Out.
	results   *render.Results
	resultsTo *os.File

	// output is the .output/.once file, or nil for Streams.Out; once
	// closes it after the next result.
	output *os.File
	once   bool

	// width returns the terminal width for results on Streams.Out.
	width func() int
	// interrupt wraps the context of one statement so Ctrl-C cancels it;
	// nil outside the interactive shell.
	interrupt *interrupter

	cat *catalog
	// pending is the open statement the next line continues, for
	// completion.
	pending string
	// lastSQL is the last statement that ran successfully (for .save).
	lastSQL string
	// depth counts nested .read files.
	depth int
	// ins is the Logs Insights state: the mode and the query being read.
	ins insightsState
}

// newShell prepares a shell from cfg with its defaults filled in.
func newShell(cfg Config) (*shell, error) {
	if cfg.Streams == nil {
		return nil, errNoStreams
	}
	if cfg.Session == nil || cfg.Session.Conn == nil {
		return nil, errNoSession
	}
	s := &shell{
		cfg:     cfg,
		hooks:   cfg.Hooks,
		errOut:  cfg.Streams.ErrOut,
		format:  cfg.Format,
		headers: true,
		human:   cfg.Human,
		cat:     &catalog{},
		width:   func() int { return cfg.Streams.Width },
	}
	if s.errOut == nil {
		s.errOut = io.Discard
	}
	if s.format == "" {
		s.format = render.Default(cfg.Streams.IsTTY)
	}
	if cfg.Streams.IsTTY {
		s.maxRows = defaultMaxRows
	}
	return s, nil
}

// close releases the .output file, if any.
func (s *shell) close() error {
	return s.setOutput("", false)
}

// dest returns where the next result goes and the options to render it
// with. Results on the terminal fit its width and are cut to .maxrows;
// results in a file are complete. Consecutive results on one output are
// parted as their format wants (a blank line between csv results).
func (s *shell) dest() (io.Writer, render.Options) {
	opts := render.Options{
		Format:    s.format,
		NoHeaders: !s.headers,
		Null:      s.null,
		Location:  s.cfg.Location,
		Human:     s.human,
	}
	var w io.Writer = s.cfg.Streams.Out
	if s.output != nil {
		w = s.output
	} else if s.cfg.Streams.IsTTY {
		opts.Width = s.width()
		opts.MaxRows = s.maxRows
		opts.Color = s.cfg.Color
		opts.AllColumnsHint = allColumnsHint
	}
	if s.results == nil || s.resultsTo != s.output {
		s.results, s.resultsTo = render.NewResults(w), s.output
	}
	return s.results.Next(opts.Format), opts
}

// newInput starts a new line of terminal input: results after the prompt
// need no separator from those before it.
func (s *shell) newInput() {
	s.results = nil
}

// resultDone is called after each result: a .once file is closed.
func (s *shell) resultDone() error {
	if s.once {
		return s.setOutput("", false)
	}
	return nil
}

// setOutput sends results to the file path ("" for Streams.Out); once
// makes it last for one result.
func (s *shell) setOutput(path string, once bool) error {
	if s.output != nil {
		err := s.output.Close()
		s.output, s.once = nil, false
		if err != nil {
			return fmt.Errorf("close output: %w", err)
		}
	}
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("output %s: %w", path, err)
	}
	s.output, s.once = f, once
	return nil
}

// withInterrupt returns the context one statement or command runs under:
// in the interactive shell Ctrl-C cancels it.
func (s *shell) withInterrupt(ctx context.Context) (context.Context, func()) {
	if s.interrupt == nil {
		return ctx, func() {}
	}
	return s.interrupt.wrap(ctx)
}
