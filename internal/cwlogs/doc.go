// Package cwlogs is the CloudWatch Logs side of `flowduck load
// cwl://LOG_GROUP[//STREAM_PREFIX]`: it lists the group's log streams,
// reads each stream's events in a time window with FilterLogEvents
// (streams in parallel, the SDK's adaptive retry absorbing
// ThrottlingException), continues each stream from the mark a previous pull
// left (the last event time and the ids of the events at that time, so no
// event is read twice even when events share a timestamp), and writes the
// events of each stream to a local file in the shape of a CloudWatch Logs
// export ("<time> <message>" lines), which the loader loads with DuckDB's
// read_csv like any exported file, the time becoming the event time.
//
// The flow log's format is looked up with ec2:DescribeFlowLogs when the
// caller may call it. Credentials, profile, region and endpoint follow the
// AWS SDK's conventions (default credential chain, AWS_PROFILE,
// AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, ...); failures are *Error values with a
// Kind and a hint.
package cwlogs
