package render

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// This file formats the scalar values every output format shares: numbers,
// timestamps, intervals, blobs and UUIDs, in the text DuckDB itself prints.

// floatText formats f as DuckDB does: the shortest digits that round-trip,
// fixed notation with at least one decimal (2.0) for exponents -4..15,
// scientific (1e+20, 1e-07) outside that, and nan, inf, -inf.
func floatText(f float64, bits int) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	if bits != 32 {
		bits = 64
	}
	sci := strconv.FormatFloat(f, 'e', -1, bits) // d.ddde±XX
	mant, expText, _ := strings.Cut(sci, "e")
	exp, _ := strconv.Atoi(expText)
	if exp < -4 || exp >= 16 {
		sign := "+"
		if exp < 0 {
			sign, exp = "-", -exp
		}
		return fmt.Sprintf("%se%s%02d", mant, sign, exp)
	}
	s := strconv.FormatFloat(f, 'f', -1, bits)
	if !strings.ContainsRune(s, '.') {
		s += ".0"
	}
	return s
}

// decimalText writes an exact DECIMAL with all of its scale digits
// (DECIMAL(18,3) 1.5 is "1.500").
func decimalText(d duckdb.Decimal) string {
	if d.Value == nil {
		return "0"
	}
	return scaledText(d.Value, int(d.Scale))
}

// scaledText writes v / 10^scale exactly, keeping scale decimal digits.
func scaledText(v *big.Int, scale int) string {
	digits := new(big.Int).Abs(v).String()
	sign := ""
	if v.Sign() < 0 {
		sign = "-"
	}
	if scale <= 0 {
		return sign + digits
	}
	if len(digits) <= scale {
		digits = strings.Repeat("0", scale-len(digits)+1) + digits
	}
	cut := len(digits) - scale
	return sign + digits[:cut] + "." + digits[cut:]
}

// Infinite timestamps and dates, as the driver decodes them.
const (
	infiniteMicros = math.MaxInt64
	infiniteDays   = math.MaxInt32
	secondsPerDay  = 86400
)

// infinity returns "infinity" or "-infinity" when t is DuckDB's infinite
// timestamp (or, with date set, infinite date), and "" otherwise.
func infinity(t time.Time, date bool) string {
	if date {
		days := t.Unix() / secondsPerDay
		switch days {
		case infiniteDays:
			return "infinity"
		case -infiniteDays:
			return "-infinity"
		}
		return ""
	}
	switch t.UnixMicro() {
	case infiniteMicros:
		return "infinity"
	case -infiniteMicros:
		return "-infinity"
	}
	return ""
}

// dateText formats the date part of t as DuckDB does: 2026-03-01, and
// 0057-03-15 (BC) before year 1.
func dateText(t time.Time) string {
	y, m, d := t.Date()
	if y >= 1 && y <= 9999 {
		return t.Format(time.DateOnly)
	}
	if y <= 0 {
		return fmt.Sprintf("%04d-%02d-%02d (BC)", 1-y, m, d)
	}
	return fmt.Sprintf("%d-%02d-%02d", y, m, d) // five-digit years
}

// isoDate formats the date part of t in ISO 8601, with astronomical year
// numbering (year 0 is 1 BC) and a sign outside 0000..9999.
func isoDate(t time.Time) string {
	y, m, d := t.Date()
	if y >= 0 && y <= 9999 {
		return t.Format(time.DateOnly)
	}
	return fmt.Sprintf("%+05d-%02d-%02d", y, m, d)
}

// clockText formats the time of day of t: 15:04:05 with fractional seconds
// only when they are non-zero, trailing zeros trimmed.
func clockText(t time.Time) string {
	return t.Format("15:04:05.999999999")
}

// offsetText formats a zone offset as DuckDB does: +00, +01, +05:30.
func offsetText(t time.Time) string {
	_, off := t.Zone()
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	h, m := off/3600, off%3600/60
	b := []byte{byte(sign), byte('0' + h/10), byte('0' + h%10)}
	if m != 0 {
		b = append(b, ':', byte('0'+m/10), byte('0'+m%10))
	}
	return string(b)
}

