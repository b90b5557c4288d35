package repl

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/flowduck/flowduck/internal/render"
)

// command is one dot-command. The table commands is its only declaration:
// .help, argument checking, completion and "did you mean" derive from it.
type command struct {
	// names are the command's names without the dot; the first is its name,
	// the others aliases.
	names []string
	// args is the argument synopsis shown by .help.
	args string
	// help is the one-line description shown by .help.
	help string
	// minArgs and maxArgs bound the number of arguments; maxArgs -1 means
	// any number.
	minArgs, maxArgs int
	// complete returns the candidates for argument i, given the arguments
	// before it and the partial word; nil completes nothing.
	complete argCompleter
	// run does the command; it has the form of a *shell method expression.
	run func(s *shell, ctx context.Context, args []string) error
	// timed commands do work worth timing: .timer on reports their run time
	// as it does a statement's.
	timed bool
}

// argCompleter returns the completions of word as argument i of a command
// whose earlier arguments are prior.
type argCompleter func(ctx context.Context, s *shell, i int, prior []string, word string) []string

// commands is the table of dot-commands, in the order .help lists them. It
// is filled in init because .help reads it.
var commands []command

func init() {
	commands = []command{
		{names: []string{"help"}, args: "[COMMAND]", help: "list the commands, or show one", maxArgs: 1,
			complete: completeCommandNames, run: (*shell).cmdHelp},
		{names: []string{"quit", "exit"}, help: "leave the shell (Ctrl-D does too)",
			run: func(*shell, context.Context, []string) error { return errQuit }},
		{names: []string{"tables"}, help: "list the tables and views", run: (*shell).cmdTables},
		{names: []string{"schema"}, args: "[NAME]", help: "show the CREATE statement of every table and view, or of NAME (LIKE pattern)",
			maxArgs: 1, complete: completeTables, run: (*shell).cmdSchema},
		{names: []string{"fields"}, help: "the flow-log field catalog: AWS names, Athena columns, types; then the flows view's decoded columns",
			run: hookOutput("fields", func(h Hooks) outputHook { return h.Fields })},
		{names: []string{"mode"}, args: "[FORMAT|insights|sql]", help: "show or set the output format (" + strings.Join(render.Names(), ", ") + "), or read statements as Logs Insights (insights) or SQL (sql)",
			maxArgs: 1, complete: fixedWords(append(render.Names(), "insights", "sql")...), run: (*shell).cmdMode},
		{names: []string{"headers"}, args: "on|off", help: "show or hide column headers", minArgs: 1, maxArgs: 1,
			complete: fixedWords("on", "off"), run: func(s *shell, _ context.Context, args []string) error { return setBool(&s.headers, "headers", args[0]) }},
		{names: []string{"nullvalue"}, args: "TEXT", help: "show NULL as TEXT in table, markdown and line output", minArgs: 1, maxArgs: 1,
			run: func(s *shell, _ context.Context, args []string) error { s.null = args[0]; return nil }},
		{names: []string{"maxrows"}, args: "N", help: "show at most N rows on the terminal, head and tail (0: all)", minArgs: 1, maxArgs: 1,
			run: (*shell).cmdMaxRows},
		{names: []string{"human"}, args: "on|off", help: "show byte and count columns of tables in human units (1.5 GiB, 3.4k)", minArgs: 1, maxArgs: 1,
			complete: fixedWords("on", "off"), run: func(s *shell, _ context.Context, args []string) error { return setBool(&s.human, "human", args[0]) }},
		{names: []string{"timer"}, args: "on|off", help: "print the elapsed time after each statement, .run and .load", minArgs: 1, maxArgs: 1,
			complete: fixedWords("on", "off"), run: func(s *shell, _ context.Context, args []string) error { return setBool(&s.timer, "timer", args[0]) }},
		{names: []string{"read"}, args: "FILE", help: "run the statements and commands in FILE", minArgs: 1, maxArgs: 1,
			complete: completeFiles, run: (*shell).cmdRead},
		{names: []string{"output"}, args: "[FILE]", help: "send results to FILE, or back to the terminal without one", maxArgs: 1,
			complete: completeFiles, run: func(s *shell, _ context.Context, args []string) error { return s.setOutput(argOr(args, 0, ""), false) }},
		{names: []string{"once"}, args: "FILE", help: "send the next result to FILE", minArgs: 1, maxArgs: 1,
			complete: completeFiles, run: func(s *shell, _ context.Context, args []string) error { return s.setOutput(args[0], true) }},
		{names: []string{"load"}, args: "SOURCE...", help: "load flow logs: files, directories, globs, s3://bucket/prefix", minArgs: 1, maxArgs: -1,
			complete: completeFiles, run: (*shell).cmdLoad, timed: true},
		{names: []string{"files"}, help: "the loaded files: path, format, records, rejects",
			run: hookOutput("files", func(h Hooks) outputHook { return h.Files })},
		{names: []string{"rejects"}, help: "the lines that could not be loaded, with file, line and reason",
			run: hookOutput("rejects", func(h Hooks) outputHook { return h.Rejects })},
		{names: []string{"view"}, args: "NAME LAYOUT", help: "create view NAME with an Athena table layout", minArgs: 2, maxArgs: 2,
			complete: completeLayouts, run: (*shell).cmdView},
		{names: []string{"reports"}, help: "list the saved reports and their parameters",
			run: hookOutput("reports", func(h Hooks) outputHook { return h.Reports })},
		{names: []string{"run"}, args: "NAME [k=v...]", help: "run a saved report", minArgs: 1, maxArgs: -1,
			complete: completeReportArgs, run: (*shell).cmdRun, timed: true},
		{names: []string{"param"}, args: "set NAME VALUE | list | clear [NAME]", help: "set, list or clear the parameters bound to $NAME in statements",
			minArgs: 1, maxArgs: 3, complete: completeParam, run: (*shell).cmdParam},
		{names: []string{"save"}, args: "NAME", help: "save the last statement as report NAME", minArgs: 1, maxArgs: 1,
			complete: completeReportNames, run: (*shell).cmdSave},
		{names: []string{"why"}, args: "SRC DST [port=P] [protocol=tcp|udp|icmp] [k=v...]",
			help: "both directions between two endpoints, with a verdict per port and the records it rests on", minArgs: 2, maxArgs: -1,
			complete: fixedWordsAfter(2, "port=", "protocol=tcp", "protocol=udp", "protocol=icmp"), run: (*shell).cmdWhy, timed: true},
		{names: []string{"detect"}, args: "[severity=LEVEL] [only=NAME,...] [ioc=FILE] [k=v...]",
			help: "run every detection (or only=...): findings, highest severity first, and a summary line", maxArgs: -1,
			complete: fixedWordsAfter(0, "severity=", "only=", "ioc=", "since=", "until="), run: (*shell).cmdDetect, timed: true},
		{names: []string{"insights"}, args: "QUERY...", help: "run a CloudWatch Logs Insights query; it ends at a blank line or ';'",
			maxArgs: -1, run: (*shell).cmdInsights},
	}
}

