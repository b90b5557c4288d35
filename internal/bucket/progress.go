package bucket

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/flowduck/flowduck/internal/units"
)

// progress reports objects and bytes done of the total and the throughput to
// a writer, periodically and once at the end. A nil *progress counts nothing.
type progress struct {
	w        io.Writer
	tty      bool
	interval time.Duration
	start    time.Time

	objects int   // to fetch
	bytes   int64 // their total size

	doneObjects atomic.Int64
	doneBytes   atomic.Int64 // present in the cache, downloaded or not
	xferBytes   atomic.Int64 // downloaded by this run
	failed      atomic.Int64

	stop chan struct{}
	wg   sync.WaitGroup
}

// startProgress begins reporting to w, or returns a counter that reports
// nothing when w is nil.
func startProgress(w io.Writer, tty bool, interval time.Duration, objects int, bytes int64) *progress {
	p := &progress{w: w, tty: tty, interval: interval, start: time.Now(), objects: objects, bytes: bytes,
		stop: make(chan struct{})}
	if w == nil {
		return p
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.print(false)
			}
		}
	}()
	return p
}

func (p *progress) add(n int64)         { p.doneBytes.Add(n) }
func (p *progress) transferred(n int64) { p.xferBytes.Add(n) }

// done counts a finished object.
func (p *progress) done(ok bool) {
	p.doneObjects.Add(1)
	if !ok {
		p.failed.Add(1)
	}
}

// finish stops the periodic report and prints the final line.
func (p *progress) finish() {
	close(p.stop)
	p.wg.Wait()
	if p.w != nil {
		p.print(true)
	}
}

// print writes one report: a line per update, or one line rewritten in place
// on a terminal.
func (p *progress) print(final bool) {
	elapsed := time.Since(p.start)
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(p.xferBytes.Load()) / s
	}
	line := fmt.Sprintf("s3: %d/%d objects, %s/%s, %s/s", p.doneObjects.Load(), p.objects,
		units.Bytes(p.doneBytes.Load()), units.Bytes(p.bytes), units.Bytes(int64(rate)))
	if f := p.failed.Load(); f > 0 {
		line += fmt.Sprintf(", %d failed", f)
	}
	if final {
		line += fmt.Sprintf(" in %s", elapsed.Round(10*time.Millisecond))
	}
	switch {
	case p.tty && final:
		fmt.Fprintf(p.w, "\r\033[K%s\n", line)
	case p.tty:
		fmt.Fprintf(p.w, "\r\033[K%s", line)
	default:
		fmt.Fprintln(p.w, line)
	}
}
