package render

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"time"
	"unicode/utf8"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// jsoner appends values as JSON: exact integers and decimals, shortest
// doubles (NaN and infinities as null), ISO 8601 times, base64 blobs,
// arrays for lists, objects for structs and string-keyed maps.
type jsoner struct {
	loc *time.Location
}

// appendValue appends the JSON encoding of v, of type t, to b.
func (j jsoner) appendValue(b []byte, v any, t *colType) []byte {
	if t.kind == kindJSON && v != nil {
		return appendRawJSON(b, v)
	}
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return appendString(b, v)
	case bool:
		return strconv.AppendBool(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case int8:
		return strconv.AppendInt(b, int64(v), 10)
	case int16:
		return strconv.AppendInt(b, int64(v), 10)
	case int32:
		return strconv.AppendInt(b, int64(v), 10)
	case int64:
		return strconv.AppendInt(b, v, 10)
	case uint:
		return strconv.AppendUint(b, uint64(v), 10)
	case uint8:
		return strconv.AppendUint(b, uint64(v), 10)
	case uint16:
		return strconv.AppendUint(b, uint64(v), 10)
	case uint32:
		return strconv.AppendUint(b, uint64(v), 10)
	case uint64:
		return strconv.AppendUint(b, v, 10)
	case float32:
		return appendFloat(b, float64(v), 32)
	case float64:
		return appendFloat(b, v, t.bits)
	case *big.Int:
		if v == nil {
			return append(b, "null"...)
		}
		return v.Append(b, 10)
	case duckdb.Decimal:
		return append(b, decimalText(v)...)
	case []byte:
		if t.kind == kindUUID {
			return appendString(b, uuidText(v))
		}
		return appendString(b, base64.StdEncoding.EncodeToString(v))
	case duckdb.UUID:
		return appendString(b, v.String())
	case *duckdb.UUID:
		if v == nil {
			return append(b, "null"...)
		}
		return appendString(b, v.String())
	case time.Time:
		return appendString(b, timeISO(v, t.kind, j.loc))
	case duckdb.Interval:
		return appendString(b, intervalText(v))
	case time.Duration:
		return appendString(b, intervalText(duckdb.Interval{Micros: v.Microseconds()}))
	case []any:
		elem := anyType
		if t.kind == kindList {
			elem = t.elem
		}
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = j.appendValue(b, e, elem)
		}
		return append(b, ']')
	case map[string]any:
		b = append(b, '{')
		for i, name := range structKeys(v, t) {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, name)
			b = append(b, ':')
			b = j.appendValue(b, v[name], t.member(name))
		}
		return append(b, '}')
	case duckdb.OrderedMap:
		return j.appendMap(b, v, t)
	case duckdb.Map:
		return j.appendMap(b, orderedFromMap(v), t)
	case duckdb.Union:
		return j.appendValue(b, v.Value, t.member(v.Tag))
	case json.Number:
		return append(b, v...)
	case fmt.Stringer:
		return appendString(b, v.String())
	case error:
		return appendString(b, v.Error())
	}
	return appendRawJSON(b, v)
}

// appendMap writes a MAP as an object when its keys are strings and as an
// array of {"key":…,"value":…} pairs otherwise, so no key is mangled.
func (j jsoner) appendMap(b []byte, m duckdb.OrderedMap, t *colType) []byte {
	kt, vt := mapTypes(t)
	keys, vals := m.Keys(), m.Values()
	stringKeys := kt.kind == kindString
	if kt.kind == kindAny {
		stringKeys = true
		for _, k := range keys {
			if _, ok := k.(string); !ok {
				stringKeys = false
				break
			}
		}
	}
	if stringKeys {
		b = append(b, '{')
		for i := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			key, _ := keys[i].(string)
			b = appendString(b, key)
			b = append(b, ':')
			b = j.appendValue(b, vals[i], vt)
		}
		return append(b, '}')
	}
	b = append(b, '[')
	for i := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"key":`...)
		b = j.appendValue(b, keys[i], kt)
		b = append(b, `,"value":`...)
		b = j.appendValue(b, vals[i], vt)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendFloat appends the shortest text of f that round-trips, or null for
// NaN and the infinities, which JSON cannot express.
func appendFloat(b []byte, f float64, bits int) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	return append(b, floatText(f, bits)...)
}

// appendRawJSON appends v through encoding/json (used for JSON-typed
// columns, whose values the driver has already decoded, and for Go values
// of unknown types), without HTML escaping.
func appendRawJSON(b []byte, v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return appendString(b, fmt.Sprint(v))
	}
	return append(b, bytes.TrimRight(buf.Bytes(), "\n")...)
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string. Quotes, backslashes and control
// characters are escaped, as are U+2028 and U+2029; invalid UTF-8 becomes
// U+FFFD. HTML characters are left alone.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, `\u202`...)
			b = append(b, hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
