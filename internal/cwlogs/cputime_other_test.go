//go:build !unix

package cwlogs_test

import "time"

// processCPU is unknown here: zero.
func processCPU() time.Duration { return 0 }
