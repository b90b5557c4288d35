// Command addrbench measures the Athena address constructs against the same
// question asked of the address text (issue 14, section 1): for each query,
// the IPADDRESS form and the text form run alternately in one process on
// one database, and it prints the median of each and their ratio (target:
// at most 1.5), the form that runs first alternating from run to run, and
// the same for the CPU time the process used (DuckDB's threads included).
// Absolute times on a shared machine are noisy; the ratio
// within one run is the figure.
//
//	go run ./bench/addrbench -records 10000000 -runs 3
//
// It generates the dataset as bench/loadbench does (flowduck's demo
// generator, v2 format) and loads it with `flowduck load` into
// DIR/addr-N.duckdb, both kept and reused; -db measures an existing
// database instead. Both forms go through the path a user statement takes:
// the Athena rewrite, then DuckDB. ip-activity runs as `flowduck run` does
// (queries.Prepare and queries.Run); its text form is the report's SQL with
// each contains($ip, CAST(x AS IPADDRESS)) written as x LIKE 'prefix%', run
// the same way as a user report.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/flowduck/flowduck/bench/internal/dataset"
	"github.com/flowduck/flowduck/internal/dialect"
	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/render"
	"github.com/flowduck/flowduck/queries"
)

func main() {
	records := flag.Int("records", 10_000_000, "records to generate")
	files := flag.Int("files", 48, "gz files to generate")
	runs := flag.Int("runs", 3, "runs of each query form")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "flowduck-loadbench"), "work directory (dataset and database are kept and reused)")
	db := flag.String("db", "", "measure this loaded database instead of generating one")
	verbose = flag.Bool("v", false, "print every measurement to standard error")
	only := flag.String("only", "", "measure only the queries whose name contains this text")
	flag.Parse()
	ctx := context.Background()
	if err := run(ctx, *dir, *db, *only, *records, *files, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "addrbench:", err)
		os.Exit(1)
	}
}

// verbose prints every measurement to standard error.
var verbose *bool

// pair is one question asked both ways.
type pair struct {
	name          string
	address, text string
	// report, when set, runs the address form as the saved report does.
	report map[string]string
	// sameResult: the two forms must give the same first value.
	sameResult bool
}

func run(ctx context.Context, dir, db, only string, records, files, runs int) error {
	if db == "" {
		bin, err := dataset.Build(dir)
		if err != nil {
			return err
		}
		if db, err = dataset.Loaded(ctx, os.Stderr, dir, bin, records, files); err != nil {
			return err
		}
	}
	s, err := duck.Open(ctx, duck.Options{Path: db, ReadOnly: true})
	if err != nil {
		return err
	}
	defer s.Close()
	pairs, err := questions(ctx, s.Conn)
	if err != nil {
		return err
	}
	if only != "" {
		var kept []pair
		for _, p := range pairs {
			if strings.Contains(p.name, only) {
				kept = append(kept, p)
			}
		}
		if len(kept) == 0 {
			return fmt.Errorf("no query's name contains %q", only)
		}
		pairs = kept
	}
	times := make([][2][]time.Duration, len(pairs))
	cpus := make([][2][]time.Duration, len(pairs))
	firsts := make([][2]string, len(pairs))
	for i := range runs {
		for j, p := range pairs {
			for k := range 2 {
				// The address form runs first in odd runs, the text form in
				// even ones: neither always finds the other's work done.
				form := (k + i) % 2
				cpu0 := cpuTime()
				d, first, err := measure(ctx, s.Conn, p, form)
				cpu := cpuTime() - cpu0
				if err != nil {
					return fmt.Errorf("%s (%s form): %w", p.name, []string{"address", "text"}[form], err)
				}
				times[j][form] = append(times[j][form], d)
				cpus[j][form] = append(cpus[j][form], cpu)
				if *verbose {
					fmt.Fprintf(os.Stderr, "%s, %s form: %s (CPU %s)\n", p.name, []string{"address", "text"}[form], d.Round(time.Millisecond), cpu.Round(time.Millisecond))
				}
				firsts[j][form] = first
			}
		}
		fmt.Fprintf(os.Stderr, "run %d of %d done\n", i+1, runs)
	}
	var n int64
	if err := s.Conn.QueryRowContext(ctx, "SELECT count(*) FROM vpc_flow_logs").Scan(&n); err != nil {
		return err
	}
	fmt.Printf("%d records in %s, median of %d runs, address and text forms alternating\n\n", n, db, runs)
	fmt.Printf("| query | address form | text form | ratio | address CPU | text CPU | CPU ratio |\n|---|---:|---:|---:|---:|---:|---:|\n")
	worst, worstCPU := 0.0, 0.0
	for j, p := range pairs {
		a, t := dataset.Median(times[j][0]), dataset.Median(times[j][1])
		ratio := a.Seconds() / t.Seconds()
		worst = max(worst, ratio)
		ac, tc := dataset.Median(cpus[j][0]), dataset.Median(cpus[j][1])
		cpuRatio := ac.Seconds() / tc.Seconds()
		worstCPU = max(worstCPU, cpuRatio)
		fmt.Printf("| %s | %s | %s | %.2f | %s | %s | %.2f |\n", p.name, a.Round(time.Millisecond), t.Round(time.Millisecond), ratio,
			ac.Round(time.Millisecond), tc.Round(time.Millisecond), cpuRatio)
		if p.sameResult && firsts[j][0] != firsts[j][1] {
			return fmt.Errorf("%s: the address form gives %s, the text form %s", p.name, firsts[j][0], firsts[j][1])
		}
	}
	fmt.Printf("\nworst ratio %.2f (target <= 1.50), of CPU time %.2f\n", worst, worstCPU)
	return nil
}

