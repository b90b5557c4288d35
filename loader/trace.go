package loader

import (
	"fmt"
	"io"
	"time"
)

// tracer prints each load step's wall and CPU time to Options.Trace, if set:
// where a slow load spends its time.
type tracer struct {
	w     io.Writer
	wall  time.Time
	cpu   time.Duration
	begun time.Time
}

// newTracer returns a tracer writing to w; a nil w traces nothing.
func newTracer(w io.Writer) *tracer {
	if w == nil {
		return &tracer{}
	}
	t := &tracer{w: w, begun: time.Now()}
	t.wall, t.cpu = time.Now(), processCPU()
	return t
}

// step reports the time since the previous step.
func (t *tracer) step(name string) {
	if t.w == nil {
		return
	}
	now, cpu := time.Now(), processCPU()
	fmt.Fprintf(t.w, "trace: %-28s wall %8s  cpu %8s  (at %s)\n", name, now.Sub(t.wall).Round(time.Millisecond), (cpu - t.cpu).Round(time.Millisecond), now.Sub(t.begun).Round(time.Millisecond))
	t.wall, t.cpu = now, cpu
}
