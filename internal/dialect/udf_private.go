package dialect

import (
	"context"
	"encoding/binary"
	"fmt"
	"net/netip"
	"strings"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// PrivateFunc is the Go scalar function flowduck_is_private(text VARCHAR)
// BOOLEAN, the body of the is_private macro: true for an address in
// PrivateRanges, false for any other address, NULL for NULL and for text
// that is not an address. It reads address text as flowduck_ip_key does
// (net/netip, strictly: no zone, no leading zeros in a dotted quad, no
// spaces) and tests its key, so an IPv4-mapped IPv6 address is in an IPv4
// range, as in Athena's IPADDRESS and the folded address predicates.
//
// The macro's body used to be the whole address classifier in SQL, which
// DuckDB inlines, binds and optimises at every call: a statement with a
// few calls spent tens to hundreds of milliseconds planning them. One call
// of a Go function plans in no time; it costs a fraction of a microsecond a
// row, most of it the driver's.
//
// Like flowduck_ip_key it is registered on sessions only (udf.go), and
// only the temporary macro and rewritten statements name it: nothing
// stored in a database refers to it.
const PrivateFunc = "flowduck_is_private"

// privateKeys are the key ranges of PrivateRanges.
var privateKeys = func() []keyRange {
	out := make([]keyRange, 0, len(PrivateRanges))
	for _, p := range PrivateRanges {
		kr, ok := cidrLiteral(p.CIDR)
		if !ok {
			panic(fmt.Sprintf("private range %s: not a CIDR", p.CIDR))
		}
		out = append(out, kr)
	}
	return out
}()

// u128 is a 128-bit address key as two halves, high first.
type u128 struct{ hi, lo uint64 }

func (a u128) less(b u128) bool { return a.hi < b.hi || a.hi == b.hi && a.lo < b.lo }

func u128Of(k netip.Addr) u128 {
	b := k.As16()
	return u128{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])}
}

// privateBounds are privateKeys as pairs of u128, first and last key.
var privateBounds = func() [][2]u128 {
	out := make([][2]u128, len(privateKeys))
	for i, kr := range privateKeys {
		out[i] = [2]u128{u128Of(kr.lo), u128Of(kr.hi)}
	}
	return out
}()

// isPrivateText is flowduck_is_private on one text: whether it is a
// private address, and whether it is an address at all (as addressLiteral
// reads it).
func isPrivateText(s string) (private, ok bool) {
	if !strings.Contains(s, ":") {
		v4, ok := parseDottedQuad(s)
		if !ok {
			return false, false
		}
		return isPrivateKey(u128{lo: 0xffff<<32 | uint64(v4)}), true
	}
	k, ok := addressLiteral(s)
	if !ok {
		return false, false
	}
	return isPrivateKey(u128Of(k)), true
}

// parseDottedQuad reads text without a colon as net/netip does: four
// decimal octets of one to three digits, without leading zeros, at most
// 255 each, and nothing else.
func parseDottedQuad(s string) (uint32, bool) {
	var v, octet uint32
	fields, digits := 0, 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			if digits == 0 || fields == 3 && i < len(s) {
				return 0, false
			}
			v = v<<8 | octet
			fields++
			digits, octet = 0, 0
			continue
		}
		c := s[i]
		if c < '0' || c > '9' || digits == 3 || digits == 1 && octet == 0 {
			return 0, false
		}
		octet = octet*10 + uint32(c-'0')
		if octet > 255 {
			return 0, false
		}
		digits++
	}
	return v, fields == 4
}

// isPrivateKey reports whether key k lies in one of the private ranges.
func isPrivateKey(k u128) bool {
	for _, r := range privateBounds {
		if !k.less(r[0]) && !r[1].less(k) {
			return true
		}
	}
	return false
}

// privateUDF implements duckdb.ScalarFunc for flowduck_is_private.
type privateUDF struct{}

// Config is one VARCHAR in, BOOLEAN out, NULL in NULL out, and volatile:
// not that its result varies, but so that DuckDB does not push a filter
// calling it into the table scan. There it would run before the scan's
// other filters (and before an IN list, which DuckDB tests above the scan),
// on every row; as a filter of its own it runs on the rows the cheaper
// tests let through. admin-ports-exposed on 10 M records: the Go function
// ran on 2.9 M rows before, on the 17 to an administration port now.
func (privateUDF) Config() duckdb.ScalarFuncConfig {
	text, err := duckdb.NewTypeInfo(duckdb.TYPE_VARCHAR)
	if err != nil {
		panic(err) // VARCHAR always has type info
	}
	boolean, err := duckdb.NewTypeInfo(duckdb.TYPE_BOOLEAN)
	if err != nil {
		panic(err) // so does BOOLEAN
	}
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{text}, ResultTypeInfo: boolean, Volatile: true}
}

// Executor classifies a chunk at a time.
func (privateUDF) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{ChunkContextExecutor: privateChunk}
}

// privateChunk classifies every row of a chunk whose input is not NULL (the
// driver makes the others NULL). The driver writes a BOOLEAN result only
// row by row, through Rows, which also reads the row's text.
func privateChunk(_ context.Context, chunk *duckdb.ChunkIteratorState) error {
	for row, err := range chunk.Rows() {
		if err != nil {
			return err
		}
		s, _ := (*row.GetValuePtr(0)).(string)
		var v any // NULL: not an address
		if private, ok := isPrivateText(s); ok {
			v = private
		}
		if err := row.SetResult(v); err != nil {
			return err
		}
	}
	return nil
}
