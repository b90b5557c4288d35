package store

import (
	"context"
	"database/sql"
	"net/netip"
	"testing"

	"github.com/flowduck/flowduck/schema"
)

// scopeOf is the reference classifier: the first range of
// schema.AddressRanges that holds a, else public.
func scopeOf(a netip.Addr) string {
	for _, r := range schema.AddressRanges {
		if netip.MustParsePrefix(r.CIDR).Contains(a) {
			return r.Scope
		}
	}
	return schema.ScopePublic
}

// TestScopeSQL checks the SQL classifier against the reference at each
// range's edges and just outside them, and that text that is not an address
// has no scope.
func TestScopeSQL(t *testing.T) {
	ctx := context.Background()
	conn := plainConn(t)
	expr, err := schema.ScopeSQL("?")
	if err != nil {
		t.Fatal(err)
	}
	var addrs []netip.Addr
	for _, r := range schema.AddressRanges {
		p := netip.MustParsePrefix(r.CIDR).Masked()
		first := p.Addr()
		b := first.AsSlice()
		for i := p.Bits(); i < len(b)*8; i++ {
			b[i/8] |= 1 << (7 - i%8)
		}
		last, _ := netip.AddrFromSlice(b)
		addrs = append(addrs, first, last, first.Prev(), last.Next())
	}
	for _, s := range []string{"8.8.8.8", "203.0.113.7", "2600:1f18::1", "2001:db8::5", "FE80::1"} {
		addrs = append(addrs, netip.MustParseAddr(s))
	}
	for _, a := range addrs {
		if !a.IsValid() {
			continue
		}
		var got sql.NullString
		if err := conn.QueryRowContext(ctx, "SELECT "+expr, a.String()).Scan(&got); err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		if want := scopeOf(a); got.String != want {
			t.Errorf("scope(%s) = %q, want %q", a, got.String, want)
		}
	}
	for _, s := range []string{"-", "", "not-an-ip", "10.0.0", "10.0.0.256", "1.2.x.4"} {
		var got sql.NullString
		if err := conn.QueryRowContext(ctx, "SELECT "+expr, s).Scan(&got); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if got.Valid {
			t.Errorf("scope(%q) = %q, want NULL", s, got.String)
		}
	}
}
