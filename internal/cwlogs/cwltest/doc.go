// Package cwltest is a small CloudWatch Logs server for tests: it speaks the
// service's JSON 1.1 protocol (X-Amz-Target: Logs_20140328.<Operation>) for
// DescribeLogGroups, DescribeLogStreams, FilterLogEvents and GetLogEvents,
// with pagination tokens, time bounds, stream names and prefixes, events
// that share a timestamp, a ThrottlingException every N calls and log groups
// the caller may not read, and the EC2 Query protocol (XML) for
// DescribeFlowLogs, so the real AWS SDK clients can be pointed at it with an
// endpoint URL and static test credentials. No CloudWatch Logs emulator is
// available as a package; this is the part of the service flowduck uses,
// built from the public API reference.
package cwltest
