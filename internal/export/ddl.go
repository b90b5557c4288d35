package export

import (
	"fmt"
	"strings"

	"github.com/flowduck/flowduck/schema"
)

// tableLocation returns the LOCATION of the Athena table: the AWSLogs/ prefix
// under the S3 URI the export directory is uploaded to. A URI that already
// ends in AWSLogs is kept; empty means the layout's placeholder
// (s3://DOC-EXAMPLE-BUCKET/prefix/AWSLogs/).
func tableLocation(location string, layout schema.Layout) (string, error) {
	if location == "" {
		return layout.Location, nil
	}
	rest, ok := strings.CutPrefix(location, "s3://")
	if !ok || strings.Trim(rest, "/") == "" || strings.HasPrefix(rest, "/") {
		return "", fmt.Errorf("%w: %q (want s3://bucket/prefix)", ErrBadLocation, location)
	}
	loc := strings.TrimRight(location, "/")
	if !strings.HasSuffix(loc, "/"+DataDir) {
		loc += "/" + DataDir
	}
	return loc + "/", nil
}

// athenaSQL is the content of athena.sql: how to use it, the CREATE EXTERNAL
// TABLE for the exported fields and layout, and the MSCK REPAIR TABLE that
// adds the partitions found under LOCATION.
func athenaSQL(table string, layout schema.Layout, fields []schema.Field, location string, hourly bool) string {
	if table == "" {
		table = schema.DefaultTable
	}
	ddl := schema.AthenaDDL(schema.DDLOptions{
		Table:    table,
		Layout:   layout,
		Fields:   fields,
		Location: location,
		Parquet:  true,
	})
	partitioning := "daily"
	if hourly {
		partitioning = "hourly"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "-- Amazon Athena table over the Parquet files of this flowduck export\n")
	fmt.Fprintf(&b, "-- (AWS's Parquet schema, Hive-compatible %s partitions under %s/).\n", partitioning, DataDir)
	fmt.Fprintf(&b, "-- 1. Upload them, from this directory:  aws s3 sync %s/ %s\n", DataDir, location)
	if location == layout.Location {
		fmt.Fprintf(&b, "--    then replace %s below with your bucket and prefix.\n", location)
	}
	fmt.Fprintf(&b, "-- 2. Run both statements in Athena, one at a time.\n")
	fmt.Fprintf(&b, "-- 3. Run MSCK REPAIR TABLE again after uploading more partitions.\n\n")
	b.WriteString(strings.TrimRight(ddl, "\n"))
	b.WriteString(";\n\n")
	fmt.Fprintf(&b, "MSCK REPAIR TABLE %s;\n", schema.QuoteTable(table))
	return b.String()
}