// lookupCommand returns the command called name (without the dot).
func lookupCommand(name string) (*command, bool) {
	for i := range commands {
		if slices.Contains(commands[i].names, name) {
			return &commands[i], true
		}
	}
	return nil, false
}

// commandNames returns every name and alias, with the dot.
func commandNames() []string {
	var names []string
	for _, c := range commands {
		for _, n := range c.names {
			names = append(names, "."+n)
		}
	}
	return names
}

// usage returns the command's synopsis, e.g. ".mode [FORMAT]".
func (c *command) usage() string {
	u := "." + c.names[0]
	if c.args != "" {
		u += " " + c.args
	}
	return u
}

// dot runs one dot-command line.
func (s *shell) dot(ctx context.Context, line string) error {
	args, err := splitArgs(strings.TrimSpace(line))
	if err != nil {
		return err
	}
	name := strings.TrimPrefix(args[0], ".")
	args = args[1:]
	cmd, ok := lookupCommand(name)
	if !ok {
		return unknownCommand(name)
	}
	if len(args) < cmd.minArgs || cmd.maxArgs >= 0 && len(args) > cmd.maxArgs {
		return fmt.Errorf("usage: %s", cmd.usage())
	}
	ctx, done := s.withInterrupt(ctx)
	defer done()
	start := time.Now()
	if err := cmd.run(s, ctx, args); err != nil {
		return interrupted(ctx, err)
	}
	if cmd.timed {
		s.reportTime(start)
	}
	return nil
}

// unknownCommand says that .name does not exist and suggests the closest
// command.
func unknownCommand(name string) error {
	if best := closest(name, commandNames()); best != "" {
		return fmt.Errorf("unknown command .%s; did you mean %s?", name, best)
	}
	return fmt.Errorf("unknown command .%s; .help lists the commands", name)
}

// errUnavailable marks a dot-command whose feature is not wired in.
var errUnavailable = errors.New("is not available in this shell")

// unavailable reports that .name's feature is missing.
func unavailable(name string) error {
	return fmt.Errorf(".%s %w", name, errUnavailable)
}

// argOr returns args[i], or def when there are fewer arguments.
func argOr(args []string, i int, def string) string {
	if i < len(args) {
		return args[i]
	}
	return def
}

// splitArgs splits a dot-command line into words; '...' and "..." quote a
// word containing spaces.
func splitArgs(line string) ([]string, error) {
	var (
		args  []string
		cur   strings.Builder
		quote rune
		in    bool
	)
	for _, r := range line {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				args = append(args, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unterminated %c in %s", quote, line)
	}
	if in {
		args = append(args, cur.String())
	}
	if len(args) == 0 {
		return nil, errors.New("empty command")
	}
	return args, nil
}
