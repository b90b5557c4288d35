// Package s3test runs a real S3 server for tests: versitygw with its posix
// backend on a free loopback port, built on first use from the pinned tools
// module in tools/versitygw of this repository, so `go test` needs no manual
// step. Tests in any package start one with Start and stop it with Close.
package s3test
