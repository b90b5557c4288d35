package bucket

import (
	"slices"
	"time"
)

// maxEnumeratedDays is the longest bounded day range whose day prefixes are
// listed directly; longer or open ranges discover the existing years, months
// and days with delimited listings first.
const maxEnumeratedDays = 14

// filter is the narrowing asked for: a day range and accounts and regions.
type filter struct {
	lo, hi            time.Time // first and last day (UTC midnight); zero is open
	accounts, regions []string  // empty is all
}

// newFilter derives the filter of opts.
func newFilter(opts Options) filter {
	f := filter{accounts: opts.Accounts, regions: opts.Regions}
	if !opts.Since.IsZero() {
		f.lo = day(opts.Since)
	}
	if !opts.Until.IsZero() {
		f.hi = day(opts.Until.Add(DeliveryLag))
	}
	return f
}

// day returns the UTC midnight starting t's UTC day.
func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// narrowed reports whether anything narrows the listing.
func (f filter) narrowed() bool {
	return !f.lo.IsZero() || !f.hi.IsZero() || len(f.accounts) > 0 || len(f.regions) > 0
}

// dated reports whether the day range is bounded on either side.
func (f filter) dated() bool { return !f.lo.IsZero() || !f.hi.IsZero() }

// span returns the days p can hold within the filter's range, zero where
// open, and whether there are any.
func (f filter) span(p pos) (lo, hi time.Time, ok bool) {
	lo, hi = f.lo, f.hi
	var plo, phi time.Time
	switch {
	case p.level > levelDay:
		plo = time.Date(p.year, time.Month(p.month), p.day, 0, 0, 0, 0, time.UTC)
		phi = plo
	case p.level > levelMonth:
		plo = time.Date(p.year, time.Month(p.month), 1, 0, 0, 0, 0, time.UTC)
		phi = plo.AddDate(0, 1, -1)
	case p.level > levelYear:
		plo = time.Date(p.year, 1, 1, 0, 0, 0, 0, time.UTC)
		phi = time.Date(p.year, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	if !plo.IsZero() && (lo.IsZero() || plo.After(lo)) {
		lo = plo
	}
	if !phi.IsZero() && (hi.IsZero() || phi.Before(hi)) {
		hi = phi
	}
	return lo, hi, lo.IsZero() || hi.IsZero() || !hi.Before(lo)
}

// keep reports whether the position can hold wanted keys.
func (f filter) keep(p pos) bool {
	if p.level > levelAccount && len(f.accounts) > 0 && !slices.Contains(f.accounts, p.account) {
		return false
	}
	if p.level > levelRegion && len(f.regions) > 0 && !slices.Contains(f.regions, p.region) {
		return false
	}
	_, _, ok := f.span(p)
	return ok
}

// keepKey reports whether an object key is wanted: keys outside the layout
// are kept, since nothing tells their accounts, regions or days.
func (f filter) keepKey(key string) bool {
	p, ok := parseKey(key)
	return !ok || f.keep(p)
}

// days returns the day prefixes of p within the filter's range when the range
// is bounded and at most maxEnumeratedDays long.
func (f filter) days(p pos) ([]pos, bool) {
	lo, hi, ok := f.span(p)
	if !ok {
		return nil, true
	}
	if lo.IsZero() || hi.IsZero() || hi.Sub(lo) >= maxEnumeratedDays*24*time.Hour {
		return nil, false
	}
	var out []pos
	for d := lo; !d.After(hi); d = d.AddDate(0, 0, 1) {
		out = append(out, p.withDay(d.Year(), int(d.Month()), d.Day()))
	}
	return out, true
}
