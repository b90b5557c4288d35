// Package demo generates realistic, deterministic VPC flow-log files in the
// layout AWS delivers to S3, for `flowduck demo`, the loader benchmarks and
// the saved-report tests.
//
// The data describes a small estate: two accounts, two regions, five VPCs
// (five flow logs) with load balancers, web, application and database tiers,
// worker fleets, Windows desktops, a NAT gateway and an ECS cluster. Background
// traffic (web requests, calls between tiers, outbound API calls, DNS, NTP,
// admin sessions, pings, IPv6, internet noise, NODATA/SKIPDATA) is random but
// seeded; on top of it Generate plants fixed scenarios with known answers,
// documented in scenarios.go.
//
// Each file covers one hour of one flow log, is gzip-compressed, starts with
// a header line of its format and holds space-separated records with "-" for
// missing values. The same Options always produce byte-identical files.
package demo

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"
)

// Defaults applied to zero Options fields.
const (
	DefaultRecords = 200_000
	DefaultFiles   = 48
	DefaultSeed    = 1
	DefaultDays    = 3
)

// DefaultStart is the first day of the data when Options.Start is zero.
var DefaultStart = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

// Options controls what Generate writes. Zero fields take the defaults.
type Options struct {
	Records int       // total records (default DefaultRecords)
	Files   int       // number of .log.gz files (default DefaultFiles)
	Seed    int64     // seed of the background traffic (default DefaultSeed)
	Start   time.Time // first day; its UTC date is used (default DefaultStart)
	Days    int       // number of days (default DefaultDays)
	// Formats is FormatMixed (default: v2 default format, v5 custom order and a
	// few v10 files, one format per flow log), FormatV2 (only the default
	// 14-field format) or FormatV5 (only the v5 custom order).
	Formats string
	// NoScenarios leaves the planted scenarios out: background traffic only
	// (the clean data the detections must stay quiet on).
	NoScenarios bool
}

// File describes one written file.
type File struct {
	Path    string // dir joined with Key
	Key     string // slash-separated S3 key, relative to dir: AWSLogs/...
	Format  string // FormatV2, FormatV5 or FormatV10
	Records int    // records, header excluded
	Bytes   int64  // compressed size
}

// Summary describes everything Generate wrote.
type Summary struct {
	Files     []File    // in order of time, then flow log
	Records   int       // total records
	Accounts  []string  // sorted
	Regions   []string  // sorted
	First     time.Time // earliest record start (UTC)
	Last      time.Time // latest record end (UTC)
	Scenarios bool      // whether the planted scenarios are in the data
}

// withDefaults fills zero fields and validates the rest.
func (o Options) withDefaults() (Options, error) {
	if o.Records == 0 {
		o.Records = DefaultRecords
	}
	if o.Files == 0 {
		o.Files = DefaultFiles
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.Start.IsZero() {
		o.Start = DefaultStart
	}
	o.Start = o.Start.UTC()
	if o.Days == 0 {
		o.Days = DefaultDays
	}
	if o.Formats == "" {
		o.Formats = FormatMixed
	}
	switch {
	case o.Records < 0:
		return o, fmt.Errorf("demo: records %d: must not be negative", o.Records)
	case o.Files < 0:
		return o, fmt.Errorf("demo: files %d: must not be negative", o.Files)
	case o.Days < 0:
		return o, fmt.Errorf("demo: days %d: must not be negative", o.Days)
	}
	switch o.Formats {
	case FormatMixed, FormatV2, FormatV5:
	default:
		return o, fmt.Errorf("demo: formats %q: want %s, %s or %s", o.Formats, FormatMixed, FormatV2, FormatV5)
	}
	return o, nil
}

// planted reports whether the options leave room for the scenarios.
func (o Options) planted() bool {
	return !o.NoScenarios && o.Records >= ScenarioMinRecords && o.Files >= ScenarioMinFiles && o.Days >= ScenarioMinDays
}

// Generate writes the flow-log files under dir (created if needed) and
// returns what it wrote. Files are written concurrently, up to GOMAXPROCS at
// a time; each file draws from its own generator seeded from Seed and its
// index, so the output does not depend on scheduling. On error or
// cancellation, files already written are left in place.
func Generate(ctx context.Context, dir string, opts Options) (Summary, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return Summary{}, err
	}
	planted := opts.planted()
	plans, err := makePlan(opts, topology(), planted)
	if err != nil {
		return Summary{}, err
	}
	pl := newPools(opts.Seed)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make([]written, len(plans))
	errs := make([]error, len(plans))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(plans)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				results[i], errs[i] = writeFile(ctx, dir, plans[i], opts.Seed, pl)
				if errs[i] != nil {
					cancel()
				}
			}
		}()
	}
	for i := range plans {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err := firstError(errs); err != nil {
		return Summary{}, err
	}
	if err := ctx.Err(); err != nil {
		return Summary{}, err
	}
	return summarize(results, planted), nil
}

// firstError prefers a real failure over the cancellations it caused.
func firstError(errs []error) error {
	var cancelled error
	for _, err := range errs {
		switch {
		case err == nil:
		case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
			if cancelled == nil {
				cancelled = err
			}
		default:
			return err
		}
	}
	return cancelled
}

func summarize(results []written, planted bool) Summary {
	s := Summary{Scenarios: planted}
	accounts, regions := map[string]bool{}, map[string]bool{}
	first, last := int64(1<<62), int64(-1)
	for _, w := range results {
		s.Files = append(s.Files, w.file)
		s.Records += w.file.Records
		first, last = min(first, w.first), max(last, w.last)
	}
	for _, w := range results {
		accounts[w.account], regions[w.region] = true, true
	}
	s.Accounts, s.Regions = sortedKeys(accounts), sortedKeys(regions)
	if last >= 0 {
		s.First, s.Last = time.Unix(first, 0).UTC(), time.Unix(last, 0).UTC()
	}
	return s
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
