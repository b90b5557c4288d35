package dialect

import (
	"errors"
	"fmt"
	"strings"
)

// AthenaError is a DuckDB error on an Athena construct that flowduck cannot
// run, with what to write instead. Callers branch on it with errors.As; Err
// is DuckDB's own error.
type AthenaError struct {
	// Construct names the Athena construct, e.g. "MSCK REPAIR TABLE".
	Construct string
	// Hint says what to write instead.
	Hint string
	// Err is the underlying DuckDB error.
	Err error
}

// Error reports the construct, the hint and DuckDB's error.
func (e *AthenaError) Error() string {
	first, _, _ := strings.Cut(e.Err.Error(), "\n")
	return fmt.Sprintf("athena %s is not supported: %s (duckdb: %s)", e.Construct, e.Hint, first)
}

// Unwrap returns DuckDB's error.
func (e *AthenaError) Unwrap() error { return e.Err }

// explanation recognises one unsupported Athena construct in a DuckDB error
// message (all of the needles, case-insensitively).
type explanation struct {
	needles   []string
	construct string
	hint      string
}

// explanations is the registry of unsupported Athena constructs. The first
// match wins.
var explanations = []explanation{
	{[]string{`syntax error at or near "msck"`}, "MSCK REPAIR TABLE",
		"flowduck has no partitions to register; load files with `flowduck load` and query them directly"},
	{[]string{"syntax error", "show partitions"}, "SHOW PARTITIONS",
		"list partition values with SELECT DISTINCT date FROM vpc_flow_logs ORDER BY 1"},
	{[]string{`syntax error at or near "create"`, "show create"}, "SHOW CREATE TABLE/VIEW",
		"use DESCRIBE name, or SELECT sql FROM duckdb_views() WHERE view_name = 'name'"},
	{[]string{`syntax error at or near "external"`}, "CREATE EXTERNAL TABLE",
		"`flowduck load` creates the tables; `flowduck view NAME --layout L` creates an Athena-layout view"},
	{[]string{`syntax error at or near "unload"`}, "UNLOAD",
		"write COPY (SELECT ...) TO 'out.parquet' (FORMAT parquet), or use `flowduck export --parquet DIR`"},
	{[]string{"type with name ipprefix does not exist"}, "IPPREFIX",
		"test membership with contains('10.0.0.0/8', CAST(ip AS IPADDRESS))"},
	{[]string{"ip_prefix does not exist"}, "ip_prefix",
		"test membership with contains('10.0.0.0/8', CAST(ip AS IPADDRESS))"},
	{[]string{"is_subnet_of does not exist"}, "is_subnet_of",
		"test membership with contains('10.0.0.0/8', CAST(ip AS IPADDRESS))"},
	{[]string{"type with name ipaddress does not exist"}, "IPADDRESS outside a SELECT statement",
		"flowduck rewrites IPADDRESS only in SELECT statements, not in CREATE VIEW, CREATE TABLE AS or INSERT; " +
			"run the SELECT on its own, or call athena_ipaddress(x), athena_ip_key(x) and athena_cidr_contains(cidr, x) directly"},
	{[]string{"catalog \"awsdatacatalog\" does not exist"}, "the awsdatacatalog catalog prefix",
		"drop the prefix: write \"default\".vpc_flow_logs"},
	{[]string{"type with name hyperloglog does not exist"}, "HyperLogLog",
		"use approx_distinct(x), which flowduck answers exactly"},
	{[]string{"approx_set does not exist"}, "approx_set",
		"use approx_distinct(x), which flowduck answers exactly"},
	{[]string{"map_agg does not exist"}, "map_agg",
		"write map_from_entries(list({'k': key, 'v': value}))"},
	{[]string{"zip_with does not exist"}, "zip_with",
		"write list_transform(list_zip(a, b), lambda p: f(p[1], p[2]))"},
	{[]string{"'reduce("}, "reduce(array, initial, (s, x) -> ..., s -> ...)",
		"write list_reduce(array, lambda s, x: ..., initial) and apply the output function to its result"},
	{[]string{"macro approx_percentile() does not support"}, "approx_percentile with weights or accuracy",
		"write approx_percentile(x, p) or quantile_disc(x, p)"},
	{[]string{"strftime format must be a constant"}, "date_format or format_datetime with a computed format",
		"write the format as a string literal"},
	{[]string{"strptime format must be a constant"}, "date_parse or parse_datetime with a computed format",
		"write the format as a string literal"},
}

// ExplainError wraps err in an *AthenaError when it is DuckDB failing on an
// Athena construct flowduck cannot run, naming the construct and what to
// write instead. Any other error, and nil, is returned as is.
func ExplainError(err error) error {
	if err == nil {
		return nil
	}
	var already *AthenaError
	if errors.As(err, &already) {
		return err
	}
	msg := strings.ToLower(err.Error())
	for _, ex := range explanations {
		if containsAll(msg, ex.needles) {
			return &AthenaError{Construct: ex.construct, Hint: ex.hint, Err: err}
		}
	}
	return err
}

func containsAll(s string, needles []string) bool {
	for _, n := range needles {
		if !strings.Contains(s, n) {
			return false
		}
	}
	return true
}
