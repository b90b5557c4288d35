package cwlogs

import (
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/flowduck/flowduck/internal/progressline"
	"github.com/flowduck/flowduck/internal/units"
)

// progress reports streams done of the total, events and bytes read and the
// event rate, periodically and once at the end. With a nil writer it only
// counts.
type progress struct {
	source  string
	streams int
	done    atomic.Int64
	failed  atomic.Int64
	events  atomic.Int64
	bytes   atomic.Int64
	rep     *progressline.Reporter
}

func startProgress(w io.Writer, tty bool, interval time.Duration, source string, streams int) *progress {
	p := &progress{source: source, streams: streams}
	p.rep = progressline.Start(w, tty, interval, p.line)
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
func (p *progress) finish() { p.rep.Finish() }

// line is the report's counts: streams, events, bytes, event rate.
func (p *progress) line(elapsed time.Duration) (string, int64) {
	rate := int64(0)
	if s := elapsed.Seconds(); s > 0 {
		rate = int64(float64(p.events.Load()) / s)
	}
	return fmt.Sprintf("%s: %d/%d streams, %s events, %s, %s events/s", p.source, p.done.Load(), p.streams,
		units.Count(p.events.Load()), units.Bytes(p.bytes.Load()), units.Count(rate)), p.failed.Load()
}
