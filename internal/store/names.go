// Package store owns flowduck's database model: the base table that holds
// every loaded record and its provenance columns, the manifest of loaded
// files, the rejects table, the Athena-named views over them with the DuckDB
// expressions of each layout's partition columns, the queries that list the
// manifest and the rejects, and ErrNothingLoaded for a database no load has
// run on. Package schema keeps what is independent of the database: fields,
// names, types, layouts and their DDL text.
package store

// Table names of the database model. They live in the main schema of the
// database file; the Athena views (vpc_flow_logs and user-created layouts) are
// created in main and mirrored in the "default" schema; FlowsView is in main
// only.
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
	// StreamsTable remembers, per CloudWatch Logs stream pulled by `load
	// cwl://`, how far it was read (first_ms..last_ms, and the ids of the
	// events at last_ms) and the manifest ids of the pulls that loaded it
	// (file_ids: each pull is one row of FilesTable, whose path names the
	// stream, so a record's stream is its _file_id's path).
	StreamsTable = "flowduck_cwl_streams"
	// DefaultView is the Athena table name present after any load. It is the
	// user's: `flowduck view vpc_flow_logs --layout legacy` may replace it.
	DefaultView = "vpc_flow_logs"
	// FlowsView is flowduck's own view of the records in the current layout,
	// whatever the user has made of DefaultView. It is recreated whenever the
	// views are, is not mirrored in "default", and its name is reserved (see
	// ReservedPrefix). Reports read its definition (FlowsQuery).
	FlowsView = "flowduck_vpc_flow_logs"
	// ReservedPrefix starts the name of every table and view flowduck owns;
	// CreateView refuses user views named with it.
	ReservedPrefix = "flowduck_"
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
