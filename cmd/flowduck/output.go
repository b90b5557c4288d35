package main

import (
	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/internal/render"
)

// outputFlag is the -o/--output flag shared by every command that prints data.
type outputFlag struct {
	format string
	human  bool
}

// register adds -o and --human to cmd, with completion from the render
// registry.
func (o *outputFlag) register(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&o.format, "output", "o", "", "output format: "+joinNames(render.Names())+" (default table on a terminal, csv otherwise)")
	cmd.Flags().BoolVar(&o.human, "human", false, "show byte and count columns of tables in human units (1.5 GiB, 3.4k); csv and json stay exact")
	_ = cmd.RegisterFlagCompletionFunc("output", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return render.Names(), cobra.ShellCompDirectiveNoFileComp
	})
}

// options resolves the flag into render options for the command's streams:
// colour (in charts) only on a terminal and without NO_COLOR.
func (o *outputFlag) options(g *globalOptions) (render.Options, error) {
	format := render.Default(g.streams.IsTTY)
	if o.format != "" {
		f, err := render.ParseFormat(o.format)
		if err != nil {
			return render.Options{}, &usageError{err: err}
		}
		format = f
	}
	loc, err := g.location()
	if err != nil {
		return render.Options{}, err
	}
	color := g.streams.IsTTY && g.getenv("NO_COLOR") == ""
	return render.Options{Format: format, Width: g.streams.Width, AllColumnsHint: "-o line shows all", Location: loc, Human: o.human, Color: color}, nil
}

// joinNames joins names with "|".
func joinNames(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += "|"
		}
		out += n
	}
	return out
}
