package chart

import (
	"math"
	"strconv"

	"github.com/flowduck/flowduck/internal/units"
)

// ValueText writes v briefly in unit u, as charts label their axes and bar
// ends: bytes as 1.5 GiB, other numbers as 950, 3.4k, 5.6M, fractions with
// three significant digits (0.25, 12.3). A missing value (NaN) is "".
func ValueText(v float64, u units.Unit) string {
	switch {
	case math.IsNaN(v):
		return ""
	case math.IsInf(v, 0):
		return strconv.FormatFloat(v, 'f', -1, 64)
	case u == units.ByteUnit:
		if v < 0 {
			return "-" + units.Bytes(int64(math.Round(-v)))
		}
		return units.Bytes(int64(math.Round(v)))
	case math.Abs(v) >= 1000:
		if math.Abs(v) >= math.MaxInt64 {
			return strconv.FormatFloat(v, 'g', 3, 64)
		}
		return units.Count(int64(math.Round(v)))
	case v == math.Trunc(v):
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}
