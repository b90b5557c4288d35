// Command loadbench measures `flowduck load` against plain DuckDB on the same
// files, in the same run, through the same DuckDB build (issue 3's targets):
//
//	go run ./bench/loadbench -records 10000000 -files 48 -runs 3
//
// With -s3 it measures instead loading the same files from a real
// S3-compatible server on loopback (issue 7): the download alone, the local
// load, and `flowduck load s3://...` with an empty cache.
//
// It generates the S3-layout dataset once (flowduck's demo generator, v2
// default format), then alternates: a plain DuckDB CREATE TABLE AS SELECT *
// FROM read_csv(<same files>, explicit columns) into a fresh database file,
// and `flowduck load` of the tree into a fresh database file, followed by a
// second `flowduck load` of the same tree (the incremental re-run). Each runs
// in its own process, so wall time and peak RSS are the process's own.
// -memory sets the same memory_limit for both; -reports then times every
// built-in report on the loaded database, and -days spreads the records over
// more days (issue 14: 100 million records over 10 days).
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/flowduck/flowduck/internal/demo"
)

func main() {
	records := flag.Int("records", 10_000_000, "records to generate")
	files := flag.Int("files", 48, "gz files to generate")
	days := flag.Int("days", demo.DefaultDays, "days the records span")
	runs := flag.Int("runs", 3, "runs of each measurement")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "flowduck-loadbench"), "work directory (the dataset is kept and reused)")
	baseline := flag.String("baseline", "", "internal: run the plain DuckDB baseline into this database file")
	withS3 := flag.Bool("s3", false, "also measure loading the same files from a local S3-compatible server (versitygw)")
	memory := flag.String("memory", "", "DuckDB memory_limit for both loads and the reports (FLOWDUCK_MEMORY_LIMIT), e.g. 4GB")
	reports := flag.Bool("reports", false, "after the runs, time every built-in report on the loaded database")
	flag.Parse()
	ctx := context.Background()
	if *baseline != "" {
		if err := runBaseline(ctx, *baseline, flag.Arg(0)); err != nil {
			fmt.Fprintln(os.Stderr, "baseline:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(ctx, *dir, *records, *files, *days, *runs, *withS3, *memory, *reports); err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
}

// run generates the data, builds flowduck and measures.
func run(ctx context.Context, dir string, records, files, days, runs int, withS3 bool, memory string, reports bool) error {
	data := filepath.Join(dir, fmt.Sprintf("data-%d-%d", records, files))
	if days != demo.DefaultDays {
		data += fmt.Sprintf("-%dd", days)
	}
	if _, err := os.Stat(filepath.Join(data, ".complete")); err != nil {
		fmt.Printf("generating %d records in %d files under %s ...\n", records, files, data)
		os.RemoveAll(data)
		began := time.Now()
		if _, err := demo.Generate(ctx, data, demo.Options{Records: records, Files: files, Days: days, Formats: demo.FormatV2}); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(data, ".complete"), nil, 0o644); err != nil {
			return err
		}
		fmt.Printf("generated in %s\n", time.Since(began).Round(time.Millisecond))
	}
	if runs == 0 {
		return nil // -runs 0: only generate the data
	}
	var size int64
	filepath.Walk(data, func(_ string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			size += info.Size()
		}
		return nil
	})
	bin := filepath.Join(dir, "flowduck")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/flowduck").CombinedOutput(); err != nil {
		return fmt.Errorf("build flowduck: %v\n%s", err, out)
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	if withS3 {
		return runS3(ctx, dir, data, bin, runs)
	}
	env := os.Environ()
	if memory != "" {
		env = append(env, "FLOWDUCK_MEMORY_LIMIT="+memory)
	}
	var base, load, reload []sample
	var baseSize, loadSize int64
	for i := range runs {
		db := filepath.Join(dir, fmt.Sprintf("run%d.duckdb", i))
		os.Remove(db)
		os.Remove(db + ".wal")
		s, err := measureEnv(env, self, "-baseline", db, data)
		if err != nil {
			return fmt.Errorf("baseline: %w", err)
		}
		base = append(base, s)
		baseSize = fileSize(db) + fileSize(db+".wal")
		os.Remove(db)
		os.Remove(db + ".wal")
		s, err = measureEnv(env, bin, "--db", db, "load", data)
		if err != nil {
			return fmt.Errorf("flowduck load: %w", err)
		}
		loadSize = fileSize(db) + fileSize(db+".wal")
		load = append(load, s)
		s, err = measureEnv(env, bin, "--db", db, "load", data)
		if err != nil {
			return fmt.Errorf("flowduck load (re-run): %w", err)
		}
		reload = append(reload, s)
		fmt.Printf("run %d: duckdb %s (cpu %s, %s)  flowduck %s (cpu %s, %s)  re-run %s\n", i+1,
			base[i].wall.Round(time.Millisecond), base[i].cpu.Round(time.Millisecond), mib(base[i].rss),
			load[i].wall.Round(time.Millisecond), load[i].cpu.Round(time.Millisecond), mib(load[i].rss), reload[i].wall.Round(time.Millisecond))
	}
	b, l, r := median(base), median(load), median(reload)
	fmt.Printf("\n%d records, %d gz files, %d days, %.1f MiB compressed, median of %d runs", records, files, days, float64(size)/(1<<20), runs)
	if memory != "" {
		fmt.Printf(", memory_limit %s", memory)
	}
	fmt.Println()
	bc, lc := medianCPU(base), medianCPU(load)
	fmt.Printf("%-34s %10s %10s %12s\n", "", "wall", "cpu", "peak RSS")
	fmt.Printf("%-34s %10s %10s %12s\n", "plain DuckDB CTAS read_csv", b.wall.Round(time.Millisecond), bc.Round(time.Millisecond), mib(b.rss))
	fmt.Printf("%-34s %10s %10s %12s   wall %.2fx, cpu %.2fx baseline (target <= 1.10x)\n", "flowduck load", l.wall.Round(time.Millisecond), lc.Round(time.Millisecond), mib(l.rss),
		l.wall.Seconds()/b.wall.Seconds(), lc.Seconds()/bc.Seconds())
	fmt.Printf("%-34s %10s %10s %12s   %.1f%% of a full load (target <= 2%%)\n", "flowduck load (re-run, all loaded)", r.wall.Round(time.Millisecond), medianCPU(reload).Round(time.Millisecond), mib(r.rss), 100*r.wall.Seconds()/l.wall.Seconds())
	fmt.Printf("database size: plain DuckDB %s, flowduck %s\n", mib(baseSize), mib(loadSize))
	if reports {
		return runReports(bin, filepath.Join(dir, fmt.Sprintf("run%d.duckdb", runs-1)), env)
	}
	return nil
}

