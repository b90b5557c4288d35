package queries

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/flowduck/flowduck/internal/suggest"
)

// builtinFS holds the reports shipped in the binary.
//
//go:embed sql/*.sql
var builtinFS embed.FS

// builtins parses the embedded reports once.
var builtins = sync.OnceValues(func() ([]Report, error) {
	entries, err := fs.ReadDir(builtinFS, "sql")
	if err != nil {
		return nil, fmt.Errorf("read built-in reports: %w", err)
	}
	var out []Report
	for _, e := range entries {
		b, err := builtinFS.ReadFile("sql/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("read built-in report %s: %w", e.Name(), err)
		}
		r, err := Parse(string(b), BuiltIn, strings.TrimSuffix(e.Name(), ".sql"))
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
})

// Builtins returns the reports shipped in the binary, by name.
func Builtins() ([]Report, error) {
	reports, err := builtins()
	if err != nil {
		return nil, err
	}
	return append([]Report(nil), reports...), nil
}

// List returns the built-in reports overridden and extended by the .sql
// and .insights files of dirs, in order (a later directory wins), sorted by name. Each
// report's Origin says where it comes from. A directory that does not exist
// is an error; Dirs leaves out a user directory that was never created.
func List(dirs ...string) ([]Report, error) {
	all, err := Builtins()
	if err != nil {
		return nil, err
	}
	byName := map[string]int{}
	for i, r := range all {
		byName[r.Name] = i
	}
	for _, dir := range dirs {
		user, err := readDir(dir)
		if err != nil {
			return nil, err
		}
		for _, r := range user {
			if i, ok := byName[r.Name]; ok {
				all[i] = r
				continue
			}
			byName[r.Name] = len(all)
			all = append(all, r)
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Name < all[j].Name })
	return all, nil
}

// readDir parses the .sql and .insights files of dir, in name order.
func readDir(dir string) ([]Report, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("reports directory %s: %w", dir, err)
	}
	var out []Report
	for _, e := range entries {
		if e.IsDir() || reportExt(e.Name()) == "" {
			continue
		}
		path := filepath.Join(dir, e.Name())
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("read report %s: %w", path, err)
		}
		r, err := parseFile(string(b), path, e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Lookup returns the report called name among List(dirs...). An unknown
// name yields an *UnknownReportError with the closest name, if any.
func Lookup(name string, dirs ...string) (Report, error) {
	all, err := List(dirs...)
	if err != nil {
		return Report{}, err
	}
	return Find(all, name)
}

// Find returns the report called name in reports, or an
// *UnknownReportError with the closest name.
func Find(reports []Report, name string) (Report, error) {
	names := make([]string, len(reports))
	for i, r := range reports {
		if r.Name == name {
			return r, nil
		}
		names[i] = r.Name
	}
	return Report{}, &UnknownReportError{Name: name, Suggestion: closest(name, names)}
}

// UnknownReportError is a report name that no report has.
type UnknownReportError struct {
	Name       string
	Suggestion string // the closest report name, or ""
}

// Error implements error.
func (e *UnknownReportError) Error() string {
	msg := fmt.Sprintf("unknown report %q", e.Name)
	if e.Suggestion != "" {
		return msg + fmt.Sprintf("; did you mean %q? (flowduck reports lists them)", e.Suggestion)
	}
	return msg + " (flowduck reports lists them)"
}

// UserDir returns $XDG_CONFIG_HOME/flowduck/reports, or the same under the
// platform's configuration directory (os.UserConfigDir) when it is unset.
func UserDir(getenv func(string) string) (string, error) {
	base := getenv("XDG_CONFIG_HOME")
	if base == "" {
		var err error
		if base, err = os.UserConfigDir(); err != nil {
			return "", fmt.Errorf("user reports directory: %w", err)
		}
	}
	return filepath.Join(base, "flowduck", "reports"), nil
}

// Dirs returns the directories whose reports override the built-in ones:
// the user directory if it exists, then extra (e.g. --reports-dir) if given.
func Dirs(getenv func(string) string, extra ...string) ([]string, error) {
	var dirs []string
	if user, err := UserDir(getenv); err == nil {
		if _, err := os.Stat(user); err == nil {
			dirs = append(dirs, user)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("user reports directory %s: %w", user, err)
		}
	}
	for _, d := range extra {
		if d != "" {
			dirs = append(dirs, d)
		}
	}
	return dirs, nil
}

// closest returns the name nearest to name: one it is a prefix of or
// contains, or one within a third of its length in edits; "" if none.
func closest(name string, names []string) string {
	for _, n := range names {
		if name != "" && strings.Contains(n, name) {
			return n
		}
	}
	return suggest.Closest(name, names, len(name)/3)
}
