package bucket

import (
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/flowduck/flowduck/internal/progressline"
	"github.com/flowduck/flowduck/internal/units"
)

// progress counts the objects and bytes of a sync for its progress line:
// objects done of the total, bytes in the cache of the total, download rate.
type progress struct {
	objects int   // to fetch
	bytes   int64 // their total size

	tally     progressline.Tally // objects done and failed
	doneBytes atomic.Int64       // present in the cache, downloaded or not
	xferBytes atomic.Int64       // downloaded by this run

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
func (p *progress) done(ok bool) { p.tally.Done(ok) }

// finish stops the periodic report and prints the final line.
func (p *progress) finish() { p.rep.Finish() }

func (p *progress) line(elapsed time.Duration) (string, int64) {
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(p.xferBytes.Load()) / s
	}
	done, failed := p.tally.Counts()
	return fmt.Sprintf("s3: %d/%d objects, %s/%s, %s/s", done, p.objects,
		units.Bytes(p.doneBytes.Load()), units.Bytes(p.bytes), units.Bytes(int64(rate))), failed
}
