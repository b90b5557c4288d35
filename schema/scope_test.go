package schema

import (
	"net/netip"
	"slices"
	"testing"
)

// TestAddressRanges: every range parses, IPv6 ranges are of a length
// ScopeSQL handles, a scope is private in all its ranges or in none, and
// only the private scopes are.
func TestAddressRanges(t *testing.T) {
	private := map[string]bool{}
	for _, r := range AddressRanges {
		p, err := netip.ParsePrefix(r.CIDR)
		if err != nil {
			t.Errorf("%s: %v", r.CIDR, err)
			continue
		}
		if p.Addr().Is6() && p.Bits() > 16 && p.Bits() != 128 {
			t.Errorf("%s: IPv6 ranges must be at most /16 or /128", r.CIDR)
		}
		if was, seen := private[r.Scope]; seen && was != r.Private {
			t.Errorf("scope %s is private in one range and not in another", r.Scope)
		}
		private[r.Scope] = r.Private
	}
	if got, want := PrivateScopes(), []string{ScopePrivate, ScopeCGNAT, ScopeLinkLocal}; !slices.Equal(got, want) {
		t.Errorf("PrivateScopes() = %v, want %v", got, want)
	}
	if _, err := ScopeSQL("srcaddr"); err != nil {
		t.Errorf("ScopeSQL: %v", err)
	}
}

// TestDecodingTables: protocol numbers fit a byte, service ports are in
// increasing order without repeats, flag bits are single increasing bits.
func TestDecodingTables(t *testing.T) {
	if len(Protocols) > 256 {
		t.Errorf("%d protocols, want at most 256", len(Protocols))
	}
	for _, want := range []struct {
		n    int
		name string
	}{{1, "icmp"}, {6, "tcp"}, {17, "udp"}, {47, "gre"}, {50, "esp"}, {58, "ipv6-icmp"}, {61, ""}} {
		if Protocols[want.n] != want.name {
			t.Errorf("Protocols[%d] = %q, want %q", want.n, Protocols[want.n], want.name)
		}
	}
	for i := 1; i < len(Services); i++ {
		if Services[i].Port <= Services[i-1].Port {
			t.Errorf("service port %d after %d: want increasing ports", Services[i].Port, Services[i-1].Port)
		}
	}
	for i, f := range TCPFlags {
		if f.Bit != 1<<i {
			t.Errorf("flag %s has bit %d, want %d", f.Name, f.Bit, 1<<i)
		}
	}
}

// TestDecodedColumnsUnique: no decoded column takes a field's column name.
func TestDecodedColumnsUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range Catalog {
		seen[f.Column] = true
	}
	for _, c := range DecodedColumns {
		if seen[c.Column] {
			t.Errorf("decoded column %s repeats a name", c.Column)
		}
		seen[c.Column] = true
	}
}
