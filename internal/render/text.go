package render

import (
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// texter turns values into the plain text the csv, tsv, table, markdown and
// line formats show, matching DuckDB's own cast to VARCHAR.
type texter struct {
	loc *time.Location
}

// text returns the text of a non-NULL value v of type t. Callers handle nil.
func (x texter) text(v any, t *colType) string {
	if t.kind == kindJSON {
		return string(appendRawJSON(nil, v))
	}
	switch v := v.(type) {
	case string:
		return v
	case []any, map[string]any, duckdb.OrderedMap, duckdb.Map:
		var sb strings.Builder
		x.nested(&sb, v, t)
		return sb.String()
	case duckdb.Union:
		if v.Value == nil {
			return DefaultNull
		}
		return x.text(v.Value, t.member(v.Tag))
	}
	return x.scalar(v, t)
}

// scalar formats one value that is not a string, list, struct, map or union.
func (x texter) scalar(v any, t *colType) string {
	switch v := v.(type) {
	case bool:
		return strconv.FormatBool(v)
	case int:
		return strconv.Itoa(v)
	case int8:
		return strconv.FormatInt(int64(v), 10)
	case int16:
		return strconv.FormatInt(int64(v), 10)
	case int32:
		return strconv.FormatInt(int64(v), 10)
	case int64:
		return strconv.FormatInt(v, 10)
	case uint:
		return strconv.FormatUint(uint64(v), 10)
	case uint8:
		return strconv.FormatUint(uint64(v), 10)
	case uint16:
		return strconv.FormatUint(uint64(v), 10)
	case uint32:
		return strconv.FormatUint(uint64(v), 10)
	case uint64:
		return strconv.FormatUint(v, 10)
	case float32:
		return floatText(float64(v), 32)
	case float64:
		return floatText(v, t.bits)
	case *big.Int:
		if v == nil {
			return DefaultNull
		}
		return v.String()
	case duckdb.Decimal:
		return decimalText(v)
	case []byte:
		if t.kind == kindUUID {
			return uuidText(v)
		}
		return blobText(v)
	case duckdb.UUID:
		return v.String()
	case *duckdb.UUID:
		if v == nil {
			return DefaultNull
		}
		return v.String()
	case time.Time:
		return timeText(v, t.kind, x.loc)
	case duckdb.Interval:
		return intervalText(v)
	case time.Duration:
		return intervalText(duckdb.Interval{Micros: v.Microseconds()})
	case fmt.Stringer:
		return v.String()
	case error:
		return v.Error()
	}
	return fmt.Sprint(v)
}

// nested writes a value inside a LIST, STRUCT or MAP the way DuckDB prints
// it: [1, 2, NULL], {'a': 1, 'b': x}, {k=v}. Strings are quoted only when
// they would otherwise be ambiguous.
func (x texter) nested(sb *strings.Builder, v any, t *colType) {
	if t.kind == kindJSON && v != nil {
		sb.Write(appendRawJSON(nil, v))
		return
	}
	switch v := v.(type) {
	case nil:
		sb.WriteString("NULL")
	case string:
		sb.WriteString(quoteNested(v))
	case []any:
		elem := anyType
		if t.kind == kindList {
			elem = t.elem
		}
		sb.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				sb.WriteString(", ")
			}
			x.nested(sb, e, elem)
		}
		sb.WriteByte(']')
	case map[string]any:
		sb.WriteByte('{')
		for i, name := range structKeys(v, t) {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString("'" + strings.ReplaceAll(name, "'", `\'`) + "': ")
			x.nested(sb, v[name], t.member(name))
		}
		sb.WriteByte('}')
	case duckdb.OrderedMap:
		kt, vt := mapTypes(t)
		keys, vals := v.Keys(), v.Values()
		sb.WriteByte('{')
		for i := range keys {
			if i > 0 {
				sb.WriteString(", ")
			}
			x.nested(sb, keys[i], kt)
			sb.WriteByte('=')
			x.nested(sb, vals[i], vt)
		}
		sb.WriteByte('}')
	case duckdb.Map:
		x.nested(sb, orderedFromMap(v), t)
	case duckdb.Union:
		x.nested(sb, v.Value, t.member(v.Tag))
	default: // DuckDB quotes any value whose text needs it, e.g. a time's ':'
		sb.WriteString(quoteNested(x.scalar(v, t)))
	}
}

// quoteNested quotes a value's text inside a nested value when DuckDB would: when
// it is empty, spells NULL, has surrounding space or contains a character
// that delimits nested values.
func quoteNested(s string) string {
	if s != "" && !strings.EqualFold(s, "null") &&
		strings.TrimSpace(s) == s && !strings.ContainsAny(s, `'"()[]{},:=`) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `\'`) + "'"
}

// structKeys returns the field names of a STRUCT value in declaration order
// when the type knows them, otherwise sorted.
func structKeys(m map[string]any, t *colType) []string {
	if t.kind == kindStruct && len(t.fields) == len(m) {
		keys := make([]string, 0, len(m))
		for _, f := range t.fields {
			if _, ok := m[f.name]; !ok {
				break
			}
			keys = append(keys, f.name)
		}
		if len(keys) == len(m) {
			return keys
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// mapTypes returns the key and value types of a MAP type.
func mapTypes(t *colType) (key, val *colType) {
	if t.kind == kindMap {
		return t.key, t.val
	}
	return anyType, anyType
}

// orderedFromMap converts the deprecated duckdb.Map, sorting its keys by
// their text so output is deterministic.
func orderedFromMap(m duckdb.Map) duckdb.OrderedMap {
	keys := make([]any, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
	var om duckdb.OrderedMap
	for _, k := range keys {
		om.Set(k, m[k])
	}
	return om
}
