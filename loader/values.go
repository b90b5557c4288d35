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

// intValue is an integer field of a text group as textInsert reads it: its
// text (raw, NULL for '-') and that text cast to the field's type (n, NULL
// when it is not a number).
type intValue struct {
	field  schema.Field
	raw, n string
}

// valuesOK are the conditions that every integer value of a row is
// acceptable: each prints back as its text (a NULL stays NULL; a text that
// is no number does not match), and the smallest is not negative and the
// largest of each bounded field within bounds (least and greatest skip
// NULLs). One comparison per field and one per bound costs less than a
// test of each value on its own.
func valuesOK(values []intValue) []string {
	var conds, all []string
	bounded := map[int64][]string{}
	var bounds []int64
	for _, v := range values {
		conds = append(conds, fmt.Sprintf("%s IS NOT DISTINCT FROM CAST(%s AS VARCHAR)", v.raw, v.n))
		all = append(all, v.n)
		if hi := maxValue(v.field.Column); hi > 0 {
			if _, ok := bounded[hi]; !ok {
				bounds = append(bounds, hi)
			}
			bounded[hi] = append(bounded[hi], v.n)
		}
	}
	if len(all) > 0 {
		conds = append(conds, fmt.Sprintf("coalesce(least(%s), 0) >= 0", strings.Join(all, ", ")))
	}
	for _, hi := range bounds {
		conds = append(conds, fmt.Sprintf("coalesce(greatest(%s), 0) <= %d", strings.Join(bounded[hi], ", "), hi))
	}
	return conds
}

// textOK is the condition that none of the text values raws (NULL for '-')
// holds a NUL byte: one search over their concatenation (concat skips
// NULLs), cheaper than one per field.
func textOK(raws []string) string {
	return fmt.Sprintf("NOT contains(concat(%s), chr(0))", strings.Join(raws, ", "))
}
