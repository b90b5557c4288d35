// Package remote is what the loader and the readers of its remote sources
// share: the URI schemes (s3://, cwl://), the queries a load makes of them,
// and what they deliver (local copies of S3 objects, local files of log
// stream events, and how far each stream is read). It imports no AWS SDK,
// so the loader, and every test binary that loads test data through it,
// links without one; package bucket (s3://) and package cwlogs (cwl://)
// answer these queries with the SDK, and cmd/flowduck hands them to the
// loader.
package remote
