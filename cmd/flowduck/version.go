package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/internal/duck"
)

func newVersionCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the versions of flowduck, DuckDB and Go (also --version)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return printVersion(cmd.Context(), g.streams.Out)
		},
	}
}

// printVersion writes flowduck's version, the DuckDB library's and Go's,
// one a line.
func printVersion(ctx context.Context, w io.Writer) error {
	info, _ := debug.ReadBuildInfo()
	dv, err := duck.Version(ctx)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "flowduck %s\nDuckDB %s\nGo %s %s/%s\n", buildVersion(info), dv, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return err
}

// buildVersion is flowduck's version from its build information: the
// module version of a released build (go install ...@v1.2.3), else the
// version control revision it was built from ("devel abc1234def56",
// "+modified" when the tree had changes), else "devel".
func buildVersion(info *debug.BuildInfo) string {
	if info == nil {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+modified"
			}
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	return "devel " + rev + modified
}
