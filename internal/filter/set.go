package filter

import (
	"fmt"
	"strings"
	"time"
)

// The filter names: the command-line flags (--since) and the shell's .run
// arguments (since=...) are spelled the same.
const (
	Since   = "since"
	Until   = "until"
	ENI     = "eni"
	VPC     = "vpc"
	Subnet  = "subnet"
	Account = "account"
	Region  = "region"
	Action  = "action"
)

// Names are the filter names, in the order help lists them.
var Names = []string{Since, Until, ENI, VPC, Subnet, Account, Region, Action}

// The actions a record can have.
const (
	accept = "ACCEPT"
	reject = "REJECT"
)

// IsName reports whether name is one of the filter names.
func IsName(name string) bool {
	for _, n := range Names {
		if n == name {
			return true
		}
	}
	return false
}

// Set reads one named value into f, the same way for a command-line flag
// and a shell k=v argument. since and until take ParseTime's forms (relative
// times count back from now) and replace the earlier value, as does action
// (accept or ACCEPT, reject or REJECT); the lists (eni, vpc, subnet, account,
// region) split value at commas, trim the items, drop empty ones and add
// them to the earlier values. An empty value leaves a time or the action
// open. The error is an *Error naming the filter. Set does not compare since
// with until: call Validate once every value is set.
func (f *Filter) Set(name, value string, now time.Time) error {
	var err error
	switch name {
	case Since:
		f.Since, err = parseOptionalTime(value, now)
	case Until:
		f.Until, err = parseOptionalTime(value, now)
	case ENI:
		f.ENIs = append(f.ENIs, splitList(value)...)
	case VPC:
		f.VPCs = append(f.VPCs, splitList(value)...)
	case Subnet:
		f.Subnets = append(f.Subnets, splitList(value)...)
	case Account:
		f.Accounts = append(f.Accounts, splitList(value)...)
	case Region:
		f.Regions = append(f.Regions, splitList(value)...)
	case Action:
		f.Action, err = parseAction(value)
	default:
		err = fmt.Errorf("no such filter; use one of %s", strings.Join(Names, ", "))
	}
	if err != nil {
		return &Error{Name: name, Value: value, Err: err}
	}
	return nil
}

// parseOptionalTime is ParseTime, with "" for an open end.
func parseOptionalTime(s string, now time.Time) (time.Time, error) {
	if strings.TrimSpace(s) == "" {
		return time.Time{}, nil
	}
	return ParseTime(s, now)
}

// splitList splits a comma-separated list, trims the items and drops the
// empty ones.
func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// parseAction normalises an action: accept or ACCEPT, reject or REJECT, or
// "" for any.
func parseAction(s string) (string, error) {
	a := strings.ToUpper(strings.TrimSpace(s))
	if a != "" && a != accept && a != reject {
		return "", errAction(s)
	}
	return a, nil
}

// errAction says which actions there are.
func errAction(s string) error {
	return fmt.Errorf("%q is not an action; use ACCEPT or REJECT", s)
}
