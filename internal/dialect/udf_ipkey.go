package dialect

import (
	"context"
	"encoding/hex"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// IPKeyFunc is the Go scalar function flowduck_ip_key(text VARCHAR) VARCHAR:
// the key of address text as 32 lowercase hex digits (the 16-byte form
// athena_ip_key gives, IPv4 mapped into ::ffff:0:0/96), so keys compare and
// order as text exactly as athena_ip_key's UHUGEINTs do; NULL for text that
// is not an address (the same strict reading: net/netip, no zone, no
// leading zeros in a dotted quad, no spaces). Keying in Go costs about a
// microsecond a row at most, where the SQL macro's IPv6 key costs a hundred.
//
// Only a statement Rewrite produced names it (a folded address predicate),
// and only sessions register it (Ensure, Install), never a database: no
// view or macro stored in the file refers to it, so plain DuckDB opens the
// file as before, and the SQL macros remain the keys for everything else.
const IPKeyFunc = "flowduck_ip_key"

// ipKeyUDF implements duckdb.ScalarFunc for flowduck_ip_key.
type ipKeyUDF struct{}

// Config is one VARCHAR in, VARCHAR out, NULL in NULL out.
func (ipKeyUDF) Config() duckdb.ScalarFuncConfig {
	text, err := duckdb.NewTypeInfo(duckdb.TYPE_VARCHAR)
	if err != nil {
		panic(err) // VARCHAR always has type info
	}
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{text}, ResultTypeInfo: text}
}

// Executor keys a chunk at a time, reading the strings in place.
func (ipKeyUDF) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{ChunkContextExecutor: ipKeyChunk}
}

// ipKeyChunk keys every row of a chunk. Rows whose input is NULL are left
// alone: the driver sets their result to NULL afterwards.
func ipKeyChunk(_ context.Context, chunk *duckdb.ChunkIteratorState) error {
	vec, err := chunk.GetInputChunk().GetVector(0)
	if err != nil {
		return err
	}
	in, err := duckdb.GetVectorView[string](vec)
	if err != nil {
		return err
	}
	out, err := duckdb.GetVectorWriter[string](chunk.GetResultVector())
	if err != nil {
		return err
	}
	var buf [32]byte
	for row := range in.Len() {
		s, valid, err := in.GetValueBorrowed(row)
		if err != nil {
			return err
		}
		if !valid {
			continue
		}
		k, ok := addressLiteral(s)
		if !ok {
			if err := out.SetNull(row); err != nil {
				return err
			}
			continue
		}
		b := k.As16()
		hex.Encode(buf[:], b[:])
		if err := out.Set(row, string(buf[:])); err != nil {
			return err
		}
	}
	return nil
}

// hexKeySQL is a key as flowduck_ip_key writes it, a string literal.
func hexKeySQL(k [16]byte) string {
	return "'" + hex.EncodeToString(k[:]) + "'"
}
