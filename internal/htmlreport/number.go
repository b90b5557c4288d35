package htmlreport

import (
	"math/big"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// number is a numeric SQL value as a float64 (sums of BIGINT are HUGEINT,
// scanned as *big.Int); 0 for NULL or a value that is not a number.
func number(v any) float64 {
	switch v := v.(type) {
	case int64:
		return float64(v)
	case int32:
		return float64(v)
	case int:
		return float64(v)
	case uint64:
		return float64(v)
	case float64:
		return v
	case float32:
		return float64(v)
	case *big.Int:
		f, _ := new(big.Float).SetInt(v).Float64()
		return f
	case duckdb.Decimal:
		return v.Float64()
	}
	return 0
}

// integer is number as an int64.
func integer(v any) int64 { return int64(number(v)) }