// questions are the table plus a network, an address and an IPv6
// network that hold data (the 10.0.0.0/16 holds none of the demo's).
func questions(ctx context.Context, conn *sql.Conn) ([]pair, error) {
	var busy, busy6 string
	if err := conn.QueryRowContext(ctx, `SELECT srcaddr FROM vpc_flow_logs WHERE srcaddr LIKE '%.%' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`).Scan(&busy); err != nil {
		return nil, fmt.Errorf("busiest address: %w", err)
	}
	if err := conn.QueryRowContext(ctx, `SELECT coalesce(min(srcaddr), '2001:db8::1') FROM vpc_flow_logs WHERE srcaddr LIKE '%:%'`).Scan(&busy6); err != nil {
		return nil, fmt.Errorf("an IPv6 address: %w", err)
	}
	a4, err := netip.ParseAddr(busy)
	if err != nil {
		return nil, err
	}
	b4 := a4.As4()
	net16 := fmt.Sprintf("%d.%d.0.0/16", b4[0], b4[1])
	like16 := fmt.Sprintf("%d.%d.%%", b4[0], b4[1])
	a6, err := netip.ParseAddr(busy6)
	if err != nil {
		return nil, err
	}
	b6 := a6.As16()
	net32 := netip.PrefixFrom(a6, 32).Masked().String()
	like32 := fmt.Sprintf("%x:%x:%%", uint16(b6[0])<<8|uint16(b6[1]), uint16(b6[2])<<8|uint16(b6[3]))
	count := "SELECT count(*) FROM vpc_flow_logs WHERE "
	either := func(cidr string) string {
		return fmt.Sprintf("contains('%s', CAST(srcaddr AS IPADDRESS)) OR contains('%s', CAST(dstaddr AS IPADDRESS))", cidr, cidr)
	}
	eitherLike := func(prefix string) string {
		return fmt.Sprintf("srcaddr LIKE '%s' OR dstaddr LIKE '%s'", prefix, prefix)
	}
	private := []string{"10.%", "192.168.%", "169.254.%", "fc%", "fd%", "fe8%", "fe9%", "fea%", "feb%"}
	for o := 16; o < 32; o++ {
		private = append(private, fmt.Sprintf("172.%d.%%", o))
	}
	for o := 64; o < 128; o++ {
		private = append(private, fmt.Sprintf("100.%d.%%", o))
	}
	var privateLike []string
	for _, p := range private {
		privateLike = append(privateLike, "srcaddr LIKE '"+p+"'")
	}
	return []pair{
		{name: "contains 10.0.0.0/16, src or dst", address: count + either("10.0.0.0/16"), text: count + eitherLike("10.0.%"), sameResult: true},
		{name: "= IPADDRESS '10.0.0.1'", address: count + "CAST(srcaddr AS IPADDRESS) = IPADDRESS '10.0.0.1'", text: count + "srcaddr = '10.0.0.1'", sameResult: true},
		{name: "ORDER BY address LIMIT 10", address: "SELECT * FROM vpc_flow_logs ORDER BY CAST(srcaddr AS IPADDRESS) LIMIT 10", text: "SELECT * FROM vpc_flow_logs ORDER BY srcaddr LIMIT 10"},
		{name: "ip-activity ip=10.0.0.0/16", report: map[string]string{"ip": "10.0.0.0/16"}, text: "10.0.%"},
		{name: "contains " + net16 + " (busy), src or dst", address: count + either(net16), text: count + eitherLike(like16), sameResult: true},
		{name: "= IPADDRESS '" + busy + "' (busiest)", address: count + "CAST(srcaddr AS IPADDRESS) = IPADDRESS '" + busy + "'", text: count + "srcaddr = '" + busy + "'", sameResult: true},
		{name: "contains " + net32 + ", src or dst", address: count + either(net32), text: count + eitherLike(like32), sameResult: true},
		{name: "is_private(srcaddr)", address: count + "is_private(srcaddr)", text: count + strings.Join(privateLike, " OR "), sameResult: true},
		{name: "ip-activity ip=" + net16 + " (busy)", report: map[string]string{"ip": net16}, text: like16},
	}, nil
}

