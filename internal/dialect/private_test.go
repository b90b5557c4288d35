package dialect_test

import (
	"context"
	"net/netip"
	"testing"

	"github.com/flowduck/flowduck/internal/dbtest"
	"github.com/flowduck/flowduck/internal/dialect"
)

// TestIsPrivate checks the SQL macro against the Go definition of the
// ranges at each range's edges and just outside them.
func TestIsPrivate(t *testing.T) {
	ctx := context.Background()
	conn := dbtest.OpenMemory(t).Conn // a session with the dialect has is_private
	var prefixes []netip.Prefix
	for _, r := range dialect.PrivateRanges {
		prefixes = append(prefixes, netip.MustParsePrefix(r.CIDR))
	}
	private := func(a netip.Addr) bool {
		for _, p := range prefixes {
			if p.Contains(a) {
				return true
			}
		}
		return false
	}
	var addrs []netip.Addr
	for _, p := range prefixes {
		first := p.Masked().Addr()
		last := lastAddr(p)
		addrs = append(addrs, first, last, first.Prev(), last.Next())
	}
	for _, s := range []string{"8.8.8.8", "203.0.113.7", "2600:1f18::1", "::1", "2001:db8::5"} {
		addrs = append(addrs, netip.MustParseAddr(s))
	}
	for _, a := range addrs {
		if !a.IsValid() {
			continue
		}
		var got bool
		if err := conn.QueryRowContext(ctx, "SELECT "+dialect.PrivateMacro+"(?)", a.String()).Scan(&got); err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		if want := private(a); got != want {
			t.Errorf("is_private(%s) = %v, want %v", a, got, want)
		}
	}
	for _, s := range []string{"-", "", "not-an-ip"} {
		var got *bool
		if err := conn.QueryRowContext(ctx, "SELECT "+dialect.PrivateMacro+"(?)", s).Scan(&got); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if got != nil {
			t.Errorf("is_private(%q) = %v, want NULL", s, *got)
		}
	}
}

// lastAddr is the highest address of p.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 1 << (7 - i%8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}
