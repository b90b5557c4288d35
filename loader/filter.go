package loader

import (
	"fmt"
	"strings"
	"time"

	"github.com/flowduck/flowduck/internal/store"
)

// Filter narrows a load: files whose path is out of range are skipped unread,
// and records are kept only if their start lies in [Since, Until) and their
// account and region are wanted.
type Filter struct {
	Since, Until time.Time // zero = open
	Accounts     []string
	Regions      []string
}

// Where returns the SQL condition of the filter, given the SQL expressions of
// a record's start, account and region, or "" when it keeps everything.
func (f Filter) Where(start, account, region string) string {
	var conds []string
	if !f.Since.IsZero() {
		conds = append(conds, fmt.Sprintf("%s >= %d", start, f.Since.Unix()))
	}
	if !f.Until.IsZero() {
		conds = append(conds, fmt.Sprintf("%s < %d", start, f.Until.Unix()))
	}
	if len(f.Accounts) > 0 {
		conds = append(conds, fmt.Sprintf("%s IN (%s)", account, store.LiteralList(f.Accounts)))
	}
	if len(f.Regions) > 0 {
		conds = append(conds, fmt.Sprintf("%s IN (%s)", region, store.LiteralList(f.Regions)))
	}
	return strings.Join(conds, " AND ")
}

// ParseTime reads a --since/--until value: a date (2026-03-02), a date and
// time (2026-03-02T10:00, 2026-03-02 10:00:00, RFC 3339), or a unix time, UTC
// unless an offset is given.
func ParseTime(s string) (time.Time, error) {
	layouts := []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02T15", "2006-01-02", "2006/01/02"}
	for _, layout := range layouts {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t.UTC(), nil
		}
	}
	var unix int64
	if _, err := fmt.Sscanf(s, "%d", &unix); err == nil && fmt.Sprint(unix) == s {
		return time.Unix(unix, 0).UTC(), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date or time; use 2026-03-02, 2026-03-02T10:00 or RFC 3339", s)
}
