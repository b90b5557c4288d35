package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/internal/render"
	"github.com/flowduck/flowduck/internal/store"
)

func init() { commands = append(commands, newFilesCmd, newRejectsCmd) }

// tableOptions configure the commands that print one of flowduck's tables.
type tableOptions struct {
	g      *globalOptions
	output outputFlag
	limit  int
}

func newFilesCmd(g *globalOptions) *cobra.Command {
	o := &tableOptions{g: g}
	cmd := &cobra.Command{
		Use:   "files",
		Short: "List the loaded files: path, format, records, rejects",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return printTable(cmd.Context(), o, FilesQuery)
		},
	}
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
			q := RejectsQuery
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

// FilesQuery lists the manifest.
const FilesQuery = `SELECT path, format, records, rejects, size, mtime, etag, loaded_at
FROM ` + store.FilesTable + ` ORDER BY path`

// RejectsQuery lists the rejected lines.
const RejectsQuery = `SELECT path, line, reason, text
FROM ` + store.RejectsTable + ` ORDER BY path, line`

// printTable renders one of flowduck's tables; before any load it says so.
func printTable(ctx context.Context, o *tableOptions, query string) error {
	ropts, err := o.output.options(o.g)
	if err != nil {
		return err
	}
	s, err := o.g.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	ok, err := store.Exists(ctx, s.Conn)
	if err != nil {
		return err
	}
	if !ok {
		fmt.Fprintf(o.g.streams.ErrOut, "nothing loaded yet in %s: run 'flowduck load SOURCE'\n", s.Path)
		return nil
	}
	rows, err := s.Conn.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	_, err = render.Rows(ctx, o.g.streams.Out, rows, ropts)
	return err
}
