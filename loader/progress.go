package loader

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/flowduck/flowduck/internal/units"
)

// progress draws a live progress line on a terminal while a load runs: how
// much of the input DuckDB has read, the rate, an estimate of the records
// and the elapsed time.
type progress struct {
	w       io.Writer
	live    bool
	started time.Time
	base    int64 // processReadBytes when the load started

	mu      sync.Mutex
	total   int64
	records int64 // estimated records of the files (see Sniffed.Records)
	files   int
	ver     *verifier
	drawing bool
	stopCh  chan struct{}
	wg      sync.WaitGroup
}

func newProgress(w io.Writer, live bool, jobs []*job) *progress {
	p := &progress{w: w, live: live && w != nil, started: time.Now(), stopCh: make(chan struct{}), base: processReadBytes()}
	p.add(jobs)
	return p
}

// add counts more files in the total.
func (p *progress) add(jobs []*job) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, j := range jobs {
		p.total += j.Size
		p.records += j.sniff.Records
		p.files++
	}
}

// watch starts redrawing; the verifier's count separates its own reads from
// DuckDB's.
func (p *progress) watch(v *verifier) {
	p.mu.Lock()
	p.ver = v
	already := p.drawing
	p.drawing = true
	p.mu.Unlock()
	if !p.live || already {
		return
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-p.stopCh:
				fmt.Fprint(p.w, "\r\033[K")
				return
			case <-tick.C:
				p.draw()
			}
		}
	}()
}

// read estimates the input bytes DuckDB has read: the process's reads less
// the gzip checker's, or the checker's count where the OS cannot tell.
func (p *progress) read() int64 {
	var checked int64
	if p.ver != nil {
		checked = p.ver.done.Load()
	}
	n := checked
	if now := processReadBytes(); now >= 0 && p.base >= 0 {
		n = now - p.base - checked
	}
	return max(0, min(n, p.total))
}

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	read, elapsed := p.read(), time.Since(p.started)
	pct := 0.0
	if p.total > 0 {
		pct = 100 * float64(read) / float64(p.total)
	}
	secs := max(elapsed.Seconds(), 0.001)
	records := ""
	if p.records > 0 {
		done := float64(p.records) * pct / 100
		records = fmt.Sprintf(", ~%s records (~%s/s)", units.Count(int64(done)), units.Count(int64(done/secs)))
	}
	fmt.Fprintf(p.w, "\r\033[Kloading %d file(s): %s of %s read (%.0f%%), %s/s%s, %s",
		p.files, units.Bytes(read), units.Bytes(p.total), pct, units.Bytes(int64(float64(read)/secs)), records, elapsed.Round(time.Second))
}

// stop ends the live line.
func (p *progress) stop() {
	if p.live {
		select {
		case <-p.stopCh:
		default:
			close(p.stopCh)
		}
		p.wg.Wait()
	}
}
