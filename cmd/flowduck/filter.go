package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/internal/filter"
)

// loadFilters are the filters of load and export; run takes all of
// filter.Names.
var loadFilters = []string{filter.Since, filter.Until, filter.Account, filter.Region}

// filterUsage is the help of each filter flag; %s says what the command
// keeps ("only records").
var filterUsage = map[string]string{
	filter.Since:   "%s that start at or after this time: UTC date/time (2026-03-02, 2026-03-02T10:00, RFC 3339) or relative (24h, 7d)",
	filter.Until:   "%s that start before this time (same forms as --since)",
	filter.ENI:     "%s of these network interfaces (repeatable, comma-separated)",
	filter.VPC:     "%s of these VPCs (repeatable, comma-separated)",
	filter.Subnet:  "%s of these subnets (repeatable, comma-separated)",
	filter.Account: "%s of these AWS account ids (repeatable, comma-separated)",
	filter.Region:  "%s of these AWS regions (repeatable, comma-separated)",
	filter.Action:  "%s with this action: ACCEPT or REJECT",
}

// filterFlags are a command's filter flags (--since, --eni, ...), kept as
// given, in order, and read by filter.Set: the shell's .run k=v arguments
// are read by the same function, so --eni a,b and eni=a,b mean the same.
type filterFlags struct {
	given []filterArg
}

// filterArg is one filter flag as given.
type filterArg struct{ name, value string }

// register adds the flags of the named filters; what says what they keep.
func (f *filterFlags) register(cmd *cobra.Command, what string, names ...string) {
	for _, name := range names {
		cmd.Flags().Var(&filterFlag{flags: f, name: name}, name, fmt.Sprintf(filterUsage[name], what))
	}
}

// filter reads the flags into a filter; relative times count back from now.
// It does not call Validate: see parse.
func (f *filterFlags) filter(now time.Time) (filter.Filter, error) {
	var out filter.Filter
	for _, a := range f.given {
		if err := out.Set(a.name, a.value, now); err != nil {
			return out, filterUsageError(err)
		}
	}
	return out, nil
}

// parse reads and validates the flags.
func (f *filterFlags) parse(now time.Time) (filter.Filter, error) {
	out, err := f.filter(now)
	if err != nil {
		return out, err
	}
	if err := out.Validate(); err != nil {
		return out, filterUsageError(err)
	}
	return out, nil
}

// filterUsageError makes err a usage error; a filter's error (a
// *filter.Error, "since: ...") then names its flag ("--since: ...").
func filterUsageError(err error) error {
	var fe *filter.Error
	if errors.As(err, &fe) {
		return &usageError{err: fmt.Errorf("--%w", err)}
	}
	return &usageError{err: err}
}

// filterFlag is the pflag.Value of one filter flag: each use adds a value.
type filterFlag struct {
	flags *filterFlags
	name  string
}

// Set records a value of the flag.
func (v *filterFlag) Set(value string) error {
	v.flags.given = append(v.flags.given, filterArg{v.name, value})
	return nil
}

// String returns the values given, comma-separated.
func (v *filterFlag) String() string {
	var values []string
	for _, a := range v.flags.given {
		if a.name == v.name {
			values = append(values, a.value)
		}
	}
	return strings.Join(values, ",")
}

// Type names the flag's value in the help.
func (v *filterFlag) Type() string {
	switch v.name {
	case filter.Since, filter.Until, filter.Action:
		return "string"
	}
	return "strings"
}
