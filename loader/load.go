package loader

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/flowduck/flowduck/internal/store"
	"github.com/flowduck/flowduck/schema"
)

// Options configure one load.
type Options struct {
	// Sources are files, directories (recursive), globs or s3:// URIs.
	Sources []string
	// Format is an AWS format string ("${version} ${srcaddr} ...") for
	// headerless records; empty means the default v2 format for 14 fields.
	Format string
	// Filter skips files and records out of range.
	Filter Filter
	// Force reloads files that are already loaded, replacing their rows.
	Force bool
	// Progress receives the live progress line (when Live) and the summary.
	Progress io.Writer
	// Live redraws a progress line while loading (Progress is a terminal).
	Live bool
	// S3 configures s3:// sources.
	S3 S3Options
}

// Status is the outcome of one file.
type Status string

// File outcomes.
const (
	Loaded  Status = "loaded"
	Skipped Status = "skipped"
	Failed  Status = "failed"
)

// FileResult is what happened to one file.
type FileResult struct {
	Path    string
	Status  Status
	Reason  string // why it was skipped or failed
	Format  string
	Records int64
	Rejects int64
}

// Result summarises a load.
type Result struct {
	Files   []FileResult
	Loaded  int
	Skipped int
	Failed  int
	Records int64
	Rejects int64
	Bytes   int64
	Elapsed time.Duration
}

// Err returns an error naming the failed files, or nil when none failed.
func (r Result) Err() error {
	if r.Failed == 0 {
		return nil
	}
	var names []string
	for _, f := range r.Files {
		if f.Status == Failed {
			names = append(names, f.Path)
		}
	}
	return fmt.Errorf("%d file(s) failed to load: %s", r.Failed, strings.Join(names, ", "))
}

// Load loads the sources into the database on conn, in one transaction.
func Load(ctx context.Context, conn *sql.Conn, opts Options) (Result, error) {
	began := time.Now()
	trace := newTracer()
	var format []schema.Field
	if opts.Format != "" {
		f, err := schema.ParseFormat(opts.Format)
		if err != nil {
			return Result{}, fmt.Errorf("--format: %w", err)
		}
		format = f
	}
	man, err := readManifest(ctx, conn)
	if err != nil {
		return Result{}, err
	}
	files, s3res, err := discover(ctx, opts, man)
	if err != nil {
		return Result{}, err
	}
	trace.step("manifest and discovery")
	res := Result{}
	res.Files = append(res.Files, s3res...)
	jobs := plan(files, man, opts, &res)
	sniffAll(ctx, jobs, format)
	trace.step("sniff")
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	prog := newProgress(opts.Progress, opts.Live, jobs)
	defer prog.stop()
	if err := commitLoad(ctx, conn, jobs, opts.Filter, man.maxID, prog, trace); err != nil {
		return Result{}, err
	}
	for _, j := range jobs {
		fr := FileResult{Path: j.Key, Format: j.sniff.Format(), Records: j.records, Rejects: j.rejects, Status: Loaded}
		if j.err != nil {
			fr.Status, fr.Reason = Failed, j.err.Error()
		} else {
			res.Bytes += j.Size
		}
		res.Files = append(res.Files, fr)
	}
	for _, f := range res.Files {
		switch f.Status {
		case Loaded:
			res.Loaded++
			res.Records += f.Records
			res.Rejects += f.Rejects
		case Skipped:
			res.Skipped++
		case Failed:
			res.Failed++
		}
	}
	res.Elapsed = time.Since(began)
	return res, nil
}

// plan decides for each file: skip it (loaded already, or out of range by its
// path) or load it, possibly replacing an older version.
func plan(files []file, man manifest, opts Options, res *Result) []*job {
	var jobs []*job
	for _, f := range files {
		if f.Part.outside(opts.Filter) {
			res.Files = append(res.Files, FileResult{Path: f.Key, Status: Skipped, Reason: "outside the requested range"})
			continue
		}
		entry, same := man.unchanged(f)
		if same && !opts.Force {
			res.Files = append(res.Files, FileResult{Path: f.Key, Status: Skipped, Reason: "already loaded"})
			continue
		}
		j := &job{file: f}
		if _, known := man.entries[f.Key]; known {
			j.replaces = entry.ID
		}
		jobs = append(jobs, j)
	}
	return jobs
}

