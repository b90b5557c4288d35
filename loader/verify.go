package loader

import (
	"bufio"
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
// to it everywhere else.

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
	done    atomic.Int64 // compressed bytes checked
}

// newVerifier checks with at most workers files at a time.
func newVerifier(ctx context.Context, workers int) *verifier {
	v := &verifier{ctx: ctx, workers: max(1, workers), failed: map[*job]error{}}
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
		if err := v.check(j); err != nil {
			v.mu.Lock()
			v.failed[j] = err
			v.mu.Unlock()
		}
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

// check reads one gzip file (all members) to the end.
func (v *verifier) check(j *job) error {
	f, err := os.Open(j.read)
	if err != nil {
		return err
	}
	defer f.Close()
	counted := &countingReader{r: f, n: &v.done}
	zr, err := gzip.NewReader(bufio.NewReaderSize(counted, 256<<10))
	if err != nil {
		return fmt.Errorf("gzip: %w", err)
	}
	if _, err := io.Copy(io.Discard, zr); err != nil {
		if err == io.ErrUnexpectedEOF {
			return fmt.Errorf("gzip stream is truncated (file ends before the gzip trailer)")
		}
		return fmt.Errorf("gzip stream is damaged: %w", err)
	}
	return zr.Close()
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
