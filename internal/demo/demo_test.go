package demo

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func generate(t *testing.T, opts Options) (string, Summary) {
	t.Helper()
	dir := t.TempDir()
	s, err := Generate(context.Background(), dir, opts)
	if err != nil {
		t.Fatalf("Generate(%+v): %v", opts, err)
	}
	return dir, s
}

// digests returns the sha256 of every file of s, by key.
func digests(t *testing.T, s Summary) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	for _, f := range s.Files {
		b, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		out[f.Key] = sha256.Sum256(b)
	}
	return out
}

func TestGenerateIsDeterministic(t *testing.T) {
	opts := Options{Records: 40_000, Seed: 7}
	_, a := generate(t, opts)
	_, b := generate(t, opts)
	if diff := cmp.Diff(digests(t, a), digests(t, b)); diff != "" {
		t.Errorf("same options, different files (-first +second):\n%s", diff)
	}
	stripPaths := func(s Summary) Summary {
		s.Files = append([]File(nil), s.Files...)
		for i := range s.Files {
			s.Files[i].Path = ""
		}
		return s
	}
	if diff := cmp.Diff(stripPaths(a), stripPaths(b)); diff != "" {
		t.Errorf("same options, different summaries (-first +second):\n%s", diff)
	}

	// Another seed changes every file (the background), not the layout.
	_, c := generate(t, Options{Records: 40_000, Seed: 8})
	da, dc := digests(t, a), digests(t, c)
	if len(a.Files) != len(c.Files) {
		t.Fatalf("seeds 7 and 8: %d and %d files", len(a.Files), len(c.Files))
	}
	for i := range a.Files {
		fa, fc := a.Files[i], c.Files[i]
		if fa.Key[:strings.LastIndexByte(fa.Key, '_')] != fc.Key[:strings.LastIndexByte(fc.Key, '_')] || fa.Records != fc.Records {
			t.Errorf("file %d: %s (%d records) with seed 7, %s (%d records) with seed 8", i, fa.Key, fa.Records, fc.Key, fc.Records)
		}
		if da[fa.Key] == dc[fc.Key] {
			t.Errorf("file %d has the same bytes with seeds 7 and 8", i)
		}
	}
}

// keyPattern is the S3 delivery layout.
var keyPattern = regexp.MustCompile(`^AWSLogs/(\d{12})/vpcflowlogs/([a-z]{2}-[a-z]+-\d)/(\d{4})/(\d{2})/(\d{2})/` +
	`(\d{12})_vpcflowlogs_([a-z]{2}-[a-z]+-\d)_fl-[0-9a-f]{17}_(\d{8})T(\d{2})(\d{2})Z_[0-9a-f]{8}\.log\.gz$`)

var (
	hex17      = `[0-9a-f]{17}`
	validators = map[string]*regexp.Regexp{
		"account-id":          regexp.MustCompile(`^\d{12}$`),
		"interface-id":        regexp.MustCompile(`^eni-` + hex17 + `$`),
		"action":              regexp.MustCompile(`^(ACCEPT|REJECT|-)$`),
		"log-status":          regexp.MustCompile(`^(OK|NODATA|SKIPDATA)$`),
		"vpc-id":              regexp.MustCompile(`^vpc-` + hex17 + `$`),
		"subnet-id":           regexp.MustCompile(`^subnet-` + hex17 + `$`),
		"instance-id":         regexp.MustCompile(`^(i-` + hex17 + `|-)$`),
		"type":                regexp.MustCompile(`^(IPv4|IPv6|-)$`),
		"region":              regexp.MustCompile(`^(us-east-1|eu-west-1)$`),
		"az-id":               regexp.MustCompile(`^(use1|euw1)-az\d$`),
		"sublocation-type":    regexp.MustCompile(`^-$`),
		"sublocation-id":      regexp.MustCompile(`^-$`),
		"pkt-src-aws-service": regexp.MustCompile(`^([A-Z0-9_]+|-)$`),
		"pkt-dst-aws-service": regexp.MustCompile(`^([A-Z0-9_]+|-)$`),
		"flow-direction":      regexp.MustCompile(`^(ingress|egress|-)$`),
		"ecs-cluster-arn":     regexp.MustCompile(`^(arn:aws:ecs:[a-z0-9-]+:\d{12}:cluster/[a-z0-9-]+|-)$`),
		"ecs-task-arn":        regexp.MustCompile(`^(arn:aws:ecs:[a-z0-9-]+:\d{12}:task/[a-z0-9-]+/[0-9a-f]{32}|-)$`),
		"ecs-task-id":         regexp.MustCompile(`^([0-9a-f]{32}|-)$`),
		"reject-reason":       regexp.MustCompile(`^(BPA|-)$`),
		"resource-id":         regexp.MustCompile(`^(nat-` + hex17 + `|-)$`),
	}
	numeric = map[string]int64{ // field -> largest valid value
		"version": 10, "srcport": 65535, "dstport": 65535, "protocol": 255, "packets": 1 << 40,
		"bytes": 1 << 40, "start": 1 << 40, "end": 1 << 40, "tcp-flags": 255, "traffic-path": 8,
		"encryption-status": 3,
	}
	addresses = map[string]bool{"srcaddr": true, "dstaddr": true, "pkt-srcaddr": true, "pkt-dstaddr": true}
)

