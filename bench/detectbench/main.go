// Command detectbench measures `flowduck detect` against running the same
// detections one by one with `flowduck run NAME`, one process each, side by
// side in the same run, on the load benchmark's data (issue 10):
//
//	go run ./bench/detectbench -records 10000000 -runs 3
//
// It generates the load benchmark's dataset (flowduck's demo generator, v2
// default format, 48 files) once and loads it once with `flowduck load` into
// a database it keeps (or takes -db, an already loaded database, which it
// copies). Then, per run: `flowduck detect -o csv` in one process, and
// `flowduck run NAME -o csv` for each detection detect ran, in one process
// each; wall and CPU time (user + system) of the processes. It also times,
// in this process, detect.Run with the records read through the filtered
// view (what detect does) and materialised once into a temporary table
// (the alternative), to keep the choice measured.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/flowduck/flowduck/bench/internal/dataset"
	"github.com/flowduck/flowduck/internal/detect"
	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/filter"
)

func main() {
	records := flag.Int("records", 10_000_000, "records to generate")
	files := flag.Int("files", 48, "gz files to generate")
	runs := flag.Int("runs", 3, "runs of each measurement")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "flowduck-detectbench"), "work directory (the dataset and database are kept and reused)")
	db := flag.String("db", "", "use a copy of this already loaded database instead of generating and loading")
	inproc := flag.Bool("inprocess", true, "also time detect.Run in this process, records read through the view and materialised")
	flag.Parse()
	if err := run(context.Background(), *dir, *db, *records, *files, *runs, *inproc); err != nil {
		fmt.Fprintln(os.Stderr, "detectbench:", err)
		os.Exit(1)
	}
}

// run prepares the database and measures.
func run(ctx context.Context, dir, given string, records, files, runs int, inproc bool) error {
	bin, err := dataset.Build(dir)
	if err != nil {
		return err
	}
	db, err := prepare(ctx, dir, given, bin, records, files)
	if err != nil {
		return err
	}
	names, err := inProcess(ctx, db, runs, inproc)
	if err != nil {
		return err
	}
	var all, each []sample
	for i := range runs {
		s, err := measure(bin, "--db", db, "detect", "-o", "csv")
		if err != nil {
			return fmt.Errorf("flowduck detect: %w", err)
		}
		all = append(all, s)
		var sum sample
		for _, name := range names {
			s, err := measure(bin, "--db", db, "run", name, "-o", "csv")
			if err != nil {
				return fmt.Errorf("flowduck run %s: %w", name, err)
			}
			sum.wall += s.wall
			sum.cpu += s.cpu
		}
		each = append(each, sum)
		fmt.Printf("run %d: detect %s (cpu %s)   %d x run %s (cpu %s)\n", i+1,
			all[i].wall.Round(time.Millisecond), all[i].cpu.Round(time.Millisecond),
			len(names), each[i].wall.Round(time.Millisecond), each[i].cpu.Round(time.Millisecond))
	}
	d, e := median(all), median(each)
	fmt.Printf("\n%s, %d detections (%s), median of %d runs\n", db, len(names), strings.Join(names, " "), runs)
	fmt.Printf("%-40s %10s %10s\n", "", "wall", "cpu")
	fmt.Printf("%-40s %10s %10s\n", fmt.Sprintf("flowduck run NAME, %d processes", len(names)), e.wall.Round(time.Millisecond), e.cpu.Round(time.Millisecond))
	fmt.Printf("%-40s %10s %10s   wall %.2fx, cpu %.2fx the one-by-one runs\n", "flowduck detect, one process", d.wall.Round(time.Millisecond), d.cpu.Round(time.Millisecond),
		d.wall.Seconds()/e.wall.Seconds(), d.cpu.Seconds()/e.cpu.Seconds())
	return nil
}

// prepare returns the loaded database: a copy of given, or the dataset
// generated and loaded once under dir.
func prepare(ctx context.Context, dir, given, bin string, records, files int) (string, error) {
	if given != "" {
		db := filepath.Join(dir, "given.duckdb")
		if err := copyFile(given, db); err != nil {
			return "", err
		}
		return db, nil
	}
	return dataset.Loaded(ctx, os.Stdout, dir, bin, records, files)
}

// inProcess times detect.Run on the view and on a materialised scope
// (unless !timed) and returns the names of the detections detect runs.
func inProcess(ctx context.Context, db string, runs int, timed bool) ([]string, error) {
	s, err := duck.Open(ctx, duck.Options{Path: db})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	if !timed {
		return runnable(ctx, s)
	}
	var names []string
	times := map[bool][]time.Duration{}
	for range runs {
		for _, mat := range []bool{false, true} {
			began := time.Now()
			res, err := detect.Run(ctx, s.Conn, detect.Options{Materialize: mat})
			if err != nil {
				return nil, err
			}
			times[mat] = append(times[mat], time.Since(began))
			names = res.Ran
		}
	}
	view, mat := dataset.Median(times[false]), dataset.Median(times[true])
	fmt.Printf("in process, detect.Run: view %s, materialised %s (%.2fx)\n", view.Round(time.Millisecond), mat.Round(time.Millisecond), mat.Seconds()/view.Seconds())
	return names, nil
}

// runnable returns the detections detect runs on the session's data: all
// but those it skips, found by running them over no record (a --since
// after every record).
func runnable(ctx context.Context, s *duck.Session) ([]string, error) {
	var none filter.Filter
	if err := none.Set(filter.Since, "2999-01-01", time.Now()); err != nil {
		return nil, err
	}
	res, err := detect.Run(ctx, s.Conn, detect.Options{Filter: none})
	if err != nil {
		return nil, err
	}
	return res.Ran, nil
}

// sample is one measured process (or the sum of several).
type sample struct {
	wall time.Duration
	cpu  time.Duration // user + system time
}

// measure runs a command, its output discarded, and returns its times.
func measure(name string, args ...string) (sample, error) {
	cmd := exec.Command(name, args...)
	var stderr strings.Builder
	cmd.Stdout = io.Discard
	cmd.Stderr = &stderr
	began := time.Now()
	if err := cmd.Run(); err != nil {
		return sample{}, fmt.Errorf("%v: %s", err, stderr.String())
	}
	wall := time.Since(began)
	return sample{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}, nil
}

// median returns the sample with the median wall time.
func median(s []sample) sample {
	sorted := append([]sample(nil), s...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].wall < sorted[j].wall })
	return sorted[len(sorted)/2]
}

// copyFile copies a database file.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
