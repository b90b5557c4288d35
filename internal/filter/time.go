package filter

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/flowduck/flowduck/internal/units"
)

// absoluteLayouts are the date and time forms ParseTime reads, UTC unless the
// form carries an offset.
var absoluteLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05", "2006-01-02 15:04:05",
	"2006-01-02T15:04", "2006-01-02 15:04",
	"2006-01-02T15",
	"2006-01-02", "2006/01/02",
}

// ParseTime reads a since or until value: an absolute date or time
// (2026-03-02, 2026-03-02T10:00, 2026-03-02 10:00:00, RFC 3339; UTC unless an
// offset is given), unix seconds, or a time that long before now (90m, 24h,
// 7d, 2w, optionally followed by "ago"), truncated to the second.
func ParseTime(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range absoluteLayouts {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t.UTC(), nil
		}
	}
	if unix, err := strconv.ParseInt(s, 10, 64); err == nil && strconv.FormatInt(unix, 10) == s {
		return time.Unix(unix, 0).UTC(), nil
	}
	if d, err := units.ParseDuration(strings.TrimSuffix(s, " ago")); err == nil && d > 0 {
		return now.Add(-d).UTC().Truncate(time.Second), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a time; use 2026-03-02, 2026-03-02T10:00, RFC 3339, or 24h, 7d for that long ago", s)
}
