package queries

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Save stores sql as the user report name in dir (created if needed) as
// NAME.sql, replacing a file of that name, and returns its path. A statement
// without a header gets one; a header's name line is set to name. The file
// must parse as a report (one statement; every $param declared).
func Save(dir, name, sql string) (string, error) {
	if !namePattern.MatchString(name) {
		return "", fmt.Errorf("save report %q: use lower-case words joined by hyphens, e.g. my-report", name)
	}
	text := withName(strings.TrimSpace(sql), name)
	if !strings.HasSuffix(text, ";") {
		text += ";"
	}
	text += "\n"
	path := filepath.Join(dir, name+".sql")
	if _, err := Parse(text, path, name); err != nil {
		return "", fmt.Errorf("save report %s: %w", name, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("save report %s: %w", name, err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		return "", fmt.Errorf("save report %s: %w", name, err)
	}
	return path, nil
}

// withName sets the name line of text's header, adding a header when text
// has no name line.
func withName(text, name string) string {
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if trimmed != "" && !strings.HasPrefix(trimmed, "--") {
			break
		}
		if key, _, ok := headerLine(strings.TrimPrefix(trimmed, "--")); ok && key == "name" {
			lines[i] = "-- name: " + name
			return strings.Join(lines, "\n")
		}
	}
	return "-- name: " + name + "\n-- description: Saved query\n\n" + text
}
