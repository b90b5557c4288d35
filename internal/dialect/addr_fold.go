package dialect

import (
	"encoding/hex"
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
)

// keyRange is an inclusive range of address keys, both ends in the 16-byte
// form athena_ip_key gives (IPv4 mapped into ::ffff:0:0/96): the addresses
// a constant CIDR holds, or one constant address. Rewrite folds an address
// predicate whose network or address is a constant into a predicate on the
// address text (truthRangeSQL) that DuckDB can push into the scan and
// prune with its statistics, instead of keying every row.
type keyRange struct{ lo, hi netip.Addr }

// mappedPrefix is ::ffff:0:0/96, where IPv4 addresses live among the keys.
var mappedPrefix = netip.MustParsePrefix("::ffff:0:0/96")

// keyOf is the key form of a: IPv4 mapped into IPv6.
func keyOf(a netip.Addr) netip.Addr { return netip.AddrFrom16(a.As16()) }

// addressLiteral parses constant address text as athena_ip_key does (strict
// dotted quads, IPv6 without a zone) into its key. ok is false for text
// Rewrite must leave to the SQL macros, which then give NULL.
func addressLiteral(s string) (netip.Addr, bool) {
	if strings.ContainsAny(s, "% \t") {
		return netip.Addr{}, false
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, false
	}
	return keyOf(a), true
}

// cidrLiteral parses a constant CIDR as athena_cidr_network does into the
// range of keys it holds. ok is false for text the SQL macro must judge (it
// raises its "invalid CIDR" error there).
func cidrLiteral(s string) (keyRange, bool) {
	if strings.ContainsAny(s, "% \t") {
		return keyRange{}, false
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return keyRange{}, false
	}
	bits := p.Bits()
	if p.Addr().Is4() {
		bits += 96
	}
	lo := keyOf(p.Masked().Addr())
	b := lo.As16()
	for i := bits; i < 128; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	return keyRange{lo: lo, hi: netip.AddrFrom16(b)}, true
}

// ipv4 is the part of the range among IPv4 addresses, as 32-bit numbers.
func (r keyRange) ipv4() (lo, hi uint32, ok bool) {
	first, last := mappedPrefix.Addr(), netip.MustParseAddr("::ffff:255.255.255.255")
	if r.hi.Compare(first) < 0 || r.lo.Compare(last) > 0 {
		return 0, 0, false
	}
	l, h := r.lo, r.hi
	if l.Compare(first) < 0 {
		l = first
	}
	if h.Compare(last) > 0 {
		h = last
	}
	return v4num(l), v4num(h), true
}

func v4num(k netip.Addr) uint32 {
	b := k.As16()
	return uint32(b[12])<<24 | uint32(b[13])<<16 | uint32(b[14])<<8 | uint32(b[15])
}

// exactRangeSQL is the three-valued predicate "the key of text v is in r":
// NULL when v is not an address, as contains(cidr, ip) and comparisons are.
// It keys v with the Go function flowduck_ip_key (udf_ipkey.go), whose
// hex keys compare as text in key order.
//
// DuckDB evaluates BETWEEN as two comparisons, each calling the key, so a
// range that is all the keys starting with some hex digits (a network
// whose prefix length, counted in the 128-bit space, is a multiple of 4)
// is a starts_with, one call.
func exactRangeSQL(v string, r keyRange) string {
	key := IPKeyFunc + "(" + v + ")"
	if r.lo == r.hi {
		return key + " = " + hexKeySQL(r.lo.As16())
	}
	lo, hi := r.lo.As16(), r.hi.As16()
	hlo, hhi := hex.EncodeToString(lo[:]), hex.EncodeToString(hi[:])
	n := 0 // hex digits lo and hi share
	for n < len(hlo) && hlo[n] == hhi[n] {
		n++
	}
	if strings.Trim(hlo[n:], "0") == "" && strings.Trim(hhi[n:], "f") == "" {
		return "starts_with(" + key + ", '" + hlo[:n] + "')"
	}
	return key + " BETWEEN " + hexKeySQL(lo) + " AND " + hexKeySQL(hi)
}

