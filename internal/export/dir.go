package export

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// stagingPrefix names the hidden directory an export is written to before it
// is moved into place (the loader skips hidden directories, so a crashed
// export's leftovers are never loaded).
const stagingPrefix = ".flowduck-export-"

// target is the export directory as found before writing.
type target struct {
	dir     string
	created bool     // the export created dir
	old     []string // paths of an earlier export, removed once the new one is ready
}

// prepareDir checks the export directory and creates it if needed. A
// directory with entries is refused unless overwrite is set; with overwrite,
// AWSLogs/ may hold only files an export writes (they are listed in old, with
// athena.sql and staging leftovers), anything else is refused.
func prepareDir(dir string, overwrite bool) (*target, error) {
	t := &target{dir: dir}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("export %s: %w", dir, unwrapPath(err))
		}
		t.created = true
		return t, nil
	case err != nil:
		return nil, fmt.Errorf("export %s: %w", dir, unwrapPath(err))
	case len(entries) == 0:
		return t, nil
	case !overwrite:
		return nil, fmt.Errorf("export %s: %w (%s)", dir, ErrNotEmpty, listNames(entries))
	}
	for _, e := range entries {
		switch {
		case e.Name() == DDLFile && e.Type().IsRegular():
			t.old = append(t.old, filepath.Join(dir, DDLFile))
		case strings.HasPrefix(e.Name(), stagingPrefix) && e.IsDir():
			t.old = append(t.old, filepath.Join(dir, e.Name()))
		}
	}
	var foreign []string
	root := filepath.Join(dir, DataDir)
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return nil
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && isExportFile(filepath.ToSlash(rel)) {
			t.old = append(t.old, p)
		} else {
			foreign = append(foreign, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", dir, err)
	}
	if len(foreign) > 0 {
		return nil, fmt.Errorf("export %s: %w under %s/ (%d, e.g. %s); refusing to overwrite them, choose another directory",
			dir, ErrForeignFiles, DataDir, len(foreign), foreign[0])
	}
	return t, nil
}

// removeOld deletes the earlier export and the directories it leaves empty
// under AWSLogs/.
func (t *target) removeOld() error {
	for _, p := range t.old {
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("remove earlier export %s: %w", p, unwrapPath(err))
		}
	}
	return pruneEmpty(filepath.Join(t.dir, DataDir))
}

// pruneEmpty removes the empty directories under root, root included.
func pruneEmpty(root string) error {
	var dirs []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			dirs = append(dirs, p)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("clean %s: %w", root, err)
	}
	// Deepest first: a parent sorts before its children.
	sort.Sort(sort.Reverse(sort.StringSlice(dirs)))
	for _, d := range dirs {
		if entries, err := os.ReadDir(d); err == nil && len(entries) == 0 {
			if err := os.Remove(d); err != nil {
				return fmt.Errorf("clean %s: %w", d, unwrapPath(err))
			}
		}
	}
	return nil
}

// discard undoes what a failed export left: the directory itself when the
// export created it and it is still empty.
func (t *target) discard() {
	if t.created {
		_ = os.Remove(t.dir)
	}
}

// stagedFiles lists the Parquet files DuckDB wrote under root, as
// slash-separated paths relative to root, sorted.
func stagedFiles(root string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return nil
			}
			return err
		}
		if d.IsDir() || !strings.HasSuffix(d.Name(), ".parquet") {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", root, err)
	}
	sort.Strings(files)
	return files, nil
}

// moveInto renames a staged file to its place in the export directory.
func moveInto(from, to string) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(to), unwrapPath(err))
	}
	if err := os.Rename(from, to); err != nil {
		return fmt.Errorf("move %s to %s: %w", from, to, unwrapPath(err))
	}
	return nil
}

// listNames names up to three directory entries, for an error message.
func listNames(entries []fs.DirEntry) string {
	var names []string
	for i, e := range entries {
		if i == 3 {
			names = append(names, fmt.Sprintf("and %d more", len(entries)-3))
			break
		}
		names = append(names, e.Name())
	}
	return strings.Join(names, ", ")
}

// unwrapPath drops the operation and path an *fs.PathError repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
