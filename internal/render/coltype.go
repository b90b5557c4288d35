package render

import (
	"math/big"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// kind is the family of a column's values, which decides alignment and how
// a value is written. kindAny means "unknown": values are written by their
// Go type alone.
type kind int

const (
	kindAny kind = iota
	kindBool
	kindInt
	kindUint
	kindFloat
	kindDecimal
	kindBigInt
	kindString
	kindBlob
	kindUUID
	kindDate
	kindTime
	kindTimeTZ
	kindTimestamp
	kindTimestampTZ
	kindInterval
	kindList
	kindStruct
	kindMap
	kindUnion
	kindJSON
)

// colType is a DuckDB type as far as rendering cares: its kind and, for the
// nested types, the types inside it.
type colType struct {
	kind kind
	// bits is 32 for FLOAT and 64 for DOUBLE.
	bits int
	// elem is the element type of a LIST or ARRAY.
	elem *colType
	// key and val are the key and value types of a MAP.
	key, val *colType
	// fields are the fields of a STRUCT or the members of a UNION, in order.
	fields []field
}

// field is one named member of a STRUCT or UNION type.
type field struct {
	name string
	typ  *colType
}

// anyType is the type of a value whose DuckDB type is unknown.
var anyType = &colType{kind: kindAny}

// numeric reports whether values of t are numbers, which tables right-align.
func (t *colType) numeric() bool {
	switch t.kind {
	case kindInt, kindUint, kindFloat, kindDecimal, kindBigInt:
		return true
	}
	return false
}

// member returns the type of the STRUCT field or UNION member called name.
func (t *colType) member(name string) *colType {
	for _, f := range t.fields {
		if f.name == name {
			return f.typ
		}
	}
	return anyType
}

// scalarKinds maps DuckDB's scalar type names to their kinds.
var scalarKinds = map[string]kind{
	"BOOLEAN":      kindBool,
	"TINYINT":      kindInt,
	"SMALLINT":     kindInt,
	"INTEGER":      kindInt,
	"BIGINT":       kindInt,
	"UTINYINT":     kindUint,
	"USMALLINT":    kindUint,
	"UINTEGER":     kindUint,
	"UBIGINT":      kindUint,
	"HUGEINT":      kindBigInt,
	"UHUGEINT":     kindBigInt,
	"BIGNUM":       kindBigInt,
	"FLOAT":        kindFloat,
	"DOUBLE":       kindFloat,
	"DECIMAL":      kindDecimal,
	"VARCHAR":      kindString,
	"ENUM":         kindString,
	"BIT":          kindString,
	"BLOB":         kindBlob,
	"GEOMETRY":     kindBlob,
	"UUID":         kindUUID,
	"DATE":         kindDate,
	"TIME":         kindTime,
	"TIMETZ":       kindTimeTZ,
	"TIMESTAMP":    kindTimestamp,
	"TIMESTAMP_S":  kindTimestamp,
	"TIMESTAMP_MS": kindTimestamp,
	"TIMESTAMP_NS": kindTimestamp,
	"TIMESTAMPTZ":  kindTimestampTZ,
	"INTERVAL":     kindInterval,
	"JSON":         kindJSON,
}

// parseType reads a type name as the DuckDB driver reports it
// (DatabaseTypeName), e.g. "STRUCT(\"a\" INTEGER, \"b\" VARCHAR[])[]" or
// "MAP(VARCHAR, DECIMAL(18,3))". Anything it does not understand becomes
// kindAny, so rendering falls back to the Go type of each value.
func parseType(name string) *colType {
	p := typeParser{s: name}
	t := p.parse()
	if p.pos != len(p.s) {
		return anyType
	}
	return t
}

// typeParser is a recursive-descent reader of DuckDB type names.
type typeParser struct {
	s   string
	pos int
}

func (p *typeParser) parse() *colType {
	p.space()
	word := p.word()
	var t *colType
	switch word {
	case "STRUCT", "UNION":
		k := kindStruct
		if word == "UNION" {
			k = kindUnion
		}
		t = &colType{kind: k, fields: p.fields()}
	case "MAP":
		t = &colType{kind: kindMap, key: anyType, val: anyType}
		if p.eat('(') {
			t.key = p.parse()
			p.eat(',')
			t.val = p.parse()
			p.eat(')')
		}
	default:
		k, ok := scalarKinds[word]
		if !ok {
			k = kindAny
		}
		t = &colType{kind: k}
		switch word {
		case "FLOAT":
			t.bits = 32
		case "DOUBLE":
			t.bits = 64
		}
		if p.peek() == '(' { // DECIMAL(18,3) and any other parameters
			p.skipParens()
		}
	}
	for p.peek() == '[' { // LIST "[]" and ARRAY "[N]"
		for p.pos < len(p.s) && p.s[p.pos] != ']' {
			p.pos++
		}
		p.eat(']')
		t = &colType{kind: kindList, elem: t}
	}
	p.space()
	return t
}

// fields reads "(name TYPE, name TYPE)" where a name may be double-quoted.
func (p *typeParser) fields() []field {
	var fs []field
	if !p.eat('(') {
		return nil
	}
	for p.pos < len(p.s) {
		p.space()
		if p.eat(')') {
			break
		}
		name := p.name()
		fs = append(fs, field{name: name, typ: p.parse()})
		p.eat(',')
	}
	return fs
}

// name reads a field name: "quoted ""like"" this" or a bare word.
func (p *typeParser) name() string {
	if !p.eat('"') {
		start := p.pos
		for p.pos < len(p.s) && p.s[p.pos] != ' ' {
			p.pos++
		}
		return p.s[start:p.pos]
	}
	var b strings.Builder
	for p.pos < len(p.s) {
		c := p.s[p.pos]
		p.pos++
		if c == '"' {
			if p.peek() == '"' {
				p.pos++
				b.WriteByte('"')
				continue
			}
			break
		}
		b.WriteByte(c)
	}
	return b.String()
}

func (p *typeParser) word() string {
	start := p.pos
	for p.pos < len(p.s) {
		c := p.s[p.pos]
		if !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			break
		}
		p.pos++
	}
	return strings.ToUpper(p.s[start:p.pos])
}

