package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/internal/render"
	"github.com/flowduck/flowduck/internal/store"
)

// tableOptions configure the commands that print one of flowduck's tables.
type tableOptions struct {
	g       *globalOptions
	output  outputFlag
	limit   int
	skipped bool
}

func newFilesCmd(g *globalOptions) *cobra.Command {
	o := &tableOptions{g: g}
	cmd := &cobra.Command{
		Use:   "files",
		Short: "List the loaded files: path, format, records, rejects",
		Long: `List the manifest: every loaded file with its format, records and rejects. Files
found inside a directory that are not flow logs are listed too, with format "skipped";
--skipped lists only those, with the reason.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.skipped {
				return printTable(cmd.Context(), o, store.SkippedFilesQuery)
			}
			return printTable(cmd.Context(), o, store.FilesQuery)
		},
	}
	cmd.Flags().BoolVar(&o.skipped, "skipped", false, "list only the files skipped for their content, with the reason")
	o.output.register(cmd)
	return cmd
}

func newRejectsCmd(g *globalOptions) *cobra.Command {
	o := &tableOptions{g: g}
	cmd := &cobra.Command{
		Use:   "rejects",
		Short: "Show the lines that could not be loaded, verbatim, with file, line and reason",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			q := store.RejectsQuery
			if o.limit > 0 {
				q += fmt.Sprintf(" LIMIT %d", o.limit)
			}
			return printTable(cmd.Context(), o, q)
		},
	}
	cmd.Flags().IntVar(&o.limit, "limit", 0, "show at most N lines (default all)")
	o.output.register(cmd)
	return cmd
}

// printTable renders one of flowduck's tables.
func printTable(ctx context.Context, o *tableOptions, query string) error {
	ropts, err := o.output.options(o.g)
	if err != nil {
		return err
	}
	s, err := o.g.openReader(ctx, true)
	if err != nil {
		return err
	}
	defer s.Close()
	if query == store.SkippedFilesQuery {
		// A database no load of this version has touched has no skipped files.
		if ok, err := store.HasColumn(ctx, s.Conn, store.FilesTable, "skipped"); err != nil || !ok {
			return err
		}
	}
	return renderModelTable(ctx, s.Conn, query, o.g.streams.Out, o.g.streams.ErrOut, ropts)
}

// renderModelTable renders a query over flowduck's tables; before any load
// it says so on errOut instead.
func renderModelTable(ctx context.Context, conn *sql.Conn, query string, w, errOut io.Writer, ropts render.Options) error {
	if err := store.RequireLoaded(ctx, conn); errors.Is(err, store.ErrNothingLoaded) {
		fmt.Fprintln(errOut, err)
		return nil
	} else if err != nil {
		return err
	}
	rows, err := conn.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	_, err = render.Rows(ctx, w, rows, ropts)
	return err
}