// truthRangeSQL is "the key of text v is in r" for a place where NULL and
// false mean the same (a WHERE or join condition, a CASE WHEN, through AND
// and OR): true exactly when the exact predicate is true, but shaped so
// DuckDB can prune with statistics and key only the rows that may match.
// It is "coarse AND fine": coarse is an OR of comparisons of v with
// constants, which DuckDB checks against each row group's min and max and
// evaluates cheaply; fine decides exactly, for the rows coarse lets through.
// Both are the union of
//
//   - the canonical IPv4 texts in r: an equality, or a prefix (the octets
//     the range shares) and a regular expression that checks the rest; and
//   - every other spelling of an address in r: IPv6 text, including the
//     IPv4-mapped and compressed forms, starts with its first group in hex
//     (either case), or with '0' or ':' when that group is zero. When no
//     text of the data starts so, the min/max statistics rule it out.
//
// fine is a CASE of guarded checks, "CASE WHEN guard THEN check ... END",
// rather than an OR of "guard AND check": DuckDB's adaptive filter reorders
// the operands of AND and OR as it measures them, and tried first, a check
// (a regular expression, or the Go key on a chunk) costs far more than the
// guard it stands behind; a CASE keeps the order. The two are the same in
// a truth place because a row whose guard holds and whose check fails is
// no address in r, so no later branch holds for it either: a text starting
// with the dotted octets of the range or with the groups of a canonical
// IPv6 prefix is an address only in those spellings, which the check
// decides exactly.
func truthRangeSQL(v string, r keyRange) string {
	var coarse []string
	var branches []guarded
	if lo, hi, ok := r.ipv4(); ok {
		g, c := canonicalIPv4Test(v, lo, hi)
		coarse, branches = append(coarse, g), append(branches, guarded{g, c})
	}
	exact := exactRangeSQL(v, r)
	starts := otherSpellingsSQL(v, r)
	if p := canonicalIPv6Prefix(r); p != "" && starts != "" {
		// Canonical IPv6 text of the network starts with its groups; such
		// text is in the range exactly when it is an address at all, which
		// a regular expression tells at a fraction of a Go call per chunk.
		branches = append(branches, guarded{v + " LIKE '" + p + "%'", "regexp_full_match(" + v + ", '" + ipv6RE + "')"})
	}
	if starts != "" {
		starts = "(" + starts + ")"
	}
	coarse = append(coarse, starts) // empty: no useful coarse test
	branches = append(branches, guarded{starts, exact})
	fine := guardedSQL(branches)
	for _, c := range coarse {
		if c == "" {
			return "(" + fine + ")"
		}
	}
	if len(branches) == 1 { // fine is coarse AND the exact check already
		return "(" + fine + ")"
	}
	return "((" + strings.Join(coarse, " OR ") + ") AND " + fine + ")"
}

// canonicalTruthRangeSQL is truthRangeSQL for an address column whose
// texts are known to be canonical (see rewrite_choose.go: every text that
// starts with digits and a dot is a dotted quad written as Athena writes
// it). For a network of whole octets inside IPv4 (a /8, /16 or /24) the
// prefix test of its octets is then exact on its own, with no regular
// expression behind it, and the predicate costs what the text's LIKE does.
// The other spellings keep their guarded exact test; when the statistics
// rule them out (pruneSpellings), DuckDB's optimizer drops the CASE and
// leaves the LIKE alone. ok is false for any other range.
func canonicalTruthRangeSQL(v string, r keyRange) (string, bool) {
	lo, hi, ok := r.ipv4()
	if !ok || v4Key(lo) != r.lo || v4Key(hi) != r.hi {
		return "", false
	}
	k := 0 // leading octets lo and hi share
	for k < 4 && octet(lo, k) == octet(hi, k) {
		k++
	}
	if k == 0 || k == 4 {
		return "", false
	}
	if rest := uint32(1)<<(8*(4-k)) - 1; lo&rest != 0 || hi&rest != rest {
		return "", false
	}
	guard := v + " LIKE '" + dotted(lo, k) + ".%'"
	exact := exactRangeSQL(v, r)
	starts := otherSpellingsSQL(v, r)
	if starts == "" {
		return "(" + guard + " OR " + exact + ")", true
	}
	return "(" + guard + " OR CASE WHEN (" + starts + ") THEN " + exact + " END)", true
}

// v4Key is the key of the IPv4 address with number n.
func v4Key(n uint32) netip.Addr {
	return keyOf(netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}))
}

// choiceSQL is the truth predicate "the key of text v is in r": when the
// range has a canonical form, both forms in a chooseFunc call, for
// resolveChoices to pick one once it knows the column's table.
func choiceSQL(v string, r keyRange) string {
	exact := truthRangeSQL(v, r)
	canonical, ok := canonicalTruthRangeSQL(v, r)
	if !ok {
		return exact
	}
	return chooseFunc + "(" + exact + ", " + canonical + ")"
}

