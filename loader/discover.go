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
	// Stream is set for the events of a CloudWatch Logs stream (cwl://):
	// always loaded (the stream's mark decided which events it holds).
	Stream *streamChunk
}

// discoverLocal expands files, directories (recursively, following symbolic
// links) and globs into the files they name, sorted and without duplicates,
// leaving out the ignored paths. A source that names nothing is an error: a
// typo must not look like an empty load. What is left out inside a tree for
// a reason the user should hear (an unreadable directory, a broken link)
// comes back as a skipped result.
func discoverLocal(ctx context.Context, sources, ignore []string) ([]file, []FileResult, error) {
	d := &discovery{ctx: ctx, paths: map[string]bool{}, ids: map[fileID]bool{}, dirs: map[fileID]bool{}}
	for _, p := range ignore {
		if abs, err := filepath.Abs(p); err == nil {
			d.paths[abs] = true
		}
		if info, err := os.Stat(p); err == nil {
			if id, ok := identity(info); ok {
				d.ids[id] = true
			}
		}
	}
	for _, src := range sources {
		matches := []string{src}
		if strings.ContainsAny(src, "*?[") {
			m, err := filepath.Glob(src)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: bad pattern: %w", src, err)
			}
			if len(m) == 0 {
				return nil, nil, fmt.Errorf("%s: no file matches", src)
			}
			matches = m
		}
		for _, path := range matches {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
			info, err := os.Stat(path)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
			}
			if !info.IsDir() {
				if err := d.add(path, info, false); err != nil {
					return nil, nil, err
				}
				continue
			}
			entries, err := os.ReadDir(path)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
			}
			if err := d.walk(path, info, entries); err != nil {
				return nil, nil, err
			}
		}
	}
	sort.Slice(d.files, func(i, j int) bool { return d.files[i].Key < d.files[j].Key })
	return d.files, d.skipped, nil
}

// fileID identifies a file on its device.
type fileID struct{ dev, ino uint64 }

// discovery is the state of one discoverLocal.
type discovery struct {
	ctx     context.Context
	paths   map[string]bool // absolute paths taken (or ignored)
	ids     map[fileID]bool // files taken (or ignored)
	dirs    map[fileID]bool // directories walked: a link loop stops here
	files   []file
	skipped []FileResult
}

// add takes a regular file, once whatever the path it is reached by.
func (d *discovery) add(path string, info fs.FileInfo, walked bool) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if d.paths[abs] || !info.Mode().IsRegular() {
		return nil
	}
	d.paths[abs] = true
	if id, ok := identity(info); ok {
		if d.ids[id] {
			return nil
		}
		d.ids[id] = true
	}
	d.files = append(d.files, file{Local: abs, Key: displayKey(abs), Size: info.Size(), ModTime: info.ModTime(), Part: PartitionOf(filepath.ToSlash(abs)), Walked: walked})
	return nil
}

// walk adds the files under dir (whose entries are given), following
// symbolic links to files and directories. Dot-files are left out. A
// subdirectory that cannot be read or a broken link is skipped with the
// reason; a directory reached again (a link loop) is not walked twice.
func (d *discovery) walk(dir string, info fs.FileInfo, entries []fs.DirEntry) error {
	if id, ok := identity(info); ok {
		if d.dirs[id] {
			return nil
		}
		d.dirs[id] = true
	}
	for _, e := range entries {
		if err := d.ctx.Err(); err != nil {
			return err
		}
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		info, err := os.Stat(path) // follows links
		if err != nil {
			d.skip(path, "cannot follow: "+unwrapPathError(err).Error())
			continue
		}
		if !info.IsDir() {
			if err := d.add(path, info, true); err != nil {
				return err
			}
			continue
		}
		sub, err := os.ReadDir(path)
		if err != nil {
			d.skip(path, "unreadable directory: "+unwrapPathError(err).Error())
			continue
		}
		if err := d.walk(path, info, sub); err != nil {
			return err
		}
	}
	return nil
}

// skip records a path left out of the load with the reason.
func (d *discovery) skip(path, reason string) {
	key := path
	if abs, err := filepath.Abs(path); err == nil {
		key = displayKey(abs)
	}
	d.skipped = append(d.skipped, FileResult{Path: key, Status: Skipped, Reason: reason})
}

// unwrapPathError drops the operation and path an *fs.PathError repeats.
func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
