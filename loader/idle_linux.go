package loader

import (
	"runtime"

	"golang.org/x/sys/unix"
)

// schedIdle is Linux's SCHED_IDLE scheduling policy.
const schedIdle = 5

// runIdle runs fn on an OS thread of its own at idle priority (SCHED_IDLE,
// else nice 19), so the work uses only CPU time DuckDB leaves unused. The
// thread ends with fn, so its priority never leaks into the Go runtime's
// thread pool.
func runIdle(fn func()) {
	runtime.LockOSThread()
	tid := unix.Gettid()
	attr := unix.SchedAttr{Size: unix.SizeofSchedAttr, Policy: schedIdle}
	if err := unix.SchedSetAttr(tid, &attr, 0); err != nil {
		_ = unix.Setpriority(unix.PRIO_PROCESS, tid, 19)
	}
	fn()
	// No UnlockOSThread: the goroutine exits holding the thread, so the
	// runtime terminates it instead of reusing it.
}
