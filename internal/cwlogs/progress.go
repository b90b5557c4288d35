package cwlogs

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/flowduck/flowduck/internal/units"
)

// progress reports streams done of the total, events and bytes read and the
// event rate, periodically and once at the end. With a nil writer it only
// counts.
type progress struct {
	w        io.Writer
	tty      bool
	source   string
	start    time.Time
	streams  int
	done     atomic.Int64
	failed   atomic.Int64
	events   atomic.Int64
	bytes    atomic.Int64
	stop     chan struct{}
	wg       sync.WaitGroup
	interval time.Duration
}

func startProgress(w io.Writer, tty bool, interval time.Duration, source string, streams int) *progress {
	p := &progress{w: w, tty: tty, source: source, start: time.Now(), streams: streams, stop: make(chan struct{}), interval: interval}
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

func (p *progress) read(events, bytes int64) {
	p.events.Add(events)
	p.bytes.Add(bytes)
}

func (p *progress) streamDone(ok bool) {
	p.done.Add(1)
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

func (p *progress) print(final bool) {
	elapsed := time.Since(p.start)
	rate := int64(0)
	if s := elapsed.Seconds(); s > 0 {
		rate = int64(float64(p.events.Load()) / s)
	}
	line := fmt.Sprintf("%s: %d/%d streams, %s events, %s, %s events/s", p.source, p.done.Load(), p.streams,
		units.Count(p.events.Load()), units.Bytes(p.bytes.Load()), units.Count(rate))
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
