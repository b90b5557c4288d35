package loader

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"

	"github.com/klauspost/compress/gzip"
)

// DuckDB's gzip reader stops silently at the end of a truncated stream, so a
// half-downloaded .log.gz would load half its records and look complete. The
// loader therefore checks every gzip stream to its trailer (CRC-32 and length)
// while DuckDB loads, and drops the rows of any file that fails before the
// load commits. The checkers run at idle priority: they use the CPU time
// DuckDB's scan leaves unused (file scheduling tails, the commit) and yield
// to it everywhere else. Reading every byte anyway, they also note the files
// that hold a NUL byte (a search of each decompressed block, nearly free), so
// that the load statement of a group of gzip files need not test every
// field of every record for one (see textInsert and salvageNUL).

// verifier checks gzip files concurrently with the load; files are added as
// they arrive and a fixed set of workers, each on an idle-priority thread,
// drains the queue.
type verifier struct {
	ctx     context.Context
	workers int
	wg      sync.WaitGroup
	mu      sync.Mutex
	more    *sync.Cond // signalled when the queue grows or closes
	queue   []*job
	closed  bool
	running int
	failed  map[*job]error
	nul     map[*job]bool // files whose decompressed bytes hold a NUL
	done    atomic.Int64  // compressed bytes checked
}

// newVerifier checks with at most workers files at a time.
func newVerifier(ctx context.Context, workers int) *verifier {
	v := &verifier{ctx: ctx, workers: max(1, workers), failed: map[*job]error{}, nul: map[*job]bool{}}
	v.more = sync.NewCond(&v.mu)
	return v
}

// add queues the gzip files among jobs for checking.
func (v *verifier) add(jobs []*job) {
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, j := range jobs {
		if j.err == nil && j.sniff.Gzip {
			v.queue = append(v.queue, j)
		}
	}
	for v.running < v.workers && v.running < len(v.queue) {
		v.running++
		v.wg.Add(1)
		go func() {
			defer v.wg.Done()
			runIdle(v.work)
		}()
	}
	v.more.Broadcast()
}

// work checks queued files until the queue is closed and empty.
func (v *verifier) work() {
	for {
		v.mu.Lock()
		for len(v.queue) == 0 && !v.closed {
			v.more.Wait()
		}
		if len(v.queue) == 0 {
			v.mu.Unlock()
			return
		}
		j := v.queue[0]
		v.queue = v.queue[1:]
		v.mu.Unlock()
		if v.ctx.Err() != nil {
			continue
		}
		nul, err := v.check(j)
		v.mu.Lock()
		if err != nil {
			v.failed[j] = err
		} else if nul {
			v.nul[j] = true
		}
		v.mu.Unlock()
	}
}

// wait closes the queue and returns the jobs whose gzip stream is damaged,
// with the reason.
func (v *verifier) wait() map[*job]error {
	v.mu.Lock()
	v.closed = true
	v.more.Broadcast()
	v.mu.Unlock()
	v.wg.Wait()
	return v.failed
}

// withNUL returns, after wait, the files checked whole whose content holds
// a NUL byte (see nulChecked).
func (v *verifier) withNUL() []*job {
	v.mu.Lock()
	defer v.mu.Unlock()
	var jobs []*job
	for j := range v.nul {
		jobs = append(jobs, j)
	}
	return jobs
}

// nulChecked reports whether the verifier looks for NUL bytes in every file
// of jobs: those it checks (gzip), so that the load statement need not.
func nulChecked(jobs []*job) bool {
	for _, j := range jobs {
		if !j.sniff.Gzip {
			return false
		}
	}
	return len(jobs) > 0
}

// check reads one gzip file (all members) to the end, and reports whether
// its content holds a NUL byte.
func (v *verifier) check(j *job) (nul bool, err error) {
	f, err := os.Open(j.read)
	if err != nil {
		return false, err
	}
	defer f.Close()
	counted := &countingReader{r: f, n: &v.done}
	zr, err := gzip.NewReader(bufio.NewReaderSize(counted, 256<<10))
	if err != nil {
		return false, fmt.Errorf("gzip: %w", err)
	}
	var w nulWriter
	if _, err := io.Copy(&w, zr); err != nil {
		if err == io.ErrUnexpectedEOF {
			return false, fmt.Errorf("gzip stream is truncated (file ends before the gzip trailer)")
		}
		return false, fmt.Errorf("gzip stream is damaged: %w", err)
	}
	return w.nul, zr.Close()
}

// nulWriter discards what it is given, noting whether it held a NUL byte.
type nulWriter struct{ nul bool }

// Write looks for a NUL byte in p.
func (w *nulWriter) Write(p []byte) (int, error) {
	if !w.nul && bytes.IndexByte(p, 0) >= 0 {
		w.nul = true
	}
	return len(p), nil
}

// countingReader adds the bytes it reads to n.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

// Read reads into p and counts the bytes read.
func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
