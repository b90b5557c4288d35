package insights

import (
	"strconv"
	"strings"
)

// span is a parsed time span: n units.
type span struct {
	n    int64
	unit string // ms, s, m, h, d, w (fixed length) or mo, q, y (calendar)
}

// units maps each unit CloudWatch accepts in bin() to its canonical form.
var units = map[string]string{
	"ms": "ms", "s": "s", "sec": "s", "second": "s", "seconds": "s",
	"m": "m", "min": "m", "minute": "m", "minutes": "m",
	"h": "h", "hr": "h", "hour": "h", "hours": "h",
	"d": "d", "day": "d", "days": "d",
	"w": "w", "week": "w", "weeks": "w",
	"mo": "mo", "month": "mo", "months": "mo",
	"q": "q", "quarter": "q", "quarters": "q",
	"y": "y", "year": "y", "years": "y",
}

// millis is the length of the fixed units in milliseconds.
var millis = map[string]int64{"ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000, "w": 7 * 86_400_000}

// parseSpan reads a duration literal such as 5m or 1mo.
func (c *compiler) parseSpan(e Expr) (span, error) {
	d, ok := e.(*Duration)
	if !ok {
		return span{}, c.errorf(e.pos(), "expected a time span such as 5m, 1h or 1d")
	}
	i := strings.IndexFunc(d.Text, func(r rune) bool { return r < '0' || r > '9' })
	n, err := strconv.ParseInt(d.Text[:i], 10, 64)
	unit, known := units[strings.ToLower(d.Text[i:])]
	if err != nil || !known || n <= 0 {
		return span{}, c.errorf(d.At, "malformed time span %s: use a whole number and a unit: ms, s, m, h, d, w, mo, q or y", d.Text)
	}
	if ms, fixed := millis[unit]; fixed && n > (1<<53)/ms {
		return span{}, c.errorf(d.At, "time span %s is too long", d.Text)
	}
	return span{n: n, unit: unit}, nil
}

// floorSQL is the start of the span-long bucket that holds ts: buckets
// start at multiples of the span from the Unix epoch, in UTC.
func (s span) floorSQL(ts string) string {
	if ms, fixed := millis[s.unit]; fixed {
		w := strconv.FormatInt(ms*s.n, 10)
		return "to_timestamp(floor(epoch_ms(" + ts + ") / " + w + ") * " + w + " / 1000.0)"
	}
	months := s.n
	switch s.unit {
	case "q":
		months *= 3
	case "y":
		months *= 12
	}
	m := strconv.FormatInt(months, 10)
	utc := "timezone('UTC', " + ts + ")"
	idx := "((year(" + utc + ") - 1970) * 12 + month(" + utc + ") - 1)"
	return "timezone('UTC', TIMESTAMP '1970-01-01' + to_months(CAST(floor(" + idx + " / " + m + ") * " + m + " AS INTEGER)))"
}

// ceilSQL is the end of the bucket that holds ts, or ts itself when it
// starts a bucket.
func (s span) ceilSQL(ts string) string {
	f := s.floorSQL(ts)
	var next string
	if ms, fixed := millis[s.unit]; fixed {
		next = f + " + to_milliseconds(" + strconv.FormatInt(ms*s.n, 10) + ")"
	} else {
		months := s.n
		switch s.unit {
		case "q":
			months *= 3
		case "y":
			months *= 12
		}
		next = f + " + to_months(" + strconv.FormatInt(months, 10) + ")"
	}
	return "(CASE WHEN " + f + " = " + ts + " THEN " + f + " ELSE " + next + " END)"
}

func buildBin(c *compiler, call *Call, a []arg) (string, typ, error) {
	s, err := c.parseSpan(call.Args[0])
	if err != nil {
		return "", tyNull, err
	}
	ts := c.resolve("@timestamp")
	if ts.t == tyNull {
		return "", tyNull, c.errorf(call.At, "bin() needs @timestamp, which an earlier stats removed")
	}
	return s.floorSQL(ts.sql), tyTime, nil
}

func buildDateFloor(c *compiler, call *Call, a []arg) (string, typ, error) {
	s, err := c.parseSpan(call.Args[1])
	if err != nil {
		return "", tyNull, err
	}
	return s.floorSQL(asTime(a[0])), tyTime, nil
}

func buildDateCeil(c *compiler, call *Call, a []arg) (string, typ, error) {
	s, err := c.parseSpan(call.Args[1])
	if err != nil {
		return "", tyNull, err
	}
	return s.ceilSQL(asTime(a[0])), tyTime, nil
}

// asTime is a value as a TIMESTAMPTZ: numbers are epoch milliseconds.
func asTime(a arg) string {
	switch a.t {
	case tyTime:
		return a.sql
	case tyNum:
		return "to_timestamp(" + a.sql + " / 1000.0)"
	}
	return "TRY_CAST(" + a.sql + " AS TIMESTAMPTZ)"
}