func TestLayout(t *testing.T) {
	tests := []struct {
		name    string
		opts    Options
		formats map[string]bool
	}{
		{"mixed", Options{Records: 30_000}, map[string]bool{FormatV2: true, FormatV5: true, FormatV10: true}},
		{"v2 only", Options{Records: 12_000, Files: 20, Formats: FormatV2, Days: 2}, map[string]bool{FormatV2: true}},
		{"v5 only", Options{Records: 5_000, Files: 10, Formats: FormatV5, Seed: 3, Start: time.Date(2025, 12, 31, 17, 0, 0, 0, time.FixedZone("x", 3600))}, map[string]bool{FormatV5: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, s := generate(t, tt.opts)
			files := readDir(t, dir)
			opts, _ := tt.opts.withDefaults()
			if len(files) != opts.Files || len(s.Files) != opts.Files {
				t.Fatalf("%d files on disk, %d in summary, want %d", len(files), len(s.Files), opts.Files)
			}
			byKey := map[string]File{}
			for _, f := range s.Files {
				byKey[f.Key] = f
			}
			seenFormats := map[string]bool{}
			headers := map[string]string{}
			accounts, regions := map[string]bool{}, map[string]bool{}
			total := 0
			first, last := int64(1<<62), int64(0)
			for _, lf := range files {
				sf, ok := byKey[lf.key]
				if !ok {
					t.Fatalf("file %s not in summary", lf.key)
				}
				info, err := os.Stat(sf.Path)
				if err != nil || info.Size() != sf.Bytes {
					t.Errorf("%s: size %v (err %v), summary says %d", lf.key, info.Size(), err, sf.Bytes)
				}
				m := keyPattern.FindStringSubmatch(lf.key)
				if m == nil {
					t.Fatalf("key %s does not match the S3 layout", lf.key)
				}
				if m[1] != m[6] || m[2] != m[7] || m[3]+m[4]+m[5] != m[8] {
					t.Errorf("key %s: folder and file name disagree", lf.key)
				}
				accounts[m[1]], regions[m[2]] = true, true
				hourStart, err := time.Parse("20060102T15", m[8]+"T"+m[9])
				if err != nil {
					t.Fatal(err)
				}
				want, err := Header(sf.Format)
				if err != nil {
					t.Fatal(err)
				}
				if got := strings.Join(lf.header, " "); got != want {
					t.Errorf("%s: header %q, want the %s header %q", lf.key, got, sf.Format, want)
				}
				if h, ok := headers[sf.Format]; ok && h != want {
					t.Errorf("two headers for format %s", sf.Format)
				}
				headers[sf.Format] = want
				seenFormats[sf.Format] = true
				if len(lf.rows) != sf.Records {
					t.Errorf("%s: %d records, summary says %d", lf.key, len(lf.rows), sf.Records)
				}
				total += len(lf.rows)
				for i, v := range lf.rows {
					r := row{lf, v}
					if err := checkRow(r, hourStart.Unix()); err != nil {
						t.Fatalf("%s line %d %q: %v", lf.key, i+2, strings.Join(v, " "), err)
					}
					first, last = min(first, r.n("start")), max(last, r.n("end"))
				}
			}
			if diff := cmp.Diff(tt.formats, seenFormats); diff != "" {
				t.Errorf("formats (-want +got):\n%s", diff)
			}
			if total != opts.Records || s.Records != opts.Records {
				t.Errorf("%d records in files, %d in summary, want %d", total, s.Records, opts.Records)
			}
			if want := []string{AccountA, AccountB}; !cmp.Equal(s.Accounts, want) || len(accounts) != 2 {
				t.Errorf("accounts %v (on disk %v), want %v", s.Accounts, accounts, want)
			}
			if want := []string{RegionEUWest1, RegionUSEast1}; !cmp.Equal(s.Regions, want) || len(regions) != 2 {
				t.Errorf("regions %v (on disk %v), want %v", s.Regions, regions, want)
			}
			if s.First.Unix() != first || s.Last.Unix() != last {
				t.Errorf("summary spans %v..%v, records %v..%v", s.First, s.Last, time.Unix(first, 0).UTC(), time.Unix(last, 0).UTC())
			}
			day0 := time.Date(opts.Start.Year(), opts.Start.Month(), opts.Start.Day(), 0, 0, 0, 0, time.UTC)
			if s.First.Before(day0) || !s.Last.Before(day0.AddDate(0, 0, opts.Days)) {
				t.Errorf("records span %v..%v, outside the %d days from %v", s.First, s.Last, opts.Days, day0)
			}
		})
	}
}

