package queries

import (
	"fmt"
	"strings"
	"time"

	"github.com/flowduck/flowduck/loader"
)

// Filters are the common filters every report honours. Empty fields keep
// everything; several values of one field are alternatives.
type Filters struct {
	Since, Until time.Time // start in [Since, Until); zero = open
	ENIs         []string  // interface_id
	VPCs         []string  // vpc_id (needs vpc-id, version 3)
	Subnets      []string  // subnet_id (needs subnet-id, version 3)
	Accounts     []string  // account of the file's S3 key, else account_id
	Regions      []string  // region of the file's S3 key, else region
	Action       string    // "", "ACCEPT" or "REJECT"
}

// IsZero reports whether the filters keep every record.
func (f Filters) IsZero() bool {
	return f.Since.IsZero() && f.Until.IsZero() && len(f.ENIs)+len(f.VPCs)+len(f.Subnets)+len(f.Accounts)+len(f.Regions) == 0 && f.Action == ""
}

// Validate checks the time range and the action.
func (f Filters) Validate() error {
	if !f.Since.IsZero() && !f.Until.IsZero() && !f.Since.Before(f.Until) {
		return fmt.Errorf("--since %s is not before --until %s", f.Since.Format(time.RFC3339), f.Until.Format(time.RFC3339))
	}
	if f.Action != "" && f.Action != "ACCEPT" && f.Action != "REJECT" {
		return fmt.Errorf("--action %q: use ACCEPT or REJECT", f.Action)
	}
	return nil
}

// ParseAction normalises an --action value: accept, ACCEPT, reject, REJECT.
func ParseAction(s string) (string, error) {
	a := strings.ToUpper(strings.TrimSpace(s))
	if a != "" && a != "ACCEPT" && a != "REJECT" {
		return "", fmt.Errorf("--action %q: use ACCEPT or REJECT", s)
	}
	return a, nil
}

// ParseTime reads a --since/--until value: an absolute UTC date or time
// (2026-03-02, 2026-03-02T10:00, RFC 3339, unix seconds), or a time relative
// to now: 90m, 24h, 7d, 2w ago.
func ParseTime(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := loader.ParseTime(s); err == nil {
		return t, nil
	}
	if d, err := parseDuration(strings.TrimSuffix(s, " ago")); err == nil && d > 0 {
		return now.Add(-d).UTC().Truncate(time.Second), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a time; use 2026-03-02, 2026-03-02T10:00, RFC 3339, or 24h, 7d for that long ago", s)
}