// guarded is a check that decides exactly for the rows its guard, a cheap
// test of the text, lets through. An empty guard lets every row through;
// an empty check is the guard alone.
type guarded struct{ guard, check string }

// sql is guard AND check.
func (g guarded) sql() string {
	switch {
	case g.check == "":
		return g.guard
	case g.guard == "":
		return g.check
	}
	return "(" + g.guard + " AND " + g.check + ")"
}

// guardedSQL is the union of the branches (see truthRangeSQL): a CASE that
// tries them in order, or, when a guard other than the last is empty (a
// CASE would stop there), an OR.
func guardedSQL(branches []guarded) string {
	if len(branches) == 1 {
		return branches[0].sql()
	}
	var b strings.Builder
	b.WriteString("CASE")
	for i, br := range branches {
		check := br.check
		if check == "" {
			check = "true"
		}
		switch {
		case br.guard != "":
			b.WriteString(" WHEN " + br.guard + " THEN " + check)
		case i == len(branches)-1:
			b.WriteString(" ELSE " + check)
		default:
			parts := make([]string, len(branches))
			for j, br := range branches {
				parts[j] = br.sql()
			}
			return "(" + strings.Join(parts, " OR ") + ")"
		}
	}
	return b.String() + " END"
}

// canonicalIPv4Test tests for the dotted quads from lo to hi written as
// Athena writes them (no leading zeros, no spaces), as a guard (an
// equality, or a LIKE on the octets lo and hi share; empty when they share
// none) and the check behind it (empty when the guard is exact on its own):
// guard AND check is true exactly for them, and keeps the LIKE in front:
// DuckDB's adaptive filter may otherwise try the regular expression first,
// on every row.
func canonicalIPv4Test(v string, lo, hi uint32) (guard, check string) {
	if lo == hi {
		return v + " = '" + dotted(lo, 4) + "'", ""
	}
	k := 0 // leading octets lo and hi share
	for k < 4 && octet(lo, k) == octet(hi, k) {
		k++
	}
	re, ok := canonicalIPv4RE(lo, hi)
	switch {
	case !ok:
		check = fmt.Sprintf("athena_ipv4_num(%s) BETWEEN %d AND %d", v, lo, hi)
	case k == 0:
		check = "regexp_full_match(" + v + ", '" + re + "')"
	default:
		// Behind the guard, the regular expression reads only the text
		// after the shared octets: a few percent cheaper.
		shared := dotted(lo, k) + "."
		rest := strings.TrimPrefix(re, regexp.QuoteMeta(dotted(lo, k))+`\.`)
		check = fmt.Sprintf("regexp_full_match(substr(%s, %d), '%s')", v, len(shared)+1, rest)
	}
	if k == 0 {
		return "", check
	}
	return v + " LIKE '" + dotted(lo, k) + ".%'", check
}

// canonicalIPv4RE is a regular expression that matches exactly the dotted
// quads from lo to hi written as Athena writes them (no leading zeros), when
// the range is all the addresses whose octets before the first one that
// differs are lo's, that octet from lo's to hi's and any after it (every
// IPv4 network is); ok is false for any other range.
func canonicalIPv4RE(lo, hi uint32) (string, bool) {
	k := 0 // leading octets lo and hi share
	for k < 4 && octet(lo, k) == octet(hi, k) {
		k++
	}
	if k == 4 {
		return regexp.QuoteMeta(dotted(lo, 4)), true
	}
	rest := uint32(1)<<(8*(3-k)) - 1 // the octets after the first that differs
	if lo&rest != 0 || hi&rest != rest {
		return "", false
	}
	re := regexp.QuoteMeta(dotted(lo, k))
	if k > 0 {
		re += `\.`
	}
	return re + octetRangeRE(octet(lo, k), octet(hi, k)) + strings.Repeat(`\.`+octetRE, 3-k), true
}

// otherSpellingsSQL is a test every text that spells an address in r, other
// than a canonical dotted quad, passes: a union of ranges of text. Empty
// means no useful test (any text may).
func otherSpellingsSQL(v string, r keyRange) string {
	return strings.Join(otherSpellingTests(v, r), " OR ")
}

