package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// reportParams are the values given to the built-in reports' required
// parameters: networks and hosts of the demo topology.
var reportParams = map[string][]string{
	"ip-activity":  {"ip=10.20.0.0/16"},
	"conversation": {"a=10.20.10.10", "b=10.20.20.10"},
}

// slowReport is the time a report should stay under (issue 14: every
// built-in report under 5 s at 100 million records on 2 cores).
const slowReport = 5 * time.Second

// runReports times every built-in report (and detect, when the binary has
// it) on the loaded database db, each in its own process with its output
// discarded, and prints one line per report.
func runReports(bin, db string, env []string) error {
	out, err := exec.Command(bin, "reports", "-o", "csv").Output()
	if err != nil {
		return fmt.Errorf("list reports: %w", err)
	}
	rows, err := csv.NewReader(strings.NewReader(string(out))).ReadAll()
	if err != nil || len(rows) == 0 {
		return fmt.Errorf("list reports: %v", err)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	type job struct {
		name string
		args []string
	}
	var jobs []job
	for _, r := range rows[1:] {
		if r[col["origin"]] != "built-in" {
			continue
		}
		name := r[col["name"]]
		args := []string{"--db", db, "run", name, "-o", "csv"}
		for _, p := range reportParams[name] {
			args = append(args, "--param", p)
		}
		jobs = append(jobs, job{name, args})
	}
	if exec.Command(bin, "detect", "--help").Run() == nil {
		jobs = append(jobs, job{"detect", []string{"--db", db, "detect", "-o", "csv"}})
	}
	fmt.Printf("\n%-28s %10s %10s %10s  %s\n", "report", "wall", "cpu", "peak RSS", "rows")
	var slow []string
	for _, j := range jobs {
		cmd := exec.Command(bin, j.args...)
		cmd.Env = env
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		began := time.Now()
		err := cmd.Run()
		wall := time.Since(began)
		if err != nil {
			msg := strings.TrimSpace(stderr.String())
			if i := strings.IndexByte(msg, '\n'); i > 0 {
				msg = msg[:i]
			}
			fmt.Printf("%-28s %10s %10s %10s  not run: %s\n", j.name, "-", "-", "-", msg)
			continue
		}
		cpu, rss := usage(cmd.ProcessState)
		mark := ""
		if wall > slowReport {
			mark = "  over 5 s"
			slow = append(slow, j.name)
		}
		fmt.Printf("%-28s %10s %10s %10s  %d%s\n", j.name, wall.Round(time.Millisecond), cpu.Round(time.Millisecond), mib(rss),
			max(0, strings.Count(stdout.String(), "\n")-1), mark)
	}
	if len(slow) > 0 {
		fmt.Printf("over %s: %s\n", slowReport, strings.Join(slow, ", "))
	}
	return nil
}

// fileSize is the size of a file, 0 if it does not exist.
func fileSize(path string) int64 {
	info, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return info.Size()
}
