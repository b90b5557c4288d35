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

	"github.com/flowduck/flowduck/internal/duckmsg"
	"github.com/flowduck/flowduck/internal/filter"
	"github.com/flowduck/flowduck/internal/store"
	"github.com/flowduck/flowduck/schema"
)

// Options configure one load.
type Options struct {
	// Sources are files, directories (recursive), globs, s3:// URIs or
	// cwl:// URIs (CloudWatch Logs groups), the URIs read by S3 and CWL.
	Sources []string
	// Format is an AWS format string ("${version} ${srcaddr} ...") for
	// headerless records; empty means the default v2 format for 14 fields.
	Format string
	// Filter skips files and records out of range: its Since, Until,
	// Accounts and Regions apply (the other fields are for reports). For
	// cwl:// sources Since and Until bound the events pulled, Regions names
	// the log group's region and ENIs pick its streams.
	Filter filter.Filter
	// Force reloads files that are already loaded, replacing their rows.
	Force bool
	// Progress receives the live progress line (when Live) and the summary.
	Progress io.Writer
	// Live redraws a progress line while loading (Progress is a terminal).
	Live bool
	// S3 reads s3:// sources and CWL cwl:// sources; nil fails such a
	// source.
	S3  ObjectReader
	CWL EventReader
	// Ignore are paths never loaded: the database's own files, which may sit
	// inside the tree being loaded.
	Ignore []string
	// Trace, if set, receives each load step's wall and CPU time: where a
	// slow load spends its time (flowduck sets it from FLOWDUCK_TRACE).
	Trace io.Writer
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
	Path   string
	Status Status
	Reason string // why it was skipped or failed
	// Quiet marks a routine skip (loaded already, out of the requested
	// range, seen before): not worth a line of its own in a summary.
	Quiet   bool
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
// Files from S3 are loaded in batches as their downloads complete, so
// downloading and loading overlap.
func Load(ctx context.Context, conn *sql.Conn, opts Options) (Result, error) {
	began := time.Now()
	r := &run{opts: opts, trace: newTracer(opts.Trace)}
	defer r.tmp.remove()
	if opts.Format != "" {
		f, err := schema.ParseFormat(opts.Format)
		if err != nil {
			return Result{}, fmt.Errorf("--format: %w", err)
		}
		r.format = f
	}
	if err := heal(ctx, conn, opts.Progress); err != nil {
		return Result{}, err
	}
	man, err := readManifest(ctx, conn)
	if err != nil {
		return Result{}, err
	}
	r.man = man
	r.copies = newCopies(man)
	if r.marks, err = readMarks(ctx, conn); err != nil {
		return Result{}, err
	}
	src, err := discover(ctx, opts, man, r.marks)
	if err != nil {
		return Result{}, err
	}
	defer src.stop()
	r.trace.step("manifest and discovery")
	r.prog = newProgress(opts.Progress, opts.Live && !src.remote, nil)
	defer r.prog.stop()
	restore, err := applyLoadSettings(ctx, conn)
	if err != nil {
		return Result{}, err
	}
	defer restore()
	if err := r.commit(ctx, conn, src); err != nil {
		return Result{}, err
	}
	res := Result{Files: append(r.skipped, src.results...)}
	for _, j := range r.jobs {
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

// run is the state of one Load.
type run struct {
	opts    Options
	format  []schema.Field
	man     manifest
	high    int64 // the highest file id handed out before this run
	trace   *tracer
	prog    *progress
	jobs    []*job                   // every file this run loads or tried to load
	skipped []FileResult             // files skipped by plan
	notes   []*job                   // files skipped for their content, recorded in the manifest as skipped
	copies  *copies                  // the loaded content, to skip copies of it
	stale   []*job                   // copies found at a path whose older, loaded version therefore goes
	seq     int                      // numbers the temporary tables of each statement
	tmp     scratch                  // links and copies DuckDB reads instead of the user's files
	marks   map[streamKey]streamMark // how far each CloudWatch Logs stream was read
}

// plan decides for each arriving file: skip it (loaded already, or out of
// range by its path) or load it, possibly replacing an older version. The
// files to load are sniffed.
func (r *run) plan(ctx context.Context, files []file) []*job {
	var jobs []*job
	for _, f := range files {
		if f.Stream != nil {
			jobs = append(jobs, &job{file: f, read: f.Local})
			continue
		}
		if f.Part.outside(r.opts.Filter) {
			r.skipped = append(r.skipped, FileResult{Path: f.Key, Status: Skipped, Reason: "outside the requested range", Quiet: true})
			continue
		}
		entry, same := r.man.unchanged(f)
		if same && !r.opts.Force {
			reason := "already loaded"
			if entry.Skipped != "" {
				reason = entry.Skipped
			}
			r.skipped = append(r.skipped, FileResult{Path: f.Key, Status: Skipped, Reason: reason, Quiet: true})
			continue
		}
		j := &job{file: f, read: f.Local}
		if !plainName(f.Local) {
			if p, err := r.tmp.alias(f.Local); err != nil {
				j.err = err
			} else {
				j.read = p
			}
		}
		if _, known := r.man.entries[f.Key]; known {
			j.replaces = entry.ID
			r.copies.forget(f.Key, entry)
		}
		jobs = append(jobs, j)
	}
	sniffAll(ctx, jobs, r.format)
	r.trace.step(fmt.Sprintf("sniff %d file(s)", len(jobs)))
	kept := jobs[:0]
	for _, j := range jobs {
		if j.Walked && errors.Is(j.err, errNotFlowLog) {
			r.skipped = append(r.skipped, FileResult{Path: j.Key, Status: Skipped, Reason: j.err.Error()})
			// Recorded in the manifest as skipped, unless that would replace
			// a loaded version of the file (which stays).
			if j.replaces == 0 || r.man.entries[j.Key].Skipped != "" {
				r.notes = append(r.notes, j)
			}
			continue
		}
		if j.Stream != nil {
			kept = append(kept, j)
			continue
		}
		if other, ok := r.copies.of(j.Key, j.Size, j.content); ok && j.err == nil && !r.opts.Force {
			r.skipped = append(r.skipped, FileResult{Path: j.Key, Status: Skipped, Reason: copyReason(other)})
			if j.replaces != 0 {
				r.stale = append(r.stale, j)
			}
			continue
		}
		if j.err == nil {
			r.copies.add(j.Key, j.content)
		}
		kept = append(kept, j)
	}
	r.prog.add(kept)
	r.jobs = append(r.jobs, kept...)
	return kept
}

// sniffAll recognises every file with a few workers; a file that cannot be
// recognised fails with the reason.
func sniffAll(ctx context.Context, jobs []*job, format []schema.Field) {
	queue := make(chan *job)
	var wg sync.WaitGroup
	for range min(len(jobs), 2*runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range queue {
				if ctx.Err() != nil {
					continue
				}
				f := format
				if j.Stream != nil && j.Stream.fields != nil {
					f = j.Stream.fields
				}
				s, err := sniff(j.Local, f)
				if err == nil {
					j.content, err = contentID(j.Local)
				}
				if err != nil {
					j.err = err
				} else {
					j.sniff = s
				}
			}
		}()
	}
	for _, j := range jobs {
		queue <- j
	}
	close(queue)
	wg.Wait()
}

// errRetry asks commitLoad to roll back and run again without the jobs that
// failed in the attempt.
var errRetry = errors.New("retry without failed files")

// commit loads everything in one transaction. When DuckDB fails on a file,
// the transaction is rolled back and run again without that file (once every
// download is complete), so one bad file never stops the others and never
// leaves half of itself behind.
func (r *run) commit(ctx context.Context, conn *sql.Conn, src *arrivals) error {
	next := func() ([]*job, bool, error) {
		files, ok, err := src.next(ctx)
		if err != nil || !ok {
			return nil, ok, err
		}
		return r.plan(ctx, files), true, nil
	}
	for attempt := 0; ; attempt++ {
		err := r.attempt(ctx, conn, next)
		if !errors.Is(err, errRetry) {
			return err
		}
		if attempt > len(r.jobs) {
			return fmt.Errorf("load: giving up after %d attempts", attempt)
		}
		// Retry with every file at once: wait for the remaining downloads.
		for {
			_, ok, err := next()
			if err != nil {
				return err
			}
			if !ok {
				break
			}
		}
		all, given := r.jobs, false
		next = func() ([]*job, bool, error) {
			if given {
				return nil, false, nil
			}
			given = true
			return all, true, nil
		}
	}
}

// attempt is one try at the whole load as one transaction, taking batches
// of files from next until it has no more.
func (r *run) attempt(ctx context.Context, conn *sql.Conn, next func() ([]*job, bool, error)) (err error) {
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
	if r.high, err = highWater(ctx, tx); err != nil {
		return err
	}
	if err := createFilesTemp(ctx, tx); err != nil {
		return err
	}
	ver := newVerifier(ctx, runtime.GOMAXPROCS(0))
	defer ver.wait() // stops the checkers on every way out
	r.prog.watch(ver)
	id := r.high
	var live []*job
	nulSalvage := map[*job]salvageFrom{} // how to load again a file the gzip check finds a NUL in
	for {
		batch, ok, err := next()
		if err != nil {
			ver.wait()
			return err
		}
		if !ok {
			break
		}
		var fresh []*job
		for _, j := range batch {
			j.records, j.rejects = 0, 0
			if j.err == nil {
				id++
				j.id = id
				fresh = append(fresh, j)
			}
		}
		live = append(live, fresh...)
		if err := stageFiles(ctx, tx, fresh); err != nil {
			return err
		}
		ver.add(fresh)
		for _, g := range groupJobs(fresh) {
			r.seq++
			if err := loadGroup(ctx, tx, g, g.filter(r.opts.Filter), r.seq); err != nil {
				ver.wait()
				if ctx.Err() != nil {
					return ctx.Err()
				}
				return r.blame(g, err)
			}
			if textInserted(g) {
				for _, j := range g.live() {
					nulSalvage[j] = salvageFrom{g: g, f: g.filter(r.opts.Filter), n: r.seq}
				}
			}
			r.trace.step(fmt.Sprintf("group %d (%d files)", r.seq, len(g.jobs)))
		}
	}
	for _, j := range r.notes {
		id++
		j.id = id
	}
	damaged := ver.wait()
	r.trace.step("gzip check (remaining)")
	if err := ctx.Err(); err != nil {
		return err
	}
	for j, why := range damaged {
		if r.trim(j) {
			return errRetry
		}
		j.err = why
		if err := dropFile(ctx, tx, j.id); err != nil {
			return err
		}
	}
	if err := salvageNUL(ctx, tx, ver.withNUL(), nulSalvage); err != nil {
		return err
	}
	// The older versions of reloaded files go only now that their new
	// versions are known good: a failed reload keeps the old rows.
	if err := dropReplaced(ctx, tx, live); err != nil {
		return err
	}
	if err := dropReplaced(ctx, tx, r.stale); err != nil {
		return err
	}
	if err := replaceStreamWindows(ctx, tx, live, r.marks); err != nil {
		return err
	}
	if err := rejectTrailers(ctx, tx, live); err != nil {
		return err
	}
	if err := countPerFile(ctx, tx, live, r.high); err != nil {
		return err
	}
	if err := saveHighWater(ctx, tx, id); err != nil {
		return err
	}
	r.trace.step("count per file")
	canonical, err := addressesCanonical(ctx, tx, r.high)
	if err != nil {
		return err
	}
	r.trace.step("address check")
	if err := recordManifest(ctx, tx, live, r.notes, canonical); err != nil {
		return err
	}
	if err := saveMarks(ctx, tx, live, r.marks); err != nil {
		return err
	}
	if err := r.copies.fill(ctx, tx); err != nil {
		return err
	}
	if err := store.RefreshViews(ctx, tx); err != nil {
		return err
	}
	r.trace.step("manifest and views")
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit load: %w", err)
	}
	r.trace.step("commit")
	return nil
}

// blame marks the file of a group that DuckDB failed on. DuckDB names the file
// in its I/O and Parquet errors; when it does not, every file of the group is
// loaded on its own in the next attempt so the culprit shows.
func (r *run) blame(g *group, err error) error {
	if r.trace.w != nil {
		fmt.Fprintf(r.trace.w, "trace: group failed: %v\n", err)
	}
	live := g.live()
	msg := duckmsg.OneLine(err.Error())
	for _, j := range live {
		if strings.Contains(msg, j.read) {
			j.err = errors.New(strings.ReplaceAll(msg, j.read, j.Key))
			return errRetry
		}
	}
	if len(live) == 1 {
		// A gzip file with bytes after its last member loads from a copy
		// without them.
		if !r.trim(live[0]) {
			live[0].err = errors.New(msg)
		}
		return errRetry
	}
	for _, j := range live {
		j.alone = true
	}
	return errRetry
}
