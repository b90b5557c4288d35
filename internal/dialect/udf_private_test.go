package dialect

import (
	"math/rand/v2"
	"net/netip"
	"testing"
)

// TestIsPrivateTextReadsAsNetip: flowduck_is_private's own reading of a
// dotted quad accepts and rejects exactly what net/netip does, and its
// answer is netip's, on random short texts of address characters and on
// mutations of addresses.
func TestIsPrivateTextReadsAsNetip(t *testing.T) {
	var private []netip.Prefix
	for _, r := range PrivateRanges {
		private = append(private, netip.MustParsePrefix(r.CIDR))
	}
	rng := rand.New(rand.NewPCG(15, 15))
	const alphabet = "0123456789.....::abcdefF %x"
	texts := []string{"", ".", "1.2.3.4", "01.2.3.4", "0.0.0.0", "255.255.255.255", "256.0.0.0", "1.2.3.4.", "1..2.3",
		"10.0.0.1", "10.0.0.01", "1000.0.0.1", "10.0.0", "10.0.0.1.1", "fc00::1", "::ffff:10.1.2.3", "fe80::1%eth0"}
	for range 200000 {
		b := make([]byte, 1+rng.IntN(16))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		texts = append(texts, string(b))
		a := netip.AddrFrom4([4]byte{byte(rng.IntN(256)), byte(rng.IntN(256)), byte(rng.IntN(256)), byte(rng.IntN(256))})
		s := []byte(a.String())
		if rng.IntN(2) == 0 {
			s[rng.IntN(len(s))] = alphabet[rng.IntN(len(alphabet))]
		}
		texts = append(texts, string(s))
	}
	for _, s := range texts {
		a, err := netip.ParseAddr(s)
		wantOK := err == nil && a.Zone() == ""
		wantPrivate := false
		for _, p := range private {
			wantPrivate = wantPrivate || wantOK && p.Contains(a.Unmap())
		}
		got, ok := isPrivateText(s)
		if ok != wantOK || got != wantPrivate {
			t.Errorf("isPrivateText(%q) = %t, %t; netip: %t, %t", s, got, ok, wantPrivate, wantOK)
		}
	}
}
