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
// they arrive.
type verifier struct {
	ctx    context.Context
	sem    chan struct{}
	wg     sync.WaitGroup
	mu     sync.Mutex
	failed map[*job]error
	done   atomic.Int64 // compressed bytes checked
}

// newVerifier checks with at most workers files at a time.
func newVerifier(ctx context.Context, workers int) *verifier {
	return &verifier{ctx: ctx, sem: make(chan struct{}, max(1, workers)), failed: map[*job]error{}}
}

// add starts checking the gzip files among jobs.
func (v *verifier) add(jobs []*job) {
	for _, j := range jobs {
		if j.err != nil || !j.sniff.Gzip {
			continue
		}
		v.wg.Add(1)
		go func() {
			defer v.wg.Done()
			v.sem <- struct{}{}
			defer func() { <-v.sem }()
			if v.ctx.Err() != nil {
				return
			}
			runIdle(func() {
				if err := v.check(j); err != nil {
					v.mu.Lock()
					v.failed[j] = err
					v.mu.Unlock()
				}
			})
		}()
	}
}

// wait returns the jobs whose gzip stream is damaged, with the reason.
func (v *verifier) wait() map[*job]error {
	v.wg.Wait()
	return v.failed
}

// check reads one gzip file (all members) to the end.
func (v *verifier) check(j *job) error {
	f, err := os.Open(j.Local)
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
