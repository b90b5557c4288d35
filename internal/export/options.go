package export

import (
	"errors"
	"time"

	"github.com/flowduck/flowduck/internal/filter"
)

// Options configure one export.
type Options struct {
	// Filter keeps the records whose start lies in [Since, Until) and whose
	// account and region (as the loader recorded them) are wanted: the
	// semantics of the load filter (its other fields do not apply).
	Filter filter.Filter
	// Overwrite replaces an earlier export in a non-empty directory. Only
	// files an export writes (athena.sql and flowduck's *.log.parquet files
	// under AWSLogs/) are removed; other files are never touched.
	Overwrite bool
	// Hourly adds the hour=HH partition, like AWS's per-hour partitions.
	Hourly bool
	// Compression is the Parquet codec: one of Compressions; empty means
	// snappy.
	Compression string
	// Location is the S3 URI the directory is uploaded to, or its AWSLogs/
	// prefix; it becomes the LOCATION of the Athena DDL. Empty means a
	// placeholder the user replaces.
	Location string
	// Table is the Athena table name of the DDL ("db.table" allowed); empty
	// means vpc_flow_logs.
	Table string
}

// Summary describes a finished export.
type Summary struct {
	// Dir is the export directory as given.
	Dir string
	// Files are the Parquet files written, relative to Dir, slash-separated
	// and sorted.
	Files []string
	// Partitions is the number of partition directories written.
	Partitions int
	// Records is the number of records written.
	Records int64
	// Bytes is the total size of the Parquet files.
	Bytes int64
	// DDL is the path of the Athena DDL file (Dir/athena.sql).
	DDL string
	// Location is the LOCATION written into the DDL.
	Location string
	// Elapsed is the wall time of the export.
	Elapsed time.Duration
}

// Errors callers may branch on (test with errors.Is).
var (
	// ErrNotEmpty: the directory holds files and Overwrite is not set.
	ErrNotEmpty = errors.New("directory is not empty")
	// ErrForeignFiles: Overwrite is set but AWSLogs/ holds files that no
	// flowduck export wrote; they are left alone and nothing is exported.
	ErrForeignFiles = errors.New("directory holds files flowduck did not write")
	// ErrNoRecords: no loaded record matches the filter; nothing is written.
	ErrNoRecords = errors.New("no records to export")
	// ErrUnknownCompression: Options.Compression is not one of Compressions.
	ErrUnknownCompression = errors.New("unknown compression")
	// ErrBadLocation: Options.Location is not an s3:// URI.
	ErrBadLocation = errors.New("location is not an s3:// URI")
)