// checkRow validates the values of one record of a file covering the hour
// starting at hourStart.
func checkRow(r row, hourStart int64) error {
	if len(r.v) != len(r.f.header) {
		return fmt.Errorf("%d fields, header has %d", len(r.v), len(r.f.header))
	}
	for i, name := range r.f.header {
		v := r.v[i]
		if re, ok := validators[name]; ok && !re.MatchString(v) {
			return fmt.Errorf("%s = %q is malformed", name, v)
		}
		if maxV, ok := numeric[name]; ok && v != "-" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 || n > maxV {
				return fmt.Errorf("%s = %q is not a number in [0, %d]", name, v, maxV)
			}
		}
		if addresses[name] && v != "-" {
			if _, err := netip.ParseAddr(v); err != nil {
				return fmt.Errorf("%s = %q: %v", name, v, err)
			}
		}
		if strings.HasPrefix(name, "ecs-") && v == "" {
			return fmt.Errorf("%s is empty", name)
		}
	}
	if v, ok := r.get("version"); !ok || v != strconv.Itoa(formats[formatByHeader(r.f)].version) {
		return fmt.Errorf("version %q", v)
	}
	start, end := r.n("start"), r.n("end")
	if start < hourStart || end >= hourStart+3600 || end < start || end-start > 60 {
		return fmt.Errorf("start %d end %d outside the file's hour %d or longer than 60 s", start, end, hourStart)
	}
	status := r.s("log-status")
	for _, name := range []string{"srcaddr", "dstaddr", "srcport", "dstport", "protocol", "packets", "bytes", "action"} {
		if v := r.s(name); (v == "-") != (status != "OK") {
			return fmt.Errorf("%s = %q with log-status %s", name, v, status)
		}
	}
	if status == "OK" {
		if typ, ok := r.get("type"); ok && (typ == "IPv6") != strings.Contains(r.s("srcaddr"), ":") {
			return fmt.Errorf("type %s for %s", typ, r.s("srcaddr"))
		}
		if p := r.n("protocol"); p != 6 && p != 17 && (r.n("srcport") != 0 || r.n("dstport") != 0) {
			return fmt.Errorf("protocol %d with ports", p)
		}
	}
	return nil
}

func formatByHeader(f *logFile) string {
	h := strings.Join(f.header, " ")
	for name, fm := range formats {
		if fm.header == h {
			return name
		}
	}
	return ""
}

