package main

import (
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/iostreams"
)

// globalOptions are the flags every command shares.
type globalOptions struct {
	streams *iostreams.IOStreams
	getenv  func(string) string

	dbPath string
	tz     string
}

// dbFile resolves the database path: --db, then FLOWDUCK_DB, then the default.
func (g *globalOptions) dbFile() string {
	if g.dbPath != "" {
		return g.dbPath
	}
	if env := g.getenv("FLOWDUCK_DB"); env != "" {
		return env
	}
	return duck.DefaultPath
}

// trace is where the loader traces its steps: standard error when
// FLOWDUCK_TRACE is set, else nil (no trace).
func (g *globalOptions) trace() io.Writer {
	if g.getenv("FLOWDUCK_TRACE") == "" {
		return nil
	}
	return g.streams.ErrOut
}

// location is the time zone timestamps are shown in.
func (g *globalOptions) location() (*time.Location, error) {
	if g.tz == "" {
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(g.tz)
	if err != nil {
		return nil, usagef("--tz %q: unknown time zone; use an IANA name such as UTC or Europe/Paris", g.tz)
	}
	return loc, nil
}

// newRootCmd builds the command tree.
func newRootCmd(streams *iostreams.IOStreams, getenv func(string) string) *cobra.Command {
	g := &globalOptions{streams: streams, getenv: getenv}
	root := &cobra.Command{
		Use:   "flowduck",
		Short: "Offline analysis of AWS VPC Flow Logs with Athena's SQL on an embedded DuckDB",
		Long: `flowduck loads AWS VPC Flow Logs (local files, directories, globs or s3://, plain text,
gzip or Parquet, any field version 2-11, CloudWatch Logs exports) into a DuckDB database
whose views carry Amazon Athena's table and column names, so the SQL you run in Athena
runs here unchanged.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          noArgs,
	}
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err: err} })
	root.PersistentFlags().StringVar(&g.dbPath, "db", "", "database file (default $FLOWDUCK_DB or ./"+duck.DefaultPath+"; :memory: for none)")
	root.PersistentFlags().StringVar(&g.tz, "tz", "", "time zone for displayed timestamps (default UTC)")
	version := root.Flags().Bool("version", false, "print the versions of flowduck, DuckDB and Go")
	for _, newCmd := range commands() {
		root.AddCommand(newCmd(g))
	}
	// With no command: the shell on a terminal, a script from piped standard
	// input (like duckdb < file.sql), else the help.
	root.RunE = func(cmd *cobra.Command, _ []string) error {
		if *version {
			return printVersion(cmd.Context(), streams.Out)
		}
		if (streams.InTTY && streams.IsTTY) || !streams.InTTY {
			if repl, _, err := root.Find([]string{"repl"}); err == nil && repl != root {
				repl.SetContext(cmd.Context())
				return repl.RunE(repl, nil)
			}
		}
		return cmd.Help()
	}
	return root
}

// commands lists the subcommands, one constructor per command file: the one
// place a command is registered.
func commands() []func(*globalOptions) *cobra.Command {
	return []func(*globalOptions) *cobra.Command{
		newCheckCmd,
		newDemoCmd,
		newDetectCmd,
		newExportCmd,
		newFilesCmd,
		newHTMLCmd,
		newInsightsCmd,
		newRejectsCmd,
		newLoadCmd,
		newREPLCmd,
		newReportsCmd,
		newRunCmd,
		newSchemaCmd,
		newSQLCmd,
		newViewCmd,
		newVersionCmd,
		newWhyCmd,
	}
}

// noArgs rejects positional arguments as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("unknown command %q for %q", args[0], cmd.CommandPath())
	}
	return nil
}

// exactArgs requires n positional arguments.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s takes %d argument(s), got %d", cmd.CommandPath(), n, len(args))
		}
		return nil
	}
}

// rangeArgs requires between min and max positional arguments.
func rangeArgs(min, max int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < min || len(args) > max {
			if min == max {
				return exactArgs(min)(cmd, args)
			}
			return usagef("%s takes %d to %d arguments, got %d", cmd.CommandPath(), min, max, len(args))
		}
		return nil
	}
}

// minArgs requires at least n positional arguments.
func minArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usagef("%s needs at least %d %s", cmd.CommandPath(), n, what)
		}
		return nil
	}
}
