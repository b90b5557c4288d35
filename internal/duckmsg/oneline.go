// Package duckmsg shapes DuckDB's messages (and SQL text) for output that
// must stay on one line, such as an error on stderr or a loader's reason.
package duckmsg

import "strings"

// OneLine folds a multi-line DuckDB message onto one line, for errors that
// must be one line on stderr: each line is trimmed and its inner whitespace
// collapsed, blank lines and the caret line under a query excerpt are
// dropped, and the rest are joined with spaces.
func OneLine(msg string) string {
	var parts []string
	for _, line := range strings.Split(msg, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.Trim(line, "^ ") == "" {
			continue
		}
		parts = append(parts, strings.Join(strings.Fields(line), " "))
	}
	return strings.Join(parts, " ")
}
