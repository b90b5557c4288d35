package schema

import "strings"

// Athena and DuckDB column types used by the catalog.
const (
	AthenaInt    = "int"
	AthenaBigint = "bigint"
	AthenaString = "string"
	AthenaDate   = "date"

	DuckInteger = "INTEGER"
	DuckBigint  = "BIGINT"
	DuckVarchar = "VARCHAR"
)

// Field is one flow-log field: how AWS names it in a format string, how Athena
// names and types its column, and what it means.
type Field struct {
	// Name is the AWS name as written in ${...}: "pkt-srcaddr".
	Name string
	// Column is the Athena column: hyphens become underscores: "pkt_srcaddr".
	Column string
	// AthenaType is "int", "bigint" or "string".
	AthenaType string
	// DuckType is "INTEGER", "BIGINT" or "VARCHAR".
	DuckType string
	// Version is the flow-log version that introduced the field (0 for
	// fields not in the catalog).
	Version int
	// Doc is a one-line description of the value.
	Doc string
	// Legacy is the column name of the 2018-2021 Athena documentation:
	// "pktsrcaddr".
	Legacy string
	// Known is false for a name that is not in the catalog.
	Known bool
}

// unknownDoc describes every field that is not in the catalog.
const unknownDoc = "Field not in flowduck's catalog (a newer AWS field or a custom name); loaded as text."

// index maps the lower-case AWS name, Athena column and legacy alias of every
// catalog field to its position in Catalog.
var index = buildIndex(Catalog)

func buildIndex(fields []Field) map[string]int {
	m := make(map[string]int, 3*len(fields))
	for i, f := range fields {
		for _, k := range []string{f.Name, f.Column, f.Legacy} {
			k = strings.ToLower(k)
			if _, taken := m[k]; !taken {
				m[k] = i
			}
		}
	}
	return m
}

// Lookup finds a catalog field by its AWS name ("pkt-srcaddr"), its Athena
// column ("pkt_srcaddr") or its legacy alias ("pktsrcaddr"), ignoring case.
func Lookup(name string) (Field, bool) {
	i, ok := index[strings.ToLower(name)]
	if !ok {
		return Field{}, false
	}
	return Catalog[i], true
}

// FieldFor returns the catalog field for name (see Lookup), or a field with
// Known=false for a name the catalog does not have: its Name and Column are the
// lower-cased name (hyphens become underscores in Column), its Legacy alias is
// the lower-cased name without hyphens, and it is typed as text. FieldFor never
// fails; whether name is an acceptable identifier is checked by the parsers.
func FieldFor(name string) Field {
	if f, ok := Lookup(name); ok {
		return f
	}
	lower := strings.ToLower(name)
	return Field{
		Name:       lower,
		Column:     strings.ReplaceAll(lower, "-", "_"),
		AthenaType: AthenaString,
		DuckType:   DuckVarchar,
		Doc:        unknownDoc,
		Legacy:     strings.ReplaceAll(lower, "-", ""),
	}
}

// DefaultFormat returns the fields of AWS's default format, the 14 version 2
// fields in their documented order.
func DefaultFormat() []Field {
	return fieldsWhere(func(f Field) bool { return f.Version == 2 })
}

// AthenaTableFields returns the fields of the table that the Athena user guide
// documents for VPC flow logs: the fields of versions 2 to 5, in catalog order.
func AthenaTableFields() []Field {
	return fieldsWhere(func(f Field) bool { return f.Version >= 2 && f.Version <= 5 })
}

// MaxVersion returns the highest Version among fields: the version AWS writes
// in the records of a custom format made of them (0 if none is known).
func MaxVersion(fields []Field) int {
	v := 0
	for _, f := range fields {
		v = max(v, f.Version)
	}
	return v
}

func fieldsWhere(keep func(Field) bool) []Field {
	var out []Field
	for _, f := range Catalog {
		if keep(f) {
			out = append(out, f)
		}
	}
	return out
}
