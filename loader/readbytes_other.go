//go:build !linux

package loader

// processReadBytes is unknown outside Linux.
func processReadBytes() int64 { return -1 }
