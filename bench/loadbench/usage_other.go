//go:build !unix

package main

import (
	"os"
	"time"
)

// usage is the CPU time of an exited process; the peak resident set is
// unknown outside Unix (0).
func usage(ps *os.ProcessState) (cpu time.Duration, rss int64) {
	return ps.UserTime() + ps.SystemTime(), 0
}
