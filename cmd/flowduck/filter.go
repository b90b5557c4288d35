package main

import (
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/loader"
	"github.com/flowduck/flowduck/queries"
)

// filterFlags are --since, --until, --account and --region.
type filterFlags struct {
	since, until      string
	accounts, regions []string
}

// register adds the flags; what says what they restrict.
func (f *filterFlags) register(cmd *cobra.Command, what string) {
	fl := cmd.Flags()
	fl.StringVar(&f.since, "since", "", what+" that start at or after this time: UTC date/time (2026-03-02, 2026-03-02T10:00, RFC 3339) or relative (24h, 7d)")
	fl.StringVar(&f.until, "until", "", what+" that start before this time (same forms as --since)")
	fl.StringSliceVar(&f.accounts, "account", nil, what+" of these AWS account ids (repeatable, comma-separated)")
	fl.StringSliceVar(&f.regions, "region", nil, what+" of these AWS regions (repeatable, comma-separated)")
}

// parse validates the flags into a loader.Filter; relative times count back
// from now.
func (f *filterFlags) parse(now time.Time) (loader.Filter, error) {
	var out loader.Filter
	var err error
	if f.since != "" {
		if out.Since, err = queries.ParseTime(f.since, now); err != nil {
			return out, usagef("--since: %v", err)
		}
	}
	if f.until != "" {
		if out.Until, err = queries.ParseTime(f.until, now); err != nil {
			return out, usagef("--until: %v", err)
		}
	}
	if !out.Since.IsZero() && !out.Until.IsZero() && !out.Since.Before(out.Until) {
		return out, usagef("--since %s is not before --until %s", f.since, f.until)
	}
	out.Accounts, out.Regions = clean(f.accounts), clean(f.regions)
	return out, nil
}

// clean trims the values of a repeatable flag and drops empty ones.
func clean(values []string) []string {
	var out []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
