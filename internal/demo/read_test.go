package demo

import (
	"bufio"
	"compress/gzip"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// logFile is one generated file, read back.
type logFile struct {
	key    string
	header []string
	col    map[string]int
	rows   [][]string
}

// row is one record of a logFile.
type row struct {
	f *logFile
	v []string
}

// get returns the value of field name and whether the file has the field.
func (r row) get(name string) (string, bool) {
	i, ok := r.f.col[name]
	if !ok {
		return "", false
	}
	return r.v[i], true
}

// s returns the value of field name, or "" when the file lacks it.
func (r row) s(name string) string {
	v, _ := r.get(name)
	return v
}

// n returns the numeric value of field name, or -1 for "-" or a missing field.
func (r row) n(name string) int64 {
	v, ok := r.get(name)
	if !ok || v == "-" {
		return -1
	}
	var x int64
	for _, c := range v {
		x = x*10 + int64(c-'0')
	}
	return x
}

// readDir reads every .log.gz file under dir, in key order.
func readDir(t *testing.T, dir string) []*logFile {
	t.Helper()
	var files []*logFile
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		lf, err := readLog(path)
		if err != nil {
			return err
		}
		lf.key = filepath.ToSlash(rel)
		files = append(files, lf)
		return nil
	})
	if err != nil {
		t.Fatalf("read %s: %v", dir, err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].key < files[j].key })
	return files
}

func readLog(path string) (*logFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	lf := &logFile{col: map[string]int{}}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), " ")
		if lf.header == nil {
			lf.header = fields
			for i, name := range fields {
				lf.col[name] = i
			}
			continue
		}
		lf.rows = append(lf.rows, fields)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return lf, zr.Close()
}

// allRows flattens the rows of files.
func allRows(files []*logFile) []row {
	var out []row
	for _, f := range files {
		for _, v := range f.rows {
			out = append(out, row{f, v})
		}
	}
	return out
}
