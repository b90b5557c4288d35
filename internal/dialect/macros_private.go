package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"net/netip"
	"strings"
)

// PrivateRange is one address range flowduck treats as private (inside an
// estate) rather than external.
type PrivateRange struct {
	CIDR string
	Doc  string
}

// PrivateRanges are the private address ranges, defined once: is_private
// is generated from them, Install puts it on every session that runs the
// user's SQL, and every report that tells inside from outside uses it.
var PrivateRanges = []PrivateRange{
	{"10.0.0.0/8", "RFC 1918 private network"},
	{"172.16.0.0/12", "RFC 1918 private network"},
	{"192.168.0.0/16", "RFC 1918 private network"},
	{"100.64.0.0/10", "RFC 6598 shared address space (carrier-grade NAT)"},
	{"169.254.0.0/16", "RFC 3927 IPv4 link-local (instance metadata, Amazon DNS)"},
	{"fc00::/7", "RFC 4193 IPv6 unique local addresses"},
	{"fe80::/10", "RFC 4291 IPv6 link-local"},
}

// PrivateMacro is the name of the flowduck helper macro is_private(addr): it
// is true for an address in PrivateRanges, false for any other address and
// NULL for NULL or text that is not an address.
const PrivateMacro = "is_private"

// privateMacroSQL returns the CREATE TEMP MACRO statement for is_private,
// generated from PrivateRanges: IPv4 ranges compare the address as a 32-bit
// number, IPv6 ranges (at most /16) its first 16-bit group.
func privateMacroSQL() (string, error) {
	var v4, v6 []string
	for _, r := range PrivateRanges {
		p, err := netip.ParsePrefix(r.CIDR)
		if err != nil {
			return "", fmt.Errorf("private range %s: %w", r.CIDR, err)
		}
		lo, hi := prefixBounds(p)
		switch {
		case p.Addr().Is4():
			v4 = append(v4, fmt.Sprintf("n BETWEEN %d AND %d", lo, hi))
		case p.Bits() <= 16:
			v6 = append(v6, fmt.Sprintf("g BETWEEN %d AND %d", lo, hi))
		default:
			return "", fmt.Errorf("private range %s: IPv6 ranges longer than /16 are not supported", r.CIDR)
		}
	}
	return `CREATE OR REPLACE TEMP MACRO ` + PrivateMacro + `(addr) AS list_transform([CAST(addr AS VARCHAR)], lambda a: CASE
  WHEN strpos(a, ':') > 0 THEN list_transform([CASE WHEN starts_with(a, ':') THEN 0 ELSE TRY_CAST('0x' || split_part(a, ':', 1) AS INTEGER) END],
    lambda g: ` + strings.Join(v6, " OR ") + `)[1]
  ELSE list_transform([TRY_CAST(string_split(a, '.') AS BIGINT[])],
    lambda p: CASE WHEN len(p) = 4 THEN list_transform([p[1] * 16777216 + p[2] * 65536 + p[3] * 256 + p[4]],
      lambda n: ` + strings.Join(v4, " OR ") + `)[1] END)[1]
END)[1]`, nil
}

// prefixBounds returns the first and last address of p as numbers: the
// 32-bit address for IPv4, the first 16-bit group for IPv6 (p at most /16).
func prefixBounds(p netip.Prefix) (lo, hi uint64) {
	p = p.Masked()
	b := p.Addr().AsSlice()
	if p.Addr().Is4() {
		v := uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])
		return v, v | (1<<(32-p.Bits()) - 1)
	}
	top := uint64(b[0])<<8 | uint64(b[1])
	span := uint64(1)<<(16-p.Bits()) - 1
	return top, top | span
}

// InstallPrivate creates the is_private macro on conn, as a temporary macro.
func InstallPrivate(ctx context.Context, conn *sql.Conn) error {
	stmt, err := privateMacroSQL()
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, stmt); err != nil {
		return fmt.Errorf("install %s: %w", PrivateMacro, err)
	}
	return nil
}
