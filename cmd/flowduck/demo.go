package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/internal/demo"
	"github.com/flowduck/flowduck/internal/detect"
	"github.com/flowduck/flowduck/internal/dialect"
	"github.com/flowduck/flowduck/internal/duck"
	"github.com/flowduck/flowduck/internal/duckmsg"
	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/render"
	"github.com/flowduck/flowduck/internal/units"
	"github.com/flowduck/flowduck/loader"
	"github.com/flowduck/flowduck/queries"
)

// demoDB is the database the demo loads into when --db is not given, so the
// demo never mixes its data into an investigation's flowduck.duckdb.
const demoDB = "flowduck-demo.duckdb"

// demoOptions configure `flowduck demo`.
type demoOptions struct {
	g       *globalOptions
	records int
	files   int
	seed    int64
	formats string
	out     string
}

func newDemoCmd(g *globalOptions) *cobra.Command {
	o := &demoOptions{g: g}
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Generate a realistic sample dataset, load it, and show what flowduck does",
		Long: `Generate a deterministic, realistic VPC Flow Logs dataset in the S3 delivery layout (two
accounts, two regions, three days; the default v2 format, a v5 custom order and v10 files
mixed; NODATA/SKIPDATA records; planted incidents: an SSH brute force, a port scan, an RDP
sweep, a large egress, a beacon, DNS exfiltration, a crypto miner, NAT gateway traffic, BPA
rejects, ...), load it, run a few of the queries an investigation starts with, and end with
flowduck detect finding the planted incidents.

Without --db the demo loads into ./` + demoDB + `, not ./flowduck.duckdb.
With --out DIR it only writes the files (for benchmarks and tests).`,
		Example: `  flowduck demo
  flowduck demo --records 10000000 --out /tmp/flowlogs --formats v2`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cmd.Flags().Changed("out") {
				return runDemoFiles(cmd.Context(), o)
			}
			return runDemo(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.records, "records", demo.DefaultRecords, "number of records")
	f.IntVar(&o.files, "files", demo.DefaultFiles, "number of .log.gz files")
	f.Int64Var(&o.seed, "seed", demo.DefaultSeed, "seed of the background traffic")
	f.StringVar(&o.formats, "formats", demo.FormatMixed, "record formats: mixed, v2 or v5")
	f.StringVar(&o.out, "out", "", "write the files to `DIR` and stop (no load)")
	return cmd
}

func (o *demoOptions) generate(ctx context.Context, dir string) (demo.Summary, error) {
	began := time.Now()
	sum, err := demo.Generate(ctx, dir, demo.Options{Records: o.records, Files: o.files, Seed: o.seed, Formats: o.formats})
	if err != nil {
		return sum, fmt.Errorf("demo: %w", err)
	}
	var bytes int64
	for _, f := range sum.Files {
		bytes += f.Bytes
	}
	fmt.Fprintf(o.g.streams.ErrOut, "generated %s records in %d files (%s, %d accounts, %d regions, %s to %s) under %s in %s\n",
		groupDigits(int64(sum.Records)), len(sum.Files), units.Bytes(bytes), len(sum.Accounts), len(sum.Regions),
		sum.First.Format(time.DateOnly), sum.Last.Format(time.DateOnly), dir, time.Since(began).Round(time.Millisecond))
	return sum, nil
}

// runDemoFiles only writes the dataset.
func runDemoFiles(ctx context.Context, o *demoOptions) error {
	_, err := o.generate(ctx, o.out)
	return err
}

