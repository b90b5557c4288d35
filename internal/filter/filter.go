// Package filter is flowduck's record filter, declared once: the value (a
// time range, interfaces, VPCs, subnets, accounts, regions and an action),
// how it is read from named text values (the command-line flags and the
// shell's .run k=v arguments alike), how it is validated, and the SQL
// conditions that apply it to a load, an export and the reports.
package filter

import (
	"fmt"
	"time"
)

// Filter narrows the records a command reads. Empty fields keep everything;
// several values of one field are alternatives; the fields combine with AND.
type Filter struct {
	Since, Until time.Time // start in [Since, Until); zero = open
	ENIs         []string  // interface_id
	VPCs         []string  // vpc_id (needs vpc-id, version 3)
	Subnets      []string  // subnet_id (needs subnet-id, version 3)
	Accounts     []string  // account of the file's S3 key, else account_id
	Regions      []string  // region of the file's S3 key, else region
	Action       string    // "", "ACCEPT" or "REJECT"
}

// IsZero reports whether the filter keeps every record.
func (f Filter) IsZero() bool {
	return f.Since.IsZero() && f.Until.IsZero() &&
		len(f.ENIs)+len(f.VPCs)+len(f.Subnets)+len(f.Accounts)+len(f.Regions) == 0 && f.Action == ""
}

// Validate checks what Set cannot see on its own: that the time range is not
// empty, and the action of a filter built in code.
func (f Filter) Validate() error {
	if !f.Since.IsZero() && !f.Until.IsZero() && !f.Since.Before(f.Until) {
		return &Error{Name: Since, Value: formatTime(f.Since),
			Err: fmt.Errorf("%s is not before until %s", formatTime(f.Since), formatTime(f.Until))}
	}
	if f.Action != "" && f.Action != accept && f.Action != reject {
		return &Error{Name: Action, Value: f.Action, Err: errAction(f.Action)}
	}
	return nil
}

// Error is a filter that cannot be applied: a value none of its forms reads,
// or a range that is empty. Its message names the filter (since, action),
// never a command-line flag; a command may prefix "--".
type Error struct {
	Name  string // the filter: since, until, eni, vpc, subnet, account, region, action
	Value string // the value given
	Err   error  // what is wrong with it
}

// Error returns "name: reason".
func (e *Error) Error() string { return e.Name + ": " + e.Err.Error() }

// Unwrap returns the reason.
func (e *Error) Unwrap() error { return e.Err }

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }
