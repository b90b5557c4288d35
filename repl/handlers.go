package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/flowduck/flowduck/internal/render"
)

// maxReadDepth bounds .read files reading each other.
const maxReadDepth = 16

// outputHook is a hook that writes a result (.files, .rejects, ...).
type outputHook = func(ctx context.Context, w io.Writer, opts render.Options) error

// hookOutput makes the handler of a dot-command that writes the result of
// the hook pick chooses to the current output.
func hookOutput(name string, pick func(Hooks) outputHook) func(*shell, context.Context, []string) error {
	return func(s *shell, ctx context.Context, _ []string) error {
		hook := pick(s.hooks)
		if hook == nil {
			return unavailable(name)
		}
		w, opts := s.dest()
		return errors.Join(hook(ctx, w, opts), s.resultDone())
	}
}

// cmdHelp lists the commands, or describes the one named.
func (s *shell) cmdHelp(_ context.Context, args []string) error {
	list := commands
	if len(args) == 1 {
		cmd, ok := lookupCommand(strings.TrimPrefix(args[0], "."))
		if !ok {
			return unknownCommand(strings.TrimPrefix(args[0], "."))
		}
		list = []command{*cmd}
	}
	tw := tabwriter.NewWriter(s.cfg.Streams.Out, 0, 0, 2, ' ', 0)
	for _, c := range list {
		help := c.help
		if len(c.names) > 1 {
			help += " (also ." + strings.Join(c.names[1:], ", .") + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\n", c.usage(), help)
	}
	if len(args) == 0 {
		fmt.Fprintf(tw, "SQL;\tany DuckDB or Athena statement, ended by ';'\n")
	}
	return tw.Flush()
}

// tablesQuery lists the tables and views, named as a query would name them.
const tablesQuery = `
SELECT CASE WHEN schema_name = 'main' THEN table_name ELSE schema_name || '.' || table_name END AS name,
       'table' AS type, column_count AS columns, estimated_size AS rows
FROM duckdb_tables()
UNION ALL
SELECT CASE WHEN schema_name = 'main' THEN view_name ELSE schema_name || '.' || view_name END,
       'view', column_count, NULL
FROM duckdb_views() WHERE NOT internal
ORDER BY name`

// cmdTables lists the tables and views.
func (s *shell) cmdTables(ctx context.Context, _ []string) error {
	return s.renderQuery(ctx, tablesQuery)
}

// renderQuery runs a query of the shell's own and renders its result.
func (s *shell) renderQuery(ctx context.Context, query string, args ...any) error {
	rows, err := s.cfg.Session.Conn.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	w, opts := s.dest()
	_, err = render.Rows(ctx, w, rows, opts)
	return errors.Join(err, rows.Close(), s.resultDone())
}

// cmdMode shows or sets the output format.
func (s *shell) cmdMode(_ context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprintf(s.cfg.Streams.Out, "%s (available: %s)\n", s.format, strings.Join(render.Names(), ", "))
		if s.ins.mode {
			fmt.Fprintln(s.cfg.Streams.Out, "statements are Logs Insights queries (.mode sql reads SQL again)")
		}
		return nil
	}
	if s.setLanguage(args[0]) {
		return nil
	}
	f, err := render.ParseFormat(args[0])
	if err != nil {
		return err
	}
	s.format = f
	return nil
}

// cmdMaxRows sets how many rows a terminal result shows.
func (s *shell) cmdMaxRows(_ context.Context, args []string) error {
	n, err := strconv.Atoi(args[0])
	if err != nil || n < 0 {
		return fmt.Errorf("maxrows: %q is not a number of rows (0 shows all)", args[0])
	}
	s.maxRows = n
	return nil
}

// setBool sets a switch from on/off (or true/false, yes/no, 1/0).
func setBool(dst *bool, name, value string) error {
	switch strings.ToLower(value) {
	case "on", "true", "yes", "1":
		*dst = true
	case "off", "false", "no", "0":
		*dst = false
	default:
		return fmt.Errorf("%s: want on or off, not %q", name, value)
	}
	return nil
}

// cmdRead runs a file of statements and commands, stopping at its first
// error.
func (s *shell) cmdRead(ctx context.Context, args []string) error {
	if s.depth >= maxReadDepth {
		return fmt.Errorf("read %s: .read nested more than %d deep", args[0], maxReadDepth)
	}
	f, err := os.Open(args[0])
	if err != nil {
		return fmt.Errorf("read %s: %w", args[0], err)
	}
	defer f.Close()
	s.depth++
	defer func() { s.depth-- }()
	err = s.loop(ctx, newScriptReader(f), stopOnError)
	if err == nil || errors.Is(err, errQuit) {
		return nil
	}
	return fmt.Errorf("read %s: %w", args[0], err)
}

// cmdLoad loads flow-log sources, with progress on stderr.
func (s *shell) cmdLoad(ctx context.Context, args []string) error {
	if s.hooks.Load == nil {
		return unavailable("load")
	}
	defer s.cat.invalidate()
	return s.hooks.Load(ctx, args, s.errOut)
}

// cmdView creates an Athena-layout view.
func (s *shell) cmdView(ctx context.Context, args []string) error {
	if s.hooks.View == nil {
		return unavailable("view")
	}
	defer s.cat.invalidate()
	return s.hooks.View(ctx, args[0], args[1])
}

// cmdRun runs a saved report.
func (s *shell) cmdRun(ctx context.Context, args []string) error {
	if s.hooks.RunReport == nil {
		return unavailable("run")
	}
	w, opts := s.dest()
	return errors.Join(s.hooks.RunReport(ctx, args[0], args[1:], w, opts), s.resultDone())
}

// cmdWhy explains the traffic between two endpoints.
func (s *shell) cmdWhy(ctx context.Context, args []string) error {
	if s.hooks.Why == nil {
		return unavailable("why")
	}
	w, opts := s.dest()
	return errors.Join(s.hooks.Why(ctx, args, w, opts), s.resultDone())
}

// cmdDetect runs the detections and prints the summary on the error output.
func (s *shell) cmdDetect(ctx context.Context, args []string) error {
	if s.hooks.Detect == nil {
		return unavailable("detect")
	}
	w, opts := s.dest()
	summary, err := s.hooks.Detect(ctx, args, w, opts)
	if err == nil {
		fmt.Fprintln(s.errOut, summary)
	}
	return errors.Join(err, s.resultDone())
}

// cmdSave saves the last statement that ran as a report.
func (s *shell) cmdSave(_ context.Context, args []string) error {
	if s.hooks.SaveReport == nil {
		return unavailable("save")
	}
	if s.lastSQL == "" {
		return errors.New("save: no statement to save yet; run one first")
	}
	path, err := s.hooks.SaveReport(args[0], s.lastSQL)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.errOut, "saved report %s to %s\n", args[0], path)
	return nil
}
