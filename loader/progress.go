package loader

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progress draws a live progress line on a terminal while a load runs:
// compressed bytes checked and groups loaded, with elapsed time.
type progress struct {
	w       io.Writer
	live    bool
	total   int64
	groups  int
	started time.Time

	mu      sync.Mutex
	done    int
	drawing bool
	ver     *verifier
	stopCh  chan struct{}
	wg      sync.WaitGroup
}

func newProgress(w io.Writer, live bool, jobs []*job) *progress {
	p := &progress{w: w, live: live && w != nil, started: time.Now(), stopCh: make(chan struct{})}
	p.add(jobs)
	return p
}

// add counts more files in the total.
func (p *progress) add(jobs []*job) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, j := range jobs {
		p.total += j.Size
	}
}

// watch starts redrawing, reading byte progress from the verifier.
func (p *progress) watch(v *verifier) {
	p.mu.Lock()
	p.ver = v
	p.done = 0
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

// groupDone counts a loaded group.
func (p *progress) groupDone(*group) {
	p.mu.Lock()
	p.done++
	p.mu.Unlock()
}

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	var checked int64
	if p.ver != nil {
		checked = p.ver.done.Load()
	}
	fmt.Fprintf(p.w, "\r\033[Kloading: %s of %s read, %d group(s) loaded, %s", HumanBytes(checked), HumanBytes(p.total), p.done, time.Since(p.started).Round(100*time.Millisecond))
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

// HumanBytes formats a byte count with a binary unit.
func HumanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
