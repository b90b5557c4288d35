package units

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseDuration reads a Go duration extended with days (d) and weeks (w):
// 90m, 24h, 7d, 2w, 1d12h.
func ParseDuration(s string) (time.Duration, error) {
	var total time.Duration
	rest := s
	for _, unit := range []struct {
		suffix string
		d      time.Duration
	}{{"w", 7 * 24 * time.Hour}, {"d", 24 * time.Hour}} {
		i := strings.Index(rest, unit.suffix)
		if i < 0 {
			continue
		}
		n, err := strconv.ParseFloat(rest[:i], 64)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("duration %q: bad %s count", s, unit.suffix)
		}
		total += time.Duration(n * float64(unit.d))
		rest = rest[i+1:]
	}
	if rest == "" {
		if total == 0 {
			return 0, fmt.Errorf("duration %q: empty", s)
		}
		return total, nil
	}
	d, err := time.ParseDuration(rest)
	if err != nil {
		return 0, err
	}
	return total + d, nil
}
