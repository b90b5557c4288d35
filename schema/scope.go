package schema

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// Address scopes: what kind of address an IP address is. ScopePublic is every
// address no AddressRanges entry holds, the documentation ranges
// (203.0.113.0/24, 2001:db8::/32, ...) included: sample data uses them for
// internet peers.
const (
	ScopePrivate     = "private"
	ScopeCGNAT       = "cgnat"
	ScopeLinkLocal   = "link-local"
	ScopeLoopback    = "loopback"
	ScopeMulticast   = "multicast"
	ScopeBroadcast   = "broadcast"
	ScopeUnspecified = "unspecified"
	ScopeReserved    = "reserved"
	ScopePublic      = "public"
)

// AddressRange is one range of addresses of a scope.
type AddressRange struct {
	CIDR  string
	Scope string
	// Private ranges are inside an estate rather than external: the
	// is_private macro is true for them.
	Private bool
	Doc     string
}

// AddressRanges classify addresses, defined once: the flows view's
// src_scope and dst_scope and the is_private macro (package dialect) are
// generated from them. Ranges do not overlap except where a more specific
// range comes first. IPv6 ranges are either at most /16 or single addresses
// (/128).
var AddressRanges = []AddressRange{
	{"0.0.0.0/8", ScopeUnspecified, false, "RFC 791 \"this network\""},
	{"10.0.0.0/8", ScopePrivate, true, "RFC 1918 private network"},
	{"100.64.0.0/10", ScopeCGNAT, true, "RFC 6598 shared address space (carrier-grade NAT)"},
	{"127.0.0.0/8", ScopeLoopback, false, "RFC 1122 IPv4 loopback"},
	{"169.254.0.0/16", ScopeLinkLocal, true, "RFC 3927 IPv4 link-local (instance metadata, Amazon DNS)"},
	{"172.16.0.0/12", ScopePrivate, true, "RFC 1918 private network"},
	{"192.168.0.0/16", ScopePrivate, true, "RFC 1918 private network"},
	{"224.0.0.0/4", ScopeMulticast, false, "RFC 5771 IPv4 multicast"},
	{"255.255.255.255/32", ScopeBroadcast, false, "RFC 919 limited broadcast"},
	{"240.0.0.0/4", ScopeReserved, false, "RFC 1112 reserved for future use"},
	{"::/128", ScopeUnspecified, false, "RFC 4291 IPv6 unspecified address"},
	{"::1/128", ScopeLoopback, false, "RFC 4291 IPv6 loopback"},
	{"fc00::/7", ScopePrivate, true, "RFC 4193 IPv6 unique local addresses"},
	{"fe80::/10", ScopeLinkLocal, true, "RFC 4291 IPv6 link-local"},
	{"ff00::/8", ScopeMulticast, false, "RFC 4291 IPv6 multicast"},
}

// PrivateScopes returns the scopes of the Private ranges, in AddressRanges
// order.
func PrivateScopes() []string {
	var scopes []string
	for _, r := range AddressRanges {
		if r.Private && !slices.Contains(scopes, r.Scope) {
			scopes = append(scopes, r.Scope)
		}
	}
	return scopes
}

// ScopeSQL returns a DuckDB expression for the scope of the address held by
// the SQL expression addr (text): one of the Scope names, NULL for NULL or
// text that is not an address. It uses only built-in functions, so a view
// built with it reads in plain DuckDB. IPv4 ranges compare the address as a
// 32-bit number, IPv6 ranges of at most /16 its first 16-bit group, /128
// ranges its text.
func ScopeSQL(addr string) (string, error) {
	var v4, v6, v6exact []string
	for _, r := range AddressRanges {
		p, err := netip.ParsePrefix(r.CIDR)
		if err != nil {
			return "", fmt.Errorf("address range %s: %w", r.CIDR, err)
		}
		lo, hi := prefixBounds(p)
		switch {
		case p.Addr().Is4():
			v4 = append(v4, fmt.Sprintf("WHEN ip_num BETWEEN %d AND %d THEN '%s'", lo, hi, r.Scope))
		case p.Bits() == 128:
			v6exact = append(v6exact, fmt.Sprintf("WHEN ip_text = '%s' THEN '%s'", p.Addr(), r.Scope))
		case p.Bits() <= 16:
			v6 = append(v6, fmt.Sprintf("WHEN ip_group BETWEEN %d AND %d THEN '%s'", lo, hi, r.Scope))
		default:
			return "", fmt.Errorf("address range %s: IPv6 ranges must be at most /16 or /128", r.CIDR)
		}
	}
	public := "ELSE '" + ScopePublic + "' END"
	return `list_transform([lower(CAST(` + addr + ` AS VARCHAR))], lambda ip_text: CASE
  ` + strings.Join(v6exact, "\n  ") + `
  WHEN strpos(ip_text, ':') > 0 THEN list_transform([CASE WHEN starts_with(ip_text, ':') THEN 0 ELSE TRY_CAST('0x' || split_part(ip_text, ':', 1) AS INTEGER) END],
    lambda ip_group: CASE WHEN ip_group IS NULL THEN NULL
    ` + strings.Join(v6, "\n    ") + `
    ` + public + `)[1]
  ELSE list_transform([TRY_CAST(string_split(ip_text, '.') AS BIGINT[])],
    lambda ip_octets: CASE WHEN list_count(ip_octets) = 4 AND len(ip_octets) = 4 AND list_min(ip_octets) >= 0 AND list_max(ip_octets) <= 255
      THEN list_transform([ip_octets[1] * 16777216 + ip_octets[2] * 65536 + ip_octets[3] * 256 + ip_octets[4]],
        lambda ip_num: CASE
        ` + strings.Join(v4, "\n        ") + `
        ` + public + `)[1] END)[1]
END)[1]`, nil
}

// prefixBounds returns the first and last address of p as numbers: the
// 32-bit address for IPv4, the first 16-bit group for IPv6.
func prefixBounds(p netip.Prefix) (lo, hi uint64) {
	p = p.Masked()
	b := p.Addr().AsSlice()
	if p.Addr().Is4() {
		v := uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])
		return v, v | (1<<(32-p.Bits()) - 1)
	}
	top := uint64(b[0])<<8 | uint64(b[1])
	if p.Bits() >= 16 {
		return top, top
	}
	return top, top | (uint64(1)<<(16-p.Bits()) - 1)
}