// otherSpellingTests are the tests otherSpellingsSQL joins; nil means no
// useful test.
func otherSpellingTests(v string, r keyRange) []string {
	// A first group written with leading zeros starts with '0'; a space or
	// any other byte below '0' makes no address.
	tests := []string{v + " < '1.0.0.0'"}
	g1, g2 := firstGroup(r.lo), firstGroup(r.hi)
	if g1 == 0 {
		tests = append(tests, v+" >= ':'") // '::' compression
		g1 = 1
	}
	// Hex written in either case: for first groups of one length, the
	// uppercase spelling of the lowest is the least text and the lowercase
	// spelling of the highest, then ';', is past the greatest.
	for g1 <= g2 && g2 > 0 {
		digits := len(strconv.FormatUint(uint64(g1), 16))
		end := g2
		if maxLen := uint16(1)<<(4*digits) - 1; digits < 4 && end > maxLen {
			end = maxLen
		}
		if first := strconv.FormatUint(uint64(g1), 16); g1 == end && strings.Trim(first, "0123456789") == "" {
			// one first group, all digits: a prefix (a superset of the range
			// below, and one test where the range is two)
			tests = append(tests, fmt.Sprintf("%s LIKE '%s%%'", v, first))
		} else {
			tests = append(tests, fmt.Sprintf("(%s >= '%s' AND %s < '%s;')", v,
				strings.ToUpper(first), v, strconv.FormatUint(uint64(end), 16)))
		}
		if end == g2 {
			break
		}
		g1 = end + 1
	}
	if len(tests) > 3 {
		return nil // first groups of several lengths: nearly any text
	}
	return tests
}

func firstGroup(k netip.Addr) uint16 {
	b := k.As16()
	return uint16(b[0])<<8 | uint16(b[1])
}

// octet is the i-th octet (0-3) of a 32-bit address.
func octet(a uint32, i int) uint32 { return a >> (8 * (3 - i)) & 255 }

// dotted writes the first n octets of a, dot separated.
func dotted(a uint32, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = strconv.Itoa(int(octet(a, i)))
	}
	return strings.Join(parts, ".")
}

// octetRangeRE matches the octets lo to hi as Athena writes them.
func octetRangeRE(lo, hi uint32) string {
	if lo == 0 && hi == 255 {
		return octetRE
	}
	alts := make([]string, 0, hi-lo+1)
	for o := lo; o <= hi; o++ {
		alts = append(alts, strconv.Itoa(int(o)))
	}
	return "(?:" + strings.Join(alts, "|") + ")"
}

// canonicalIPv6Prefix is the text every canonical spelling of an address in
// r starts with, when r is an IPv6 network of whole, nonzero 16-bit groups
// outside the IPv4 spaces (2001:861::/32: "2001:861:"): a valid address
// whose text starts so is in r. Empty otherwise.
func canonicalIPv6Prefix(r keyRange) string {
	lo, hi := r.lo.As16(), r.hi.As16()
	groups := 0
	for groups < 7 && lo[2*groups] == hi[2*groups] && lo[2*groups+1] == hi[2*groups+1] {
		groups++
	}
	if groups == 0 {
		return ""
	}
	for i := 2 * groups; i < 16; i++ {
		if lo[i] != 0 || hi[i] != 0xff {
			return "" // not a network of whole groups
		}
	}
	var b strings.Builder
	for g := range groups {
		word := uint16(lo[2*g])<<8 | uint16(lo[2*g+1])
		if word == 0 {
			return "" // a zero group may be written as '::'
		}
		b.WriteString(strconv.FormatUint(uint64(word), 16) + ":")
	}
	return b.String()
}

// ipv6RE matches IPv6 address text exactly as net/netip reads it without a
// zone: eight groups of 1 to 4 hex digits (either case), or fewer around
// one '::' standing for at least one zero group, the last two groups
// possibly a dotted quad (octets without leading zeros).
var ipv6RE = func() string {
	h := `[0-9a-fA-F]{1,4}`
	quad := octetRE + `(?:\.` + octetRE + `){3}`
	alts := []string{`(?:` + h + `:){7}` + h, `(?:` + h + `:){6}` + quad}
	left := func(n int) string {
		if n == 0 {
			return ""
		}
		return fmt.Sprintf(`(?:%s:){%d}%s`, h, n-1, h)
	}
	for n := 0; n <= 6; n++ { // n groups before '::', up to 7-n after
		alts = append(alts, left(n)+`::`+fmt.Sprintf(`(?:%s(?::%s){0,%d})?`, h, h, 6-n))
	}
	alts = append(alts, left(7)+`::`)
	for n := 0; n <= 5; n++ { // the same, ending in a dotted quad
		alts = append(alts, left(n)+`::`+fmt.Sprintf(`(?:%s:){0,%d}`, h, 5-n)+quad)
	}
	return `(?:` + strings.Join(alts, `|`) + `)`
}()
