//go:build !unix

package loader

import "time"

// processCPU is unknown outside Unix: the trace shows wall time only.
func processCPU() time.Duration { return 0 }
