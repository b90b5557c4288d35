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

// verifier checks gzip files concurrently with the load.
type verifier struct {
	wg      sync.WaitGroup
	mu      sync.Mutex
	failed  map[*job]error
	done    atomic.Int64 // compressed bytes checked
	pending chan *job
}

// startVerifier checks the gzip jobs with the given number of workers.
func startVerifier(ctx context.Context, jobs []*job, workers int) *verifier {
	v := &verifier{failed: map[*job]error{}, pending: make(chan *job, len(jobs))}
	for _, j := range jobs {
		if j.err == nil && j.sniff.Gzip {
			v.pending <- j
		}
	}
	close(v.pending)
	for range max(1, workers) {
		v.wg.Add(1)
		go func() {
			defer v.wg.Done()
			runIdle(func() {
				for j := range v.pending {
					if ctx.Err() != nil {
						return
					}
					if err := v.check(j); err != nil {
						v.mu.Lock()
						v.failed[j] = err
						v.mu.Unlock()
					}
				}
			})
		}()
	}
	return v
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

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
