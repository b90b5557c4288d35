package main

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/internal/store"
	"github.com/flowduck/flowduck/schema"
)

// viewOptions configure `flowduck view`.
type viewOptions struct {
	g      *globalOptions
	layout string
}

func newViewCmd(g *globalOptions) *cobra.Command {
	o := &viewOptions{g: g}
	cmd := &cobra.Command{
		Use:   "view NAME --layout LAYOUT",
		Short: "Create a view of the loaded data in an Athena table layout",
		Long: `Create (or replace) view NAME over the loaded records, with the column names and
partition columns of an Athena table layout, so queries written for that table run
unchanged. The view is also visible as "default".NAME and is kept up to date by later loads.

Layouts:
` + layoutHelp(),
		Example: `  flowduck view vpc_flow_logs --layout legacy
  flowduck view test_table_vpclogs --layout projection`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := schema.LookupLayout(o.layout); err != nil {
				return &usageError{err: err}
			}
			if err := store.CheckViewName(args[0]); err != nil {
				return &usageError{err: fmt.Errorf("view %s: %w", args[0], err)}
			}
			return runView(cmd.Context(), g, args[0], o.layout)
		},
	}
	cmd.Flags().StringVar(&o.layout, "layout", "current", "table layout: "+joinNames(schema.LayoutNames()))
	return cmd
}

// runView creates the view in one transaction.
func runView(ctx context.Context, g *globalOptions, name, layout string) error {
	s, err := g.openPlain(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := createView(ctx, s.Conn, name, layout); err != nil {
		return err
	}
	fmt.Fprintf(g.streams.ErrOut, "created view %s (layout %s), also as \"default\".%s\n", name, layout, name)
	return nil
}

// createView creates the layout view in one transaction.
func createView(ctx context.Context, conn *sql.Conn, name, layout string) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("view %s: %w", name, err)
	}
	if err := store.CreateView(ctx, tx, name, layout); err != nil {
		_ = tx.Rollback()
		return fmt.Errorf("view %s: %w", name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("view %s: %w", name, err)
	}
	return nil
}

// layoutHelp lists the layouts with their descriptions.
func layoutHelp() string {
	out := ""
	for _, l := range schema.Layouts {
		out += fmt.Sprintf("  %-11s %s\n", l.Name, l.Doc)
	}
	return out
}
