package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/internal/dialect"
	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/render"
	"github.com/flowduck/flowduck/internal/sqlscript"
	"github.com/flowduck/flowduck/internal/store"
)

// sqlOptions configure `flowduck sql`.
type sqlOptions struct {
	g      *globalOptions
	query  string
	file   string
	output outputFlag
}

func newSQLCmd(g *globalOptions) *cobra.Command {
	opts := &sqlOptions{g: g}
	cmd := &cobra.Command{
		Use:   "sql [QUERY | -f FILE]",
		Short: "Run SQL (Athena dialect) against the database",
		Long: `Run one or more SQL statements, separated by ';', and print each result.
The query comes from the argument, from -f FILE, or from standard input.
Athena/Presto functions (from_unixtime, date_format, contains(cidr, ip), ...) work unchanged.`,
		Example: `  flowduck sql "SELECT action, count(*) FROM vpc_flow_logs GROUP BY action"
  flowduck sql -f top-talkers.sql -o json
  echo "SELECT 42 AS answer" | flowduck sql`,
		Args: rangeArgs(0, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.query = args[0]
			}
			return runSQL(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.file, "file", "f", "", "read SQL from `FILE` (- for standard input)")
	opts.output.register(cmd)
	return cmd
}

// runSQL reads the statements and runs them in order on one connection.
func runSQL(ctx context.Context, opts *sqlOptions) error {
	text, err := opts.text()
	if err != nil {
		return err
	}
	statements := sqlscript.Split(text)
	if len(statements) == 0 {
		return usagef("no SQL statement given")
	}
	ropts, err := opts.output.options(opts.g)
	if err != nil {
		return err
	}
	s, err := opts.g.openReadFirst(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := accessFor(ctx, s, statements, opts.g.streams.ErrOut); err != nil {
		return err
	}
	results := render.NewResults(opts.g.streams.Out) // a blank line between csv results
	for i, stmt := range statements {
		out := results.Next(ropts.Format)
		err := runStatement(ctx, s, stmt, out, ropts)
		if duck.IsReadOnlyError(err) && s.ReadOnly() {
			if err = writable(ctx, s, opts.g.streams.ErrOut); err == nil {
				err = runStatement(ctx, s, stmt, out, ropts)
			}
		}
		if err != nil {
			err = withLoadHint(ctx, s, err)
			if len(statements) > 1 {
				return fmt.Errorf("statement %d of %d: %w", i+1, len(statements), err)
			}
			return err
		}
	}
	return nil
}

// runStatement runs one statement and renders its result, if it has one.
func runStatement(ctx context.Context, s *duck.Session, stmt string, w io.Writer, ropts render.Options) error {
	rows, err := dialect.Query(ctx, s.Conn, stmt)
	if err != nil || rows == nil {
		return err
	}
	defer rows.Close()
	ropts.SQL = stmt // shown under the result by the html format
	if _, err := render.Rows(ctx, w, rows, ropts); err != nil {
		return dialect.ExplainError(err)
	}
	return nil
}

// withLoadHint adds a hint to a failed statement's error when nothing has
// been loaded into the database yet (so vpc_flow_logs does not exist).
func withLoadHint(ctx context.Context, s *duck.Session, err error) error {
	if ctx.Err() != nil {
		return err
	}
	if loaded, xerr := store.Exists(ctx, s.Conn); xerr != nil || loaded {
		return err
	}
	return fmt.Errorf("%w (%w)", err, store.NothingLoadedIn(s.Path))
}

// text returns the SQL from the argument, the file or standard input.
func (o *sqlOptions) text() (string, error) {
	return queryText(o.g.streams, o.query, o.file, "no SQL statement")
}
