package main

import (
	"context"
	"fmt"
	"io"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/internal/dialect"
	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/render"
	"github.com/flowduck/flowduck/internal/store"
	"github.com/flowduck/flowduck/loader"
	"github.com/flowduck/flowduck/repl"
	"github.com/flowduck/flowduck/schema"
)

// replOptions configure `flowduck repl`.
type replOptions struct {
	g       *globalOptions
	command string
	history string
	output  outputFlag
}

func newREPLCmd(g *globalOptions) *cobra.Command {
	o := &replOptions{g: g}
	cmd := &cobra.Command{
		Use:   "repl",
		Short: "Interactive SQL shell (the default with no command on a terminal)",
		Long: `An interactive SQL shell on one DuckDB connection, with the Athena dialect and the views.
Statements end at ';'. Tab completes SQL keywords, tables, columns, dot-commands, report names
and file paths. Ctrl-C cancels the running query (the shell stays); Ctrl-D exits. Type .help
for the dot-commands. With standard input not a terminal, the input runs as a script
(like duckdb < file.sql) and the first error ends it with exit code 1.`,
		Example: `  flowduck repl
  flowduck repl -c '.tables'
  flowduck repl < investigation.sql`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runREPL(cmd.Context(), o)
		},
	}
	cmd.Flags().StringVarP(&o.command, "command", "c", "", "run one SQL statement or dot-command and exit")
	cmd.Flags().StringVar(&o.history, "history", "", "history file (default in the user config directory)")
	o.output.register(cmd)
	return cmd
}

// runREPL opens the session and runs the shell in the mode the streams call for.
func runREPL(ctx context.Context, o *replOptions) error {
	ropts, err := o.output.options(o.g)
	if err != nil {
		return err
	}
	s, err := o.g.openReadFirst(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if s.Deferred() {
		notice := fmt.Sprintf("database %s does not exist yet: .load SOURCE (or a statement that writes) creates it", s.Path)
		if guess := guessDatabase(s.Path); guess != "" {
			notice += fmt.Sprintf("; did you mean --db %s?", guess)
		}
		fmt.Fprintf(o.g.streams.ErrOut, "flowduck: %s\n", notice)
	}
	cfg := repl.Config{
		Session:     s,
		Streams:     o.g.streams,
		HistoryPath: o.history,
		Format:      ropts.Format,
		Location:    ropts.Location,
		Human:       ropts.Human,
		Color:       ropts.Color,
		Hooks:       shellHooks(s, o.g),
	}
	switch {
	case o.command != "":
		return repl.RunCommand(ctx, cfg, o.command)
	case !o.g.streams.InTTY || !o.g.streams.IsTTY:
		return repl.RunScript(ctx, cfg, o.g.streams.In)
	}
	// The interactive shell handles Ctrl-C itself (it cancels the running
	// statement, not the shell), so it runs on a context SIGINT does not
	// cancel; SIGTERM and SIGHUP still end it.
	shellCtx, stop := signal.NotifyContext(context.WithoutCancel(ctx), syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	return repl.Run(shellCtx, cfg)
}

// shellHooks gives the shell the product's features on its own session.
// The session starts read-only and becomes read-write for .load, .view and
// the first statement that writes (see shellWritable); the hooks use the
// session's connection of the moment.
func shellHooks(s *duck.Session, g *globalOptions) repl.Hooks {
	writable := func(ctx context.Context) error { return shellWritable(ctx, s, g.streams.ErrOut) }
	h := repl.Hooks{
		Writable: writable,
		Load: func(ctx context.Context, sources []string, progress io.Writer) error {
			if err := writable(ctx); err != nil {
				return err
			}
			opts := loader.Options{Sources: sources, Progress: progress, Live: g.streams.ErrTTY, Ignore: s.Files(), Trace: g.trace()}
			remoteOptions{}.wire(&opts, false)
			res, err := loader.Load(ctx, s.Conn, opts)
			if err != nil {
				return err
			}
			printLoadSummaryTo(progress, res)
			return res.Err()
		},
		Files: func(ctx context.Context, w io.Writer, opts render.Options) error {
			return renderModelTable(ctx, s.Conn, store.FilesQuery, w, w, opts)
		},
		Rejects: func(ctx context.Context, w io.Writer, opts render.Options) error {
			return renderModelTable(ctx, s.Conn, store.RejectsQuery, w, w, opts)
		},
		View: func(ctx context.Context, name, layout string) error {
			if err := writable(ctx); err != nil {
				return err
			}
			return createView(ctx, s.Conn, name, layout)
		},
		Layouts: schema.LayoutNames,
		Fields: func(ctx context.Context, w io.Writer, opts render.Options) error {
			return renderCatalog(ctx, w, opts)
		},
		Rewrite: func(ctx context.Context, stmt string) (string, error) {
			return dialect.Rewrite(ctx, s.Conn, stmt)
		},
	}
	addReportHooks(&h, s, g)
	addInsightsHook(&h, s)
	return h
}
