package bucket

import (
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/flowduck/flowduck/internal/progressline"
	"github.com/flowduck/flowduck/internal/units"
)

// progress reports objects and bytes done of the total and the throughput to
// a writer, periodically and once at the end. With a nil writer it only
// counts.
type progress struct {
	objects int   // to fetch
	bytes   int64 // their total size

	doneObjects atomic.Int64
	doneBytes   atomic.Int64 // present in the cache, downloaded or not
	xferBytes   atomic.Int64 // downloaded by this run
	failed      atomic.Int64

	rep *progressline.Reporter
}

// startProgress begins reporting to w, or returns a counter that reports
// nothing when w is nil.
func startProgress(w io.Writer, tty bool, interval time.Duration, objects int, bytes int64) *progress {
	p := &progress{objects: objects, bytes: bytes}
	p.rep = progressline.Start(w, tty, interval, p.line)
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
func (p *progress) finish() { p.rep.Finish() }

// line is the report's counts: objects, bytes of the total, throughput.
func (p *progress) line(elapsed time.Duration) (string, int64) {
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(p.xferBytes.Load()) / s
	}
	return fmt.Sprintf("s3: %d/%d objects, %s/%s, %s/s", p.doneObjects.Load(), p.objects,
		units.Bytes(p.doneBytes.Load()), units.Bytes(p.bytes), units.Bytes(int64(rate))), p.failed.Load()
}
