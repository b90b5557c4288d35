package main

import (
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/flowduck/flowduck/internal/iostreams"
)

// TestExitCodes checks the one place errors become exit codes: 0 ok,
// 1 error, 2 usage, 130 cancelled; errors are one line on stderr.
func TestExitCodes(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string            // regexp
		env    map[string]string // the environment; none when nil
	}{
		{"ok", []string{"--db", ":memory:", "sql", "select 1"}, exitOK, `^$`, nil},
		{"sql error", []string{"--db", ":memory:", "sql", "select * from nope"}, exitError, `^flowduck: Catalog Error: Table with name nope does not exist! .*\n$`, nil},
		{"unknown command", []string{"bogus"}, exitUsage, `unknown command "bogus"`, nil},
		{"unknown flag", []string{"sql", "--bogus"}, exitUsage, `unknown flag: --bogus`, nil},
		{"bad output format", []string{"--db", ":memory:", "sql", "-o", "yaml", "select 1"}, exitUsage, `unknown output format "yaml"`, nil},
		{"bad time zone", []string{"--db", ":memory:", "--tz", "Mars/Olympus", "sql", "select 1"}, exitUsage, `unknown time zone`, nil},
		{"too many arguments", []string{"--db", ":memory:", "sql", "select 1", "select 2"}, exitUsage, `takes 0 to 1 arguments`, nil},
		{"load needs a source", []string{"--db", ":memory:", "load"}, exitUsage, `needs at least 1`, nil},
		{"missing source", []string{"--db", ":memory:", "load", "/no/such/dir"}, exitError, `load /no/such/dir: no such file or directory`, nil},
		{"bad threads", []string{"--db", ":memory:", "sql", "select 1"}, exitUsage, `FLOWDUCK_THREADS="lots"`, map[string]string{"FLOWDUCK_THREADS": "lots"}},
		{"missing database: an error, not a usage error", []string{"--db", "/no/such/dir/x.duckdb", "sql", "select 1"}, exitError, `^flowduck: database /no/such/dir/x.duckdb does not exist; run 'flowduck load SOURCE' to create it\n$`, nil},
		{"report argument not NAME=VALUE", []string{"--db", ":memory:", "run", "top-talkers", "flows"}, exitUsage, `^flowduck: run top-talkers: argument "flows": give parameters as NAME=VALUE or --param NAME=VALUE\nRun 'flowduck --help' for usage.\n$`, nil},
		{"bad extensions setting", []string{"--db", ":memory:", "sql", "select 1"}, exitUsage, `FLOWDUCK_EXTENSIONS="yes"`, map[string]string{"FLOWDUCK_EXTENSIONS": "yes"}},
		{"bad since", []string{"--db", ":memory:", "load", "x", "--since", "yesterday"}, exitUsage, `--since: "yesterday" is not a time`, nil},
		{"detect: bad --fail-on", []string{"--db", ":memory:", "detect", "--fail-on", "severe"}, exitUsage, `--fail-on "severe": use low, medium, high, critical`, nil},
		{"detect: unknown detection", []string{"--db", ":memory:", "detect", "--only", "beacon"}, exitUsage, `did you mean "beaconing"`, nil},
		{"detect: missing indicator file", []string{"--db", ":memory:", "detect", "--ioc", "/no/such/ioc.txt"}, exitUsage, `ioc: open /no/such/ioc.txt`, nil},
		{"detect: bad --param", []string{"--db", ":memory:", "detect", "--param", "min_ports=5"}, exitUsage, `use DETECTION.NAME=VALUE`, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			streams, _, stderr := iostreams.Test("")
			code := run(context.Background(), tc.args, streams, func(k string) string { return tc.env[k] })
			if code != tc.code {
				t.Errorf("exit code %d, want %d (stderr %q)", code, tc.code, stderr.String())
			}
			if !regexp.MustCompile(tc.stderr).MatchString(stderr.String()) {
				t.Errorf("stderr %q does not match %q", stderr.String(), tc.stderr)
			}
			if n := regexp.MustCompile("\n").FindAllStringIndex(stderr.String(), -1); len(n) > 2 {
				t.Errorf("stderr has %d lines, want the error on one line: %q", len(n), stderr.String())
			}
		})
	}
}

// TestCancelledQueryExits130: Ctrl-C (a cancelled context) interrupts the
// running statement and exits 130.
func TestCancelledQueryExits130(t *testing.T) {
	streams, _, stderr := iostreams.Test("")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	began := time.Now()
	code := run(ctx, []string{"--db", ":memory:", "sql", "select count(*) from range(100000000000) a"}, streams, func(string) string { return "" })
	if code != exitCancelled {
		t.Fatalf("exit code %d, want %d (stderr %q)", code, exitCancelled, stderr.String())
	}
	if elapsed := time.Since(began); elapsed > 20*time.Second {
		t.Errorf("cancel took %s: the statement was not interrupted", elapsed)
	}
	if stderr.String() != "flowduck: cancelled\n" {
		t.Errorf("stderr %q", stderr.String())
	}
}
