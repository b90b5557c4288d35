// Package progressline prints a progress line periodically and once at the
// end: on a terminal one line rewritten in place, elsewhere a line per update.
// The S3 download and the CloudWatch Logs pull share it; each says what its
// line counts.
package progressline

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// Body returns the counts part of a line for the time since the start, and
// how many items failed so far.
type Body func(elapsed time.Duration) (line string, failed int64)

// Reporter prints lines made by a Body.
type Reporter struct {
	w     io.Writer
	tty   bool
	body  Body
	start time.Time
	stop  chan struct{}
	wg    sync.WaitGroup
}

// Start begins printing body's line to w every interval; with a nil w it
// prints nothing.
func Start(w io.Writer, tty bool, interval time.Duration, body Body) *Reporter {
	r := &Reporter{w: w, tty: tty, body: body, start: time.Now(), stop: make(chan struct{})}
	if w == nil {
		return r
	}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-r.stop:
				return
			case <-t.C:
				r.print(false)
			}
		}
	}()
	return r
}

// Finish stops the periodic lines and prints the final one, which adds the
// time taken.
func (r *Reporter) Finish() {
	close(r.stop)
	r.wg.Wait()
	if r.w != nil {
		r.print(true)
	}
}

func (r *Reporter) print(final bool) {
	elapsed := time.Since(r.start)
	line, failed := r.body(elapsed)
	if failed > 0 {
		line += fmt.Sprintf(", %d failed", failed)
	}
	if final {
		line += fmt.Sprintf(" in %s", elapsed.Round(10*time.Millisecond))
	}
	switch {
	case r.tty && final:
		fmt.Fprintf(r.w, "\r\033[K%s\n", line)
	case r.tty:
		fmt.Fprintf(r.w, "\r\033[K%s", line)
	default:
		fmt.Fprintln(r.w, line)
	}
}

// Tally counts finished items (objects, streams) and the failed among them;
// it is safe for concurrent use.
type Tally struct {
	done, failed atomic.Int64
}

// Done counts a finished item, as failed unless ok.
func (t *Tally) Done(ok bool) {
	t.done.Add(1)
	if !ok {
		t.failed.Add(1)
	}
}

// Counts returns the items finished and failed so far.
func (t *Tally) Counts() (done, failed int64) { return t.done.Load(), t.failed.Load() }
