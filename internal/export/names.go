package export

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"regexp"
	"strings"
)

// Names of what an export writes under its directory.
const (
	// DataDir is the top directory of the Parquet files, as in AWS's keys.
	DataDir = "AWSLogs"
	// DDLFile is the Athena DDL written next to DataDir.
	DDLFile = "athena.sql"
	// FlowLogID stands in the file names for the flow log ID AWS puts there,
	// and marks the files as flowduck's (Overwrite removes only those).
	FlowLogID = "fl-flowduck"
	// UnknownPartition is the directory value of a partition whose value is
	// unknown (a record with no account, region or day in its S3 key or its
	// fields). It is Hive's name for a NULL partition value, which Athena
	// reads back as NULL and DuckDB writes for NULL.
	UnknownPartition = "__HIVE_DEFAULT_PARTITION__"
)

// unknownName replaces UnknownPartition in file names.
const unknownName = "unknown"

// exportName matches the base name of every file fileName produces.
var exportName = regexp.MustCompile(`^[^/]+_vpcflowlogs_[^/]+_` + regexp.QuoteMeta(FlowLogID) + `_\d{8}T\d{4}Z_[0-9a-f]{8}\.log\.parquet$`)

// partitionValues reads the key=value segments of a partition directory
// ("aws-account-id=1/aws-service=vpcflowlogs/..."), values as written.
func partitionValues(dir string) map[string]string {
	vals := map[string]string{}
	for _, seg := range strings.Split(dir, "/") {
		if k, v, ok := strings.Cut(seg, "="); ok {
			vals[k] = v
		}
	}
	return vals
}

// fileName is the AWS-style name of the n-th file (from 0) of a partition
// directory: {account}_vpcflowlogs_{region}_{flow-log-id}_{yyyymmdd}T{hhmm}Z_
// {hash}.log.parquet. The time is the start of the partition (its day, or
// hour in hourly exports); the hash is derived from the directory and n, so
// exporting the same data again gives the same names.
func fileName(dir string, n int) string {
	v := partitionValues(dir)
	stamp := "00000000"
	if known(v["year"]) && known(v["month"]) && known(v["day"]) {
		stamp = v["year"] + v["month"] + v["day"]
	}
	hhmm := "0000"
	if h, ok := v["hour"]; ok && known(h) {
		hhmm = h + "00"
	}
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s/%d", dir, n)))
	return fmt.Sprintf("%s_vpcflowlogs_%s_%s_%sT%sZ_%s.log.parquet",
		nameValue(v["aws-account-id"]), nameValue(v["aws-region"]), FlowLogID, stamp, hhmm, hex.EncodeToString(sum[:4]))
}

// known reports whether a partition value is known.
func known(v string) bool { return v != "" && v != UnknownPartition }

// nameValue is a partition value as it appears in a file name.
func nameValue(v string) string {
	if !known(v) {
		return unknownName
	}
	return v
}

// isExportFile reports whether a path (relative to the export directory,
// slash-separated) is a Parquet file an export writes.
func isExportFile(rel string) bool {
	return strings.HasPrefix(rel, DataDir+"/") && exportName.MatchString(path.Base(rel))
}
