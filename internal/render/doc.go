// Package render writes SQL results in flowduck's output formats: a box-drawn
// table for terminals, csv, tsv, json, jsonl, GitHub markdown, DuckDB's
// line mode and a chart (drawn by package chart).
//
// The formats are declared once in [Formats]; help text, flag validation and
// completion derive from that registry. Every format reads its input through
// one small row source, so a *sql.Rows result ([Rows]) and in-memory data
// ([Values]) render identically. Streaming formats (csv, tsv, json, jsonl)
// write each row as it arrives and never hold the result in memory; the
// display formats (table, markdown, line) buffer their rows but keep only the
// head and tail when [Options.MaxRows] is set; the chart reads the whole
// result, up to [MaxChartRows].
package render
