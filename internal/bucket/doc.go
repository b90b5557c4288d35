// Package bucket is the S3 side of `flowduck load s3://bucket/prefix`: it
// lists only the keys a load asks for (pruning the VPC Flow Logs layout by
// day, account and region), downloads them concurrently into a local cache
// with atomic renames and resumable partial files, and hands back local paths
// that the loader loads exactly like local files.
//
// Credentials, profile, region and endpoint follow the AWS SDK's conventions
// (default credential chain, AWS_PROFILE, AWS_ENDPOINT_URL_S3, ...); failures
// are reported as *Error values with a Kind to branch on and a hint.
package bucket
