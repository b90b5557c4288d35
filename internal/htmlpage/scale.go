package htmlpage

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/flowduck/flowduck/internal/units"
)

// niceCeil rounds v up to 1, 2, 2.5 or 5 times a power of ten, the top of
// an axis; 1 for v <= 0.
func niceCeil(v float64) float64 {
	if v <= 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// niceTop is the top of an axis for values up to v: niceCeil, in binary
// steps for bytes so the ticks read 512 MiB, 1 GiB rather than 596.0 MiB.
func niceTop(v float64, unit string) float64 {
	if unit != "bytes" || v < 1024 {
		return niceCeil(v)
	}
	scale := 1.0
	for v/scale >= 1024 {
		scale *= 1024
	}
	return niceCeil(v/scale) * scale
}

// valueText writes v in the unit of its column: binary units for bytes,
// a short SI count otherwise (fractions kept for small non-integers).
func valueText(v float64, unit string) string {
	if unit == "bytes" && v >= 0 && v < math.MaxInt64 {
		return units.Bytes(int64(v))
	}
	if v == math.Trunc(v) && math.Abs(v) < 1e18 {
		return units.Count(int64(v))
	}
	if math.Abs(v) >= 1000 {
		return units.Count(int64(math.Round(v)))
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// exactText writes v in full, for tooltips: integers with no exponent.
func exactText(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e18 {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// coord writes one SVG coordinate.
func coord(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// point writes "x,y".
func point(x, y float64) string { return fmt.Sprintf("%s,%s", coord(x), coord(y)) }

// palette colours the series of a chart in order; red is kept for
// rejected traffic, blue for accepted, wherever they appear.
var palette = []string{"#1f6fb4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#17becf"}

// AcceptedColor and RejectedColor colour accepted and rejected traffic in
// every chart.
const (
	AcceptedColor = "#1f6fb4"
	RejectedColor = "#d62728"
)

// seriesColor is the colour of series i called name.
func seriesColor(i int, name string) string {
	switch strings.ToLower(name) {
	case "accepted", "accept":
		return AcceptedColor
	case "rejected", "reject", "rejected_flows", "rejected_bytes":
		return RejectedColor
	}
	return palette[i%len(palette)]
}
