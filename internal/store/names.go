// Package store defines flowduck's database model: the base table that holds
// every loaded record, the manifest of loaded files, the rejects table, and the
// Athena-named views over them.
package store

// Table names of the database model. They live in the main schema of the
// database file; the Athena views (vpc_flow_logs and user-created layouts) are
// created in main and mirrored in the "default" schema.
const (
	// RecordsTable holds every loaded record: the Athena data columns (the
	// union of all fields ever loaded) plus the provenance columns below.
	RecordsTable = "flowduck_records"
	// FilesTable is the manifest: one row per loaded file, and one per file
	// skipped for its content (its reason in the skipped column).
	FilesTable = "flowduck_files"
	// RejectsTable keeps every line that could not be loaded, verbatim.
	RejectsTable = "flowduck_rejects"
	// ViewsTable remembers the layout views a user created, so they are
	// recreated when a load adds columns.
	ViewsTable = "flowduck_views"
	// IDsTable holds the highest file id ever handed out, so that an id is
	// never given to two files (even when a crash left rows of one behind).
	IDsTable = "flowduck_ids"
	// DefaultView is the Athena table name present after any load.
	DefaultView = "vpc_flow_logs"
	// AthenaSchema is the schema that mirrors the views as "default".NAME.
	AthenaSchema = "default"
)

// Provenance columns of RecordsTable. Their values come from the S3 key layout
// of the file a record was read from, falling back to the record's own fields.
const (
	ColFileID    = "_file_id"    // BIGINT: FilesTable.id of the source file
	ColAccount   = "_account"    // VARCHAR: account id from the key, else account_id
	ColRegion    = "_region"     // VARCHAR: region from the key, else region
	ColDate      = "_date"       // DATE: day from the key, else UTC day of start
	ColHour      = "_hour"       // INTEGER: hour from the key, else UTC hour of start
	ColEventTime = "_event_time" // TIMESTAMPTZ: CloudWatch Logs event time, if any
)