// isoOffset formats a zone offset for ISO 8601: Z for UTC, else +01:00.
func isoOffset(t time.Time) string {
	_, off := t.Zone()
	if off == 0 {
		return "Z"
	}
	return t.Format("-07:00")
}

// timeText formats a time.Time of the given kind for display.
func timeText(t time.Time, k kind, loc *time.Location) string {
	switch k {
	case kindDate:
		if inf := infinity(t, true); inf != "" {
			return inf
		}
		return dateText(t)
	case kindTime:
		return clockText(t)
	case kindTimeTZ:
		return clockText(t) + offsetText(t)
	case kindTimestamp:
		if inf := infinity(t, false); inf != "" {
			return inf
		}
		t = t.UTC()
		return dateText(t) + " " + clockText(t)
	default: // TIMESTAMPTZ, and time.Time values of unknown type
		if inf := infinity(t, false); inf != "" {
			return inf
		}
		t = t.In(loc)
		return dateText(t) + " " + clockText(t) + offsetText(t)
	}
}

// timeISO formats a time.Time of the given kind in ISO 8601 for JSON:
// DATE 2026-03-01, TIME 12:00:00, TIMESTAMP 2026-03-01T12:00:00Z (UTC),
// TIMESTAMPTZ in loc with its offset. Infinite values stay "infinity".
func timeISO(t time.Time, k kind, loc *time.Location) string {
	switch k {
	case kindDate:
		if inf := infinity(t, true); inf != "" {
			return inf
		}
		return isoDate(t)
	case kindTime:
		return clockText(t)
	case kindTimeTZ:
		return clockText(t) + isoOffset(t)
	case kindTimestamp:
		if inf := infinity(t, false); inf != "" {
			return inf
		}
		t = t.UTC()
		return isoDate(t) + "T" + clockText(t) + "Z"
	default:
		if inf := infinity(t, false); inf != "" {
			return inf
		}
		t = t.In(loc)
		return isoDate(t) + "T" + clockText(t) + isoOffset(t)
	}
}

// intervalText formats an INTERVAL as DuckDB does:
// "1 year 2 months 3 days 04:05:06.789", "-1 day -02:00:00", "00:00:00".
func intervalText(iv duckdb.Interval) string {
	var parts []string
	unit := func(n int64, name string) {
		if n == 0 {
			return
		}
		if n != 1 && n != -1 {
			name += "s"
		}
		parts = append(parts, fmt.Sprintf("%d %s", n, name))
	}
	unit(int64(iv.Months/12), "year")
	unit(int64(iv.Months%12), "month")
	unit(int64(iv.Days), "day")
	if iv.Micros != 0 || len(parts) == 0 {
		parts = append(parts, clockDuration(iv.Micros))
	}
	return strings.Join(parts, " ")
}

// clockDuration formats micros as [-]HH:MM:SS[.ffffff], hours unbounded.
func clockDuration(micros int64) string {
	sign := ""
	u := uint64(micros)
	if micros < 0 {
		sign, u = "-", uint64(-micros)
	}
	const perSecond = 1_000_000
	secs, frac := u/perSecond, u%perSecond
	s := fmt.Sprintf("%s%02d:%02d:%02d", sign, secs/3600, secs/60%60, secs%60)
	if frac != 0 {
		s += strings.TrimRight(fmt.Sprintf(".%06d", frac), "0")
	}
	return s
}

// blobText formats bytes as DuckDB shows a BLOB: printable ASCII as is,
// everything else (and the quote characters and backslash) as \xHH.
func blobText(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		if c < 0x20 || c >= 0x7f || c == '\'' || c == '"' || c == '\\' {
			fmt.Fprintf(&sb, `\x%02X`, c)
			continue
		}
		sb.WriteByte(c)
	}
	return sb.String()
}

// uuidText formats 16 bytes as a UUID; other lengths fall back to blobText.
func uuidText(b []byte) string {
	if len(b) != len(duckdb.UUID{}) {
		return blobText(b)
	}
	var u duckdb.UUID
	copy(u[:], b)
	return u.String()
}