// sample is one measured process.
type sample struct {
	wall time.Duration
	cpu  time.Duration // user + system time of the process
	rss  int64         // peak resident set, bytes
}

// measureEnv runs a command with an environment (nil: the current one) and
// returns its wall time, CPU time and peak RSS.
func measureEnv(env []string, name string, args ...string) (sample, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	began := time.Now()
	if err := cmd.Run(); err != nil {
		return sample{}, fmt.Errorf("%v: %s", err, stderr.String())
	}
	wall := time.Since(began)
	cpu, rss := usage(cmd.ProcessState)
	return sample{wall: wall, cpu: cpu, rss: rss}, nil
}

// median returns the sample with the median wall time.
func median(s []sample) sample {
	sorted := append([]sample(nil), s...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].wall < sorted[j].wall })
	return sorted[len(sorted)/2]
}

// medianCPU returns the median CPU time.
func medianCPU(s []sample) time.Duration {
	cpu := make([]time.Duration, len(s))
	for i, x := range s {
		cpu[i] = x.cpu
	}
	sort.Slice(cpu, func(i, j int) bool { return cpu[i] < cpu[j] })
	return cpu[len(cpu)/2]
}

func mib(n int64) string { return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20)) }

// v2Columns are the default format's columns with Athena's types: what a
// user would write by hand for read_csv.
const v2Columns = `{'version': 'INTEGER', 'account_id': 'VARCHAR', 'interface_id': 'VARCHAR', 'srcaddr': 'VARCHAR',
 'dstaddr': 'VARCHAR', 'srcport': 'INTEGER', 'dstport': 'INTEGER', 'protocol': 'BIGINT', 'packets': 'BIGINT',
 'bytes': 'BIGINT', 'start': 'BIGINT', 'end': 'BIGINT', 'action': 'VARCHAR', 'log_status': 'VARCHAR'}`

// runBaseline is plain DuckDB: one CTAS over every file of the tree.
func runBaseline(ctx context.Context, db, data string) error {
	conn, err := sql.Open("duckdb", db)
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	if limit := os.Getenv("FLOWDUCK_MEMORY_LIMIT"); limit != "" {
		if _, err := conn.ExecContext(ctx, fmt.Sprintf("SET memory_limit = '%s'", strings.ReplaceAll(limit, "'", "''"))); err != nil {
			return err
		}
	}
	glob := filepath.Join(data, "**", "*.log.gz")
	_, err = conn.ExecContext(ctx, fmt.Sprintf(`CREATE TABLE t AS SELECT * FROM read_csv('%s', delim = ' ', header = true, nullstr = '-', columns = %s)`, glob, v2Columns))
	return err
}
