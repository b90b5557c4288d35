package main

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/iostreams"
	"github.com/flowduck/flowduck/queries"
)

// parseFilterFlags parses args as the filter flags of run.
func parseFilterFlags(t *testing.T, args []string, now time.Time) (filter.Filter, error) {
	t.Helper()
	var ff filterFlags
	cmd := &cobra.Command{Use: "run"}
	ff.register(cmd, "only records", filter.Names...)
	if err := cmd.ParseFlags(args); err != nil {
		t.Fatalf("parse %q: %v", args, err)
	}
	return ff.parse(now)
}

// TestFilterFlagsMatchShellArgs: a filter flag and the shell's .run k=v of
// the same name and value make the same filter (--eni a,b is eni=a,b).
func TestFilterFlagsMatchShellArgs(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	report, err := queries.Lookup("top-talkers")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		flags []string
		shell []string
		want  filter.Filter
	}{
		{"comma list", []string{"--eni", "eni-a,eni-b"}, []string{"eni=eni-a,eni-b"}, filter.Filter{ENIs: []string{"eni-a", "eni-b"}}},
		{"repeated", []string{"--vpc", "vpc-a", "--vpc", "vpc-b"}, []string{"vpc=vpc-a", "vpc=vpc-b"}, filter.Filter{VPCs: []string{"vpc-a", "vpc-b"}}},
		{"spaces and empty items", []string{"--subnet", " subnet-a , ,subnet-b"}, []string{"subnet= subnet-a , ,subnet-b"}, filter.Filter{Subnets: []string{"subnet-a", "subnet-b"}}},
		{"accounts and regions", []string{"--account", "1,2", "--region", "eu-west-1"}, []string{"account=1,2", "region=eu-west-1"},
			filter.Filter{Accounts: []string{"1", "2"}, Regions: []string{"eu-west-1"}}},
		{"action in lower case", []string{"--action", "reject"}, []string{"action=reject"}, filter.Filter{Action: "REJECT"}},
		{"absolute and relative times", []string{"--since", "2026-03-02", "--until", "2h"}, []string{"since=2026-03-02", "until=2h"},
			filter.Filter{Since: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Until: now.Add(-2 * time.Hour)}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fromFlags, err := parseFilterFlags(t, tc.flags, now)
			if err != nil {
				t.Fatal(err)
			}
			params, fromShell, err := shellReportArgs(report, tc.shell, now)
			if err != nil {
				t.Fatal(err)
			}
			if len(params) != 0 {
				t.Errorf("shell arguments taken as parameters: %v", params)
			}
			if !reflect.DeepEqual(fromFlags, tc.want) {
				t.Errorf("flags %q: %+v, want %+v", tc.flags, fromFlags, tc.want)
			}
			if !reflect.DeepEqual(fromShell, tc.want) {
				t.Errorf("shell %q: %+v, want %+v", tc.shell, fromShell, tc.want)
			}
		})
	}
}

// TestFilterFlagErrors: a bad filter flag is a usage error that names the
// flag; the shell says the same naming the filter.
func TestFilterFlagErrors(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	report, err := queries.Lookup("top-talkers")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name      string
		flags     []string
		shell     []string
		wantFlags string
	}{
		{"not a time", []string{"--since", "yesterday"}, []string{"since=yesterday"},
			`--since: "yesterday" is not a time; use 2026-03-02, 2026-03-02T10:00, RFC 3339, or 24h, 7d for that long ago`},
		{"not an action", []string{"--action", "drop"}, []string{"action=drop"}, `--action: "drop" is not an action; use ACCEPT or REJECT`},
		{"empty range", []string{"--since", "2026-03-03", "--until", "2026-03-02"}, []string{"since=2026-03-03", "until=2026-03-02"},
			"--since: 2026-03-03T00:00:00Z is not before until 2026-03-02T00:00:00Z"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseFilterFlags(t, tc.flags, now)
			var usage *usageError
			if !errors.As(err, &usage) || err.Error() != tc.wantFlags {
				t.Errorf("flags: err = %v, want the usage error %q", err, tc.wantFlags)
			}
			params, f, err := shellReportArgs(report, tc.shell, now)
			if err == nil {
				_, err = queries.Prepare(report, params, f)
			}
			if want := strings.TrimPrefix(tc.wantFlags, "--"); err == nil || err.Error() != want {
				t.Errorf("shell: err = %v, want %q", err, want)
			}
		})
	}
}

// TestRunFilterErrorsAreUsageErrors: run reports a filter its flags cannot
// make, or a range that is empty, as a usage error before opening the
// database.
func TestRunFilterErrorsAreUsageErrors(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"bad action", []string{"--action", "drop"}, `flowduck: --action: "drop" is not an action`},
		{"empty range", []string{"--since", "2026-03-03", "--until", "2026-03-02"}, "flowduck: --since: 2026-03-03T00:00:00Z is not before until 2026-03-02T00:00:00Z"},
		{"bad parameter", []string{"--param", "limit=lots"}, "limit"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			streams, _, stderr := iostreams.Test("")
			db := filepath.Join(t.TempDir(), "flows.duckdb")
			args := append([]string{"--db", db, "run", "top-talkers"}, tc.args...)
			code := run(context.Background(), args, streams, func(string) string { return "" })
			if code != exitUsage || !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr.String(), exitUsage, tc.stderr)
			}
			if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the database was opened: %v", err)
			}
		})
	}
}
