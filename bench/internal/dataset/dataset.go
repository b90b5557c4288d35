// Package dataset is what the query benchmarks share: the demo's v2 dataset
// generated once under a work directory, a flowduck binary built from this
// checkout, and the dataset loaded once with it, each kept for later runs.
package dataset

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"time"

	"github.com/flowduck/flowduck/internal/demo"
)

// complete is the suffix of the marker that says a dataset or database is
// whole (an interrupted run leaves none, and the next one starts over).
const complete = ".complete"

// Build builds flowduck from the checkout in the working directory into dir
// and returns the binary's path.
func Build(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "flowduck")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/flowduck").CombinedOutput(); err != nil {
		return "", fmt.Errorf("build flowduck: %v\n%s", err, out)
	}
	return bin, nil
}

// Loaded returns a database under dir holding records v2 demo records in
// files gzip files, generating the files and loading them with bin unless
// an earlier run did. Progress goes to log.
func Loaded(ctx context.Context, log io.Writer, dir, bin string, records, files int) (string, error) {
	data := filepath.Join(dir, fmt.Sprintf("data-v%d-%d-%d", demo.DatasetVersion, records, files))
	db := data + ".duckdb"
	if _, err := os.Stat(db + complete); err == nil {
		return db, nil
	}
	if _, err := os.Stat(data + complete); err != nil {
		fmt.Fprintf(log, "generating %d records in %d files under %s ...\n", records, files, data)
		began := time.Now()
		os.RemoveAll(data)
		if _, err := demo.Generate(ctx, data, demo.Options{Records: records, Files: files, Formats: demo.FormatV2}); err != nil {
			return "", fmt.Errorf("generate %s: %w", data, err)
		}
		if err := os.WriteFile(data+complete, nil, 0o644); err != nil {
			return "", err
		}
		fmt.Fprintf(log, "generated in %s\n", time.Since(began).Round(time.Millisecond))
	}
	os.Remove(db)
	os.Remove(db + ".wal")
	fmt.Fprintf(log, "loading into %s ...\n", db)
	began := time.Now()
	if out, err := exec.CommandContext(ctx, bin, "--db", db, "load", data).CombinedOutput(); err != nil {
		return "", fmt.Errorf("flowduck load: %v\n%s", err, out)
	}
	fmt.Fprintf(log, "loaded in %s\n", time.Since(began).Round(time.Millisecond))
	return db, os.WriteFile(db+complete, nil, 0o644)
}

// Median returns the median of d (the upper one of an even count).
func Median(d []time.Duration) time.Duration {
	sorted := append([]time.Duration(nil), d...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	return sorted[len(sorted)/2]
}
