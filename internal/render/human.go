package render

import (
	"math"
	"math/big"

	"github.com/flowduck/flowduck/internal/units"
)

// unit is how [Options.Human] shows the values of one column.
type unit int

const (
	// plain columns are shown as they are.
	plain unit = iota
	// byteUnit columns are byte counts, shown as 512 B, 1.5 KiB, 3.2 GiB.
	byteUnit
	// countUnit columns are counts, shown as 950, 1.2k, 3.4M, 5.6G.
	countUnit
)

// columnUnit returns the unit of column c: only integer columns have one,
// decided by name (see [units.ColumnUnit]).
func columnUnit(c column) unit {
	switch c.typ.kind {
	case kindInt, kindUint, kindBigInt:
	default:
		return plain
	}
	switch units.ColumnUnit(c.name) {
	case units.ByteUnit:
		return byteUnit
	case units.CountUnit:
		return countUnit
	}
	return plain
}

// humanUnits returns the unit of each column when opts ask for human units
// in a table, else nil.
func humanUnits(cols []column, opts Options) []unit {
	if !opts.Human || opts.Format != Table {
		return nil
	}
	us := make([]unit, len(cols))
	for i, c := range cols {
		us[i] = columnUnit(c)
	}
	return us
}

// humanText returns v in unit u; ok is false when v is not an integer that
// fits in 64 bits (it is then shown as it is).
func humanText(v any, u unit) (text string, ok bool) {
	n, ok := int64Of(v)
	if !ok {
		return "", false
	}
	switch u {
	case byteUnit:
		return units.Bytes(n), true
	case countUnit:
		return units.Count(n), true
	}
	return "", false
}

// int64Of returns an integer value as an int64, if it fits.
func int64Of(v any) (int64, bool) {
	switch v := v.(type) {
	case int:
		return int64(v), true
	case int8:
		return int64(v), true
	case int16:
		return int64(v), true
	case int32:
		return int64(v), true
	case int64:
		return v, true
	case uint8:
		return int64(v), true
	case uint16:
		return int64(v), true
	case uint32:
		return int64(v), true
	case uint:
		return int64(v), uint64(v) <= math.MaxInt64
	case uint64:
		return int64(v), v <= math.MaxInt64
	case *big.Int:
		if v != nil && v.IsInt64() {
			return v.Int64(), true
		}
	}
	return 0, false
}
