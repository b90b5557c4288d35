package units

import (
	"slices"
	"strings"
	"unicode"
)

// Unit is what the numbers of a result column count, as told by its name.
type Unit int

const (
	// None is a column whose numbers are neither bytes nor counts
	// (dstport, protocol, duration_s).
	None Unit = iota
	// ByteUnit is a byte count, written with [Bytes].
	ByteUnit
	// CountUnit is a count, written with [Count].
	CountUnit
)

// byteWords and countWords decide a column's unit by name: a column one of
// whose words (its name split at anything but letters and digits,
// lower-cased) is in byteWords holds bytes; otherwise one with a word in
// countWords holds a count. So bytes, total_bytes, sum(bytes) and numbytes
// are bytes; packets, flows, records, rejected_flows, count, count_star()
// and count(DISTINCT dstport) are counts; dstport, srcport and protocol are
// neither.
var (
	byteWords  = []string{"bytes", "numbytes"}
	countWords = []string{"packets", "numpackets", "flows", "records", "count", "rows", "connections", "attempts"}
)

// ColumnUnit returns the unit of a column called name.
func ColumnUnit(name string) Unit {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for _, w := range words {
		if slices.Contains(byteWords, w) {
			return ByteUnit
		}
	}
	for _, w := range words {
		if slices.Contains(countWords, w) {
			return CountUnit
		}
	}
	return None
}