func (p *typeParser) skipParens() {
	depth := 0
	for p.pos < len(p.s) {
		switch p.s[p.pos] {
		case '(':
			depth++
		case ')':
			depth--
		}
		p.pos++
		if depth == 0 {
			return
		}
	}
}

func (p *typeParser) peek() byte {
	if p.pos < len(p.s) {
		return p.s[p.pos]
	}
	return 0
}

func (p *typeParser) eat(c byte) bool {
	p.space()
	if p.peek() == c {
		p.pos++
		return true
	}
	return false
}

func (p *typeParser) space() {
	for p.peek() == ' ' {
		p.pos++
	}
}

// typeOfValue guesses the type of a column from one of its Go values; it is
// used for in-memory data, which carries no DuckDB types.
func typeOfValue(v any) *colType {
	switch v.(type) {
	case bool:
		return &colType{kind: kindBool}
	case int, int8, int16, int32, int64:
		return &colType{kind: kindInt}
	case uint, uint8, uint16, uint32, uint64:
		return &colType{kind: kindUint}
	case float32:
		return &colType{kind: kindFloat, bits: 32}
	case float64:
		return &colType{kind: kindFloat, bits: 64}
	case *big.Int:
		return &colType{kind: kindBigInt}
	case duckdb.Decimal:
		return &colType{kind: kindDecimal}
	case string:
		return &colType{kind: kindString}
	case duckdb.UUID, *duckdb.UUID:
		return &colType{kind: kindUUID}
	case time.Time:
		return &colType{kind: kindTimestampTZ}
	case time.Duration, duckdb.Interval:
		return &colType{kind: kindInterval}
	}
	return anyType
}