func TestRecordCounts(t *testing.T) {
	odd := 123_457
	if testing.Short() {
		odd = 12_347 // still odd, and above ScenarioMinRecords
	}
	tests := []struct {
		name      string
		opts      Options
		scenarios bool
	}{
		{"tiny, no scenarios", Options{Records: 1_000, Files: 4, Days: 1}, false},
		{"smallest with scenarios", Options{Records: ScenarioMinRecords, Files: ScenarioMinFiles, Days: ScenarioMinDays}, true},
		{"too few files for scenarios", Options{Records: 20_000, Files: ScenarioMinFiles - 1}, false},
		{"one day", Options{Records: 20_000, Days: 1}, false},
		{"odd sizes", Options{Records: odd, Files: 61, Days: 5, Seed: 42}, true},
		{"more files than hours", Options{Records: 11_111, Files: 130, Days: 1}, false},
		{"empty files", Options{Records: 10, Files: 30, Formats: FormatV2}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, s := generate(t, tt.opts)
			files := readDir(t, dir)
			opts, _ := tt.opts.withDefaults()
			if len(files) != opts.Files {
				t.Errorf("%d files, want %d", len(files), opts.Files)
			}
			n := 0
			for _, f := range files {
				n += len(f.rows)
			}
			if n != tt.opts.Records || s.Records != tt.opts.Records {
				t.Errorf("%d records on disk, %d in summary, want %d", n, s.Records, tt.opts.Records)
			}
			if s.Scenarios != tt.scenarios {
				t.Errorf("Scenarios = %v, want %v", s.Scenarios, tt.scenarios)
			}
		})
	}
}

func TestScenarioRecordsConstant(t *testing.T) {
	topo := topology()
	n := 0
	for _, s := range scenarioFiles {
		recs, err := plantFile(s, topo[s.fl], DefaultStart.Unix()+int64(s.day*86400+s.hour*3600))
		if err != nil {
			t.Fatal(err)
		}
		n += len(recs)
	}
	if n != ScenarioRecords {
		t.Errorf("scenarios plant %d records, ScenarioRecords = %d", n, ScenarioRecords)
	}
	if len(scenarioFiles) != ScenarioMinFiles {
		t.Errorf("%d scenario files, ScenarioMinFiles = %d", len(scenarioFiles), ScenarioMinFiles)
	}
}

func TestOptionErrors(t *testing.T) {
	tests := []struct {
		name string
		opts Options
	}{
		{"negative records", Options{Records: -1}},
		{"negative files", Options{Files: -2}},
		{"negative days", Options{Days: -1}},
		{"unknown formats", Options{Formats: "v7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := Generate(context.Background(), dir, tt.opts); err == nil {
				t.Fatalf("Generate(%+v) succeeded", tt.opts)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 0 {
				t.Errorf("wrote %d entries despite the error", len(entries))
			}
		})
	}
	if _, err := Header("v3"); err == nil {
		t.Error("Header(v3) succeeded")
	}
}

func TestGenerateCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Generate(ctx, t.TempDir(), Options{Records: 50_000})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestGenerateUnwritableDir(t *testing.T) {
	dir := t.TempDir() + "/file"
	if err := os.WriteFile(dir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Generate(context.Background(), dir, Options{Records: 100, Files: 2})
	if err == nil || errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want a write error", err)
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		dir := b.TempDir()
		s, err := Generate(context.Background(), dir, Options{Records: 1_000_000, Formats: FormatV2})
		if err != nil {
			b.Fatal(err)
		}
		if s.Records != 1_000_000 {
			b.Fatalf("%d records", s.Records)
		}
	}
	b.ReportMetric(float64(1_000_000*b.N)/b.Elapsed().Seconds(), "records/s")
}

// TestPlanPathsDistinct: every planned file has a path of its own, whatever
// the number of days (with 10 days two files once shared a path, and their
// concurrent writes made a damaged gzip file).
func TestPlanPathsDistinct(t *testing.T) {
	for _, days := range []int{1, 3, 7, 10, 31} {
		opts, err := Options{Records: 1_000_000, Files: 480, Days: days}.withDefaults()
		if err != nil {
			t.Fatal(err)
		}
		plans, err := makePlan(opts, topology(), opts.planted())
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, p := range plans {
			if seen[p.path] {
				t.Fatalf("%d days: two files at %s", days, p.path)
			}
			seen[p.path] = true
		}
	}
}
