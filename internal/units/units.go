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

// Count formats a count briefly with an SI prefix: 950, 1.2k, 3.4M, 5.6G,
// 7.8T.
func Count(n int64) string {
	a := float64(n)
	if a < 0 {
		a = -a
	}
	switch {
	case a >= 1e12:
		return fmt.Sprintf("%.1fT", float64(n)/1e12)
	case a >= 1e9:
		return fmt.Sprintf("%.1fG", float64(n)/1e9)
	case a >= 1e6:
		return fmt.Sprintf("%.1fM", float64(n)/1e6)
	case a >= 1e3:
		return fmt.Sprintf("%.1fk", float64(n)/1e3)
	}
	return fmt.Sprint(n)
}
