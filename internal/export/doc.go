// Package export writes the loaded flow-log records back out the way AWS
// delivers them to S3 in Parquet, so a user who outgrows one machine can hand
// the data to Amazon Athena: Hive-compatible prefixes
// (AWSLogs/aws-account-id=…/aws-service=vpcflowlogs/aws-region=…/year=…/
// month=…/day=…/[hour=…/]), AWS's Parquet column types and file names, and
// an athena.sql with the CREATE EXTERNAL TABLE and MSCK REPAIR TABLE that
// read it.
//
// DuckDB does the work: one COPY … (FORMAT parquet, PARTITION_BY …) writes
// every partition in a single pass over the records table; Go only checks
// the target directory, renames DuckDB's data_N.parquet files to AWS-style
// names and moves them into place. flowduck's loader reads an export back
// with identical values.
package export
