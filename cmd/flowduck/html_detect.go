package main

import "github.com/flowduck/flowduck/internal/htmlreport"

// newDetector is the findings section's detector for `flowduck html`. Until
// package detect is merged there is none: the page has no findings section,
// and --ioc (the indicators of a detection) is refused rather than ignored.
func newDetector(iocFile string) (htmlreport.Detector, error) {
	if iocFile != "" {
		return nil, usagef("--ioc: this build has no detections to match indicators with")
	}
	return nil, nil
}