// cpuTime is the CPU time this process has used, user and system: DuckDB
// runs in it, so the CPU time a query takes is its cost, which other
// programs on a shared machine change far less than its wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure runs one form of p and returns its time and its first value.
func measure(ctx context.Context, conn *sql.Conn, p pair, form int) (time.Duration, string, error) {
	began := time.Now()
	if p.report != nil {
		first, err := runReport(ctx, conn, p, form)
		return time.Since(began), first, err
	}
	stmt := p.address
	if form == 1 {
		stmt = p.text
	}
	first, err := runQuery(ctx, conn, stmt, nil)
	return time.Since(began), first, err
}

// runQuery rewrites and runs stmt, reads every row and returns the first
// value of the first row.
func runQuery(ctx context.Context, conn *sql.Conn, stmt string, args []any) (string, error) {
	rewritten, err := dialect.Rewrite(ctx, conn, stmt)
	if err != nil {
		return "", err
	}
	// sessions create the dialect's macros as statements name them
	if err := dialect.Ensure(ctx, conn, rewritten); err != nil {
		return "", err
	}
	rows, err := conn.QueryContext(ctx, rewritten, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return "", err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	first := ""
	for n := 0; rows.Next(); n++ {
		if err := rows.Scan(ptrs...); err != nil {
			return "", err
		}
		if n == 0 {
			first = fmt.Sprint(vals[0])
		}
	}
	return first, rows.Err()
}

// runReport runs ip-activity as `flowduck run` does, in its address form or
// in its text form: the report's SQL with the address predicates written as
// text prefixes, saved as a user report so it takes the same path.
func runReport(ctx context.Context, conn *sql.Conn, p pair, form int) (string, error) {
	name, dirs := "ip-activity", []string(nil)
	if form == 1 {
		dir, err := textReport(p.text)
		if err != nil {
			return "", err
		}
		defer os.RemoveAll(dir)
		name, dirs = "ip-activity-text", []string{dir}
	}
	r, err := queries.Lookup(name, dirs...)
	if err != nil {
		return "", err
	}
	call, err := queries.Prepare(r, p.report, filter.Filter{})
	if err != nil {
		return "", err
	}
	return "", queries.Run(ctx, conn, call, io.Discard, render.Options{Format: render.CSV})
}

// textReport writes ip-activity with each contains($ip, CAST(x AS
// IPADDRESS)) as x LIKE 'prefix' into a new directory as the report
// ip-activity-text.
func textReport(prefix string) (string, error) {
	text, err := os.ReadFile(filepath.Join("queries", "sql", "ip-activity.sql"))
	if err != nil {
		return "", fmt.Errorf("run from the repository root: %w", err)
	}
	stmt := strings.Replace(string(text), "-- name: ip-activity", "-- name: ip-activity-text", 1)
	for _, col := range []string{"srcaddr", "dstaddr"} {
		stmt = strings.ReplaceAll(stmt, "contains($ip, CAST("+col+" AS IPADDRESS))", col+" LIKE '"+prefix+"'")
	}
	if strings.Contains(stmt, "contains($ip") {
		return "", fmt.Errorf("ip-activity.sql: an address predicate the text form does not know")
	}
	dir, err := os.MkdirTemp("", "addrbench")
	if err != nil {
		return "", err
	}
	return dir, os.WriteFile(filepath.Join(dir, "ip-activity-text.sql"), []byte(stmt), 0o644)
}
