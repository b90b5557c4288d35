package cwlogs

import (
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/flowduck/flowduck/internal/progressline"
	"github.com/flowduck/flowduck/internal/units"
)

// progress counts the streams, events and bytes of a pull for its progress
// line: streams done of the total, events and bytes read, event rate.
type progress struct {
	source  string
	streams int
	tally   progressline.Tally // streams done and failed
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

func (p *progress) streamDone(ok bool) { p.tally.Done(ok) }

// finish stops the periodic report and prints the final line.
func (p *progress) finish() { p.rep.Finish() }

func (p *progress) line(elapsed time.Duration) (string, int64) {
	rate := int64(0)
	if s := elapsed.Seconds(); s > 0 {
		rate = int64(float64(p.events.Load()) / s)
	}
	done, failed := p.tally.Counts()
	return fmt.Sprintf("%s: %d/%d streams, %s events, %s, %s events/s", p.source, done, p.streams,
		units.Count(p.events.Load()), units.Bytes(p.bytes.Load()), units.Count(rate)), failed
}
