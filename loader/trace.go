package loader

import (
	"fmt"
	"io"
	"os"
	"syscall"
	"time"
)

// tracer prints each load step's wall and CPU time to stderr when
// FLOWDUCK_TRACE is set: where a slow load spends its time.
type tracer struct {
	w     io.Writer
	wall  time.Time
	cpu   time.Duration
	begun time.Time
}

func newTracer() *tracer {
	if os.Getenv("FLOWDUCK_TRACE") == "" {
		return &tracer{}
	}
	t := &tracer{w: os.Stderr, begun: time.Now()}
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

// processCPU is the user and system time of the process so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
