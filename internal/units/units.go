// Package units writes byte counts and large counts the way flowduck's
// progress and summary lines show them, and reads the durations flowduck
// accepts (7d, 2w next to Go's 90m, 24h).
package units

import "fmt"

// Bytes formats a byte count with a binary unit: 512 B, 1.5 KiB, 190.1 MiB.
func Bytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit && exp < 5; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

// Count formats a count briefly: 950, 1.2k, 3.4M.
func Count(n int64) string {
	switch {
	case n >= 1_000_000:
		return fmt.Sprintf("%.1fM", float64(n)/1e6)
	case n >= 1_000:
		return fmt.Sprintf("%.1fk", float64(n)/1e3)
	}
	return fmt.Sprint(n)
}
