package loader

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// file is one input file: where it is on disk, the key it is recorded under
// in the manifest (an absolute path, or the s3:// URI it was fetched from), and
// what identifies its version.
type file struct {
	Local   string
	Key     string
	Size    int64
	ModTime time.Time
	ETag    string
	Part    Partition
	// Walked is true for a file found inside a directory (not named by the
	// user): if its content is not flow logs it is skipped, not failed.
	Walked bool
}

// discoverLocal expands files, directories (recursively) and globs into the
// files they name, sorted and without duplicates, leaving out the ignored
// paths. A source that names nothing is an error: a typo must not look like
// an empty load.
func discoverLocal(ctx context.Context, sources, ignore []string) ([]file, error) {
	seen := map[string]bool{}
	for _, p := range ignore {
		if abs, err := filepath.Abs(p); err == nil {
			seen[abs] = true
		}
	}
	var files []file
	add := func(path string, info fs.FileInfo, walked bool) error {
		abs, err := filepath.Abs(path)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if seen[abs] || !info.Mode().IsRegular() {
			return nil
		}
		seen[abs] = true
		files = append(files, file{Local: abs, Key: displayKey(abs), Size: info.Size(), ModTime: info.ModTime(), Part: PartitionOf(filepath.ToSlash(abs)), Walked: walked})
		return nil
	}
	for _, src := range sources {
		matches := []string{src}
		if strings.ContainsAny(src, "*?[") {
			m, err := filepath.Glob(src)
			if err != nil {
				return nil, fmt.Errorf("%s: bad pattern: %w", src, err)
			}
			if len(m) == 0 {
				return nil, fmt.Errorf("%s: no file matches", src)
			}
			matches = m
		}
		for _, path := range matches {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			info, err := os.Stat(path)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
			}
			if !info.IsDir() {
				if err := add(path, info, false); err != nil {
					return nil, err
				}
				continue
			}
			err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return fmt.Errorf("%s: %w", p, unwrapPathError(err))
				}
				if strings.HasPrefix(d.Name(), ".") && p != path {
					if d.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				if d.IsDir() {
					return ctx.Err()
				}
				info, err := d.Info()
				if err != nil {
					return fmt.Errorf("%s: %w", p, unwrapPathError(err))
				}
				return add(p, info, true)
			})
			if err != nil {
				return nil, err
			}
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Key < files[j].Key })
	return files, nil
}

// unwrapPathError drops the operation and path an *fs.PathError repeats.
func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
