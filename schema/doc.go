// Package schema is flowduck's field catalog of AWS VPC Flow Logs and Transit
// Gateway flow logs: every field of versions 2 to 11 with its AWS name
// (${pkt-srcaddr}), its Amazon Athena column (pkt_srcaddr), its Athena and
// DuckDB types, the version that introduced it, a one-line description and the
// 2018-2021 Athena alias (pktsrcaddr).
//
// The catalog, and the registry of Athena table layouts, are each declared once
// as data; lookups, format-string and header parsing, view layouts and Athena
// DDL generation are derived from them. The package is pure Go: it only
// produces names, types and SQL text.
package schema