// sniffAll recognises every file, concurrently; a file that cannot be
// recognised fails with the reason.
func sniffAll(ctx context.Context, jobs []*job, format []schema.Field) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	for _, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if ctx.Err() != nil {
				return
			}
			s, err := sniff(j.Local, format)
			if err != nil {
				j.err = err
				return
			}
			j.sniff = s
		}()
	}
	wg.Wait()
}

// errRetry asks commitLoad to roll back and run again without the jobs that
// failed in the attempt.
var errRetry = errors.New("retry without failed files")

// commitLoad loads the jobs in one transaction. When DuckDB fails on a file,
// the transaction is rolled back and run again without that file, so one bad
// file never stops the others and never leaves half of itself behind.
func commitLoad(ctx context.Context, conn *sql.Conn, jobs []*job, f Filter, maxID int64, prog *progress, trace *tracer) error {
	for attempt := 0; ; attempt++ {
		err := attemptLoad(ctx, conn, jobs, f, maxID, prog, trace)
		if !errors.Is(err, errRetry) {
			return err
		}
		if attempt > len(jobs) {
			return fmt.Errorf("load: giving up after %d attempts", attempt)
		}
	}
}

// attemptLoad is one try at the whole load as one transaction.
func attemptLoad(ctx context.Context, conn *sql.Conn, jobs []*job, f Filter, maxID int64, prog *progress, trace *tracer) (err error) {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin load: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if err := store.Ensure(ctx, tx); err != nil {
		return err
	}
	id := maxID
	var live []*job
	for _, j := range jobs {
		j.records, j.rejects = 0, 0
		if j.err == nil {
			id++
			j.id = id
			live = append(live, j)
		}
	}
	if err := stageFiles(ctx, tx, live); err != nil {
		return err
	}
	if err := dropReplaced(ctx, tx, jobs); err != nil {
		return err
	}
	groups := groupJobs(live)
	ver := startVerifier(ctx, live, runtime.GOMAXPROCS(0))
	prog.watch(ver)
	for i, g := range groups {
		if err := loadGroup(ctx, tx, g, f, i); err != nil {
			ver.wait()
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return blame(g, err)
		}
		prog.groupDone(g)
		trace.step(fmt.Sprintf("group %d (%d files)", i+1, len(g.jobs)))
	}
	damaged := ver.wait()
	trace.step("gzip check (remaining)")
	if err := ctx.Err(); err != nil {
		return err
	}
	for j, why := range damaged {
		j.err = why
		if err := dropFile(ctx, tx, j.id); err != nil {
			return err
		}
	}
	if err := countPerFile(ctx, tx, live, maxID); err != nil {
		return err
	}
	trace.step("count per file")
	if err := recordManifest(ctx, tx, live); err != nil {
		return err
	}
	if err := store.RefreshViews(ctx, tx); err != nil {
		return err
	}
	trace.step("manifest and views")
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit load: %w", err)
	}
	trace.step("commit")
	return nil
}

// blame marks the file of a group that DuckDB failed on. DuckDB names the file
// in its I/O and Parquet errors; when it does not, every file of the group is
// loaded on its own in the next attempt so the culprit shows.
func blame(g *group, err error) error {
	live := g.live()
	msg := oneLine(err.Error())
	for _, j := range live {
		if strings.Contains(msg, j.Local) {
			j.err = errors.New(msg)
			return errRetry
		}
	}
	if len(live) == 1 {
		live[0].err = errors.New(msg)
		return errRetry
	}
	for _, j := range live {
		j.alone = true
	}
	return errRetry
}

// oneLine joins a multi-line DuckDB message into one line.
func oneLine(msg string) string {
	var parts []string
	for _, line := range strings.Split(msg, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			parts = append(parts, line)
		}
	}
	return strings.Join(parts, " ")
}
