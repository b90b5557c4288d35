//go:build !linux

package loader

// runIdle runs fn; only Linux has per-thread idle priority.
func runIdle(fn func()) { fn() }
