//go:build unix

package main

import (
	"os"
	"syscall"
	"time"
)

// usage is the CPU time (user + system) and peak resident set in bytes of
// an exited process.
func usage(ps *os.ProcessState) (cpu time.Duration, rss int64) {
	ru, _ := ps.SysUsage().(*syscall.Rusage)
	if ru == nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), ru.Maxrss * 1024
}