// runDemo generates the dataset into the user cache (so a second run finds
// the same files and skips them), loads it and shows a tour.
func runDemo(ctx context.Context, o *demoOptions) error {
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "flowduck", "demo", fmt.Sprintf("v%d-%s-%d-%d-%d", demo.DatasetVersion, o.formats, o.records, o.files, o.seed))
	if _, err := os.Stat(filepath.Join(dir, ".complete")); err != nil {
		if err := os.RemoveAll(dir); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		if _, err := o.generate(ctx, dir); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, ".complete"), nil, 0o644); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	if o.g.dbPath == "" && o.g.getenv("FLOWDUCK_DB") == "" {
		o.g.dbPath = demoDB
	}
	s, err := o.g.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := loader.Load(ctx, s.Conn, loader.Options{Sources: []string{dir}, Progress: o.g.streams.ErrOut, Live: o.g.streams.ErrTTY, Trace: o.g.trace()})
	if err != nil {
		return err
	}
	printLoadSummary(o.g.streams, res)
	if err := res.Err(); err != nil {
		return err
	}
	ropts, err := (&outputFlag{}).options(o.g)
	if err != nil {
		return err
	}
	w := o.g.streams.Out
	for _, step := range demoTour {
		fmt.Fprintf(w, "\n%s\n", step.title)
		if o.g.streams.IsTTY {
			fmt.Fprintf(w, "$ flowduck --db %s sql %s\n", shellQuote(s.Path), shellQuote(duckmsg.OneLine(step.sql)))
		}
		rows, err := dialect.Query(ctx, s.Conn, step.sql)
		if err != nil {
			return fmt.Errorf("demo query %q: %w", step.title, err)
		}
		_, err = render.Rows(ctx, w, rows, ropts)
		rows.Close()
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "\nA saved report: remote administration ports accepted from the internet (flowduck run admin-ports-exposed):\n")
	if err := runDemoReport(ctx, s, "admin-ports-exposed", w, ropts); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nEvery detection at once, highest severity first (flowduck detect):\n")
	if err := runDemoDetect(ctx, s, w, ropts); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nThe data is in %s. Next:\n  flowduck --db %s repl\n  flowduck --db %s reports\n  flowduck --db %s run port-scan\n", s.Path, s.Path, s.Path, s.Path)
	return nil
}

// demoTour is what the demo shows after loading: the manifest, then queries
// as an investigation starts them, in Athena's SQL.
var demoTour = []struct{ title, sql string }{
	{"What was loaded (flowduck files):",
		`SELECT format, count(*) AS files, sum(records) AS records, sum(rejects) AS rejects FROM flowduck_files GROUP BY format ORDER BY format`},
	{"Traffic by day and action (Athena's vpc_flow_logs view, date partition):",
		`SELECT date, action, count(*) AS flows, sum(packets) AS packets, sum(bytes) AS bytes FROM vpc_flow_logs WHERE log_status = 'OK' GROUP BY date, action ORDER BY date, action`},
	{"Top destinations of HTTPS packets (the Athena user guide's query, unchanged):",
		`SELECT SUM(packets) AS packetcount, dstaddr FROM vpc_flow_logs WHERE dstport = 443 AND date >= DATE '2026-03-02' GROUP BY dstaddr ORDER BY packetcount DESC, dstaddr LIMIT 5`},
	{"Who is knocking on SSH from outside (rejected TCP to port 22):",
		`SELECT srcaddr, count(*) AS attempts, count(DISTINCT dstaddr) AS targets, min(from_unixtime(start)) AS first_seen, max(from_unixtime("end")) AS last_seen FROM vpc_flow_logs WHERE dstport = 22 AND protocol = 6 AND action = 'REJECT' GROUP BY srcaddr ORDER BY attempts DESC, srcaddr LIMIT 5`},
	{"One source, many ports on one host (a port scan):",
		`SELECT srcaddr, dstaddr, count(DISTINCT dstport) AS ports, min(from_unixtime(start)) AS first_seen FROM vpc_flow_logs WHERE action = 'REJECT' GROUP BY srcaddr, dstaddr HAVING count(DISTINCT dstport) > 100 ORDER BY ports DESC, srcaddr, dstaddr`},
}

// runDemoDetect ends the tour with flowduck detect: the planted incidents
// as findings, then the summary line.
func runDemoDetect(ctx context.Context, s *duck.Session, w io.Writer, ropts render.Options) error {
	res, err := detect.Run(ctx, s.Conn, detect.Options{})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if err := detect.Render(ctx, w, res, ropts); err != nil {
		return err
	}
	_, err = fmt.Fprintln(w, res.Summary())
	return err
}

// runDemoReport runs a built-in report in the tour.
func runDemoReport(ctx context.Context, s *duck.Session, name string, w io.Writer, ropts render.Options) error {
	report, err := queries.Lookup(name)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	call, err := queries.Prepare(report, nil, filter.Filter{})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	return queries.Run(ctx, s.Conn, call, w, ropts)
}
