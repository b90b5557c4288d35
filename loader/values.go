package loader

import (
	"fmt"
	"strings"

	"github.com/flowduck/flowduck/schema"
)

// DuckDB's casts from text are lenient: '12.5' becomes 13, '1e3' and '1_000'
// 1000, '0x10' 16. Flow logs never hold such values, so a line with one is a
// reject with the reason, not a quietly altered record. Integer fields are
// therefore read as text and accepted only when the number cast from them
// prints back as the same text (plain decimal digits), is not negative and,
// for ports, is at most 65535. A NUL byte in any field also makes a reject.

// isInteger reports whether a field holds integers.
func isInteger(f schema.Field) bool {
	return f.DuckType == "INTEGER" || f.DuckType == "BIGINT"
}

// maxValue is the largest value a field may hold beyond its type's, or 0.
func maxValue(column string) int64 {
	switch column {
	case "srcport", "dstport":
		return 65535
	}
	return 0
}

// valueProblems returns, for the text v of integer field f ('-' for none),
// the CASE arms giving the reason v is not an acceptable value.
func valueProblems(f schema.Field, v string) []string {
	col := f.Column
	n := fmt.Sprintf("TRY_CAST(%s AS %s)", v, f.DuckType)
	arms := []string{
		fmt.Sprintf("WHEN %s <> '-' AND NOT coalesce(CAST(%s AS VARCHAR) = %s, false) THEN %s", v, n, v, reasonSQL(col, v, "is not "+typeNoun(f.DuckType))),
		fmt.Sprintf("WHEN %s <> '-' AND %s < 0 THEN %s", v, n, reasonSQL(col, v, "is negative")),
	}
	if hi := maxValue(col); hi > 0 {
		arms = append(arms, fmt.Sprintf("WHEN %s <> '-' AND %s > %d THEN %s", v, n, hi, reasonSQL(col, v, fmt.Sprintf("is out of range (0-%d)", hi))))
	}
	return arms
}

// reasonSQL is the SQL of a reject reason: column: "value" what.
func reasonSQL(column, v, what string) string {
	return fmt.Sprintf(`%s || ': "' || %s || '" %s'`, quoteSQL(column), v, what)
}

// quoteSQL quotes a string literal.
func quoteSQL(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// valueOK is the condition that the value of integer field f, read by
// read_csv as text (raw, NULL for '-') and cast to its type (n), is
// acceptable.
func valueOK(f schema.Field, raw, n string) string {
	cond := fmt.Sprintf("CAST(%s AS VARCHAR) = %s AND %s >= 0", n, raw, n)
	if hi := maxValue(f.Column); hi > 0 {
		cond += fmt.Sprintf(" AND %s <= %d", n, hi)
	}
	return fmt.Sprintf("(%s IS NULL OR coalesce(%s, false))", raw, cond)
}

// textOK is the condition that none of the text values raws (NULL for '-')
// holds a NUL byte: one search over their concatenation (concat skips
// NULLs), cheaper than one per field.
func textOK(raws []string) string {
	return fmt.Sprintf("NOT contains(concat(%s), chr(0))", strings.Join(raws, ", "))
}
