// Package loader loads AWS VPC Flow Log files into flowduck's database.
//
// Go orchestrates and DuckDB parses: the loader discovers the files, sniffs
// the first line of each (gzip? Parquet? header? CloudWatch export?), groups
// files that share a layout, and loads each group with ONE DuckDB statement
// (read_csv, read_json or read_parquet over the group's file list), so no
// record passes through Go and no file is sniffed twice. Lines DuckDB cannot
// parse are salvaged in SQL where the only problem is irregular spacing, and
// kept verbatim in the rejects table otherwise. A load is one transaction:
// either every good file of the run is recorded with its rows, or nothing is.
package loader
