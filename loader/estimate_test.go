package loader

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
)

// TestEstimateRecords: the progress estimate is within a few percent for
// plain and gzip text, and unknown (0) when the gzip trailer is implausible.
func TestEstimateRecords(t *testing.T) {
	var b strings.Builder
	b.WriteString("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n")
	// Varied values, so the text compresses like real flow logs (about 6x).
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		fmt.Fprintf(&b, "2 123456789010 eni-%08x 10.0.%d.%d 172.16.%d.%d %d 443 6 %d %d %d %d ACCEPT OK\n",
			rng.Uint32(), rng.IntN(256), rng.IntN(256), rng.IntN(256), rng.IntN(256), rng.IntN(65536),
			rng.IntN(1000), rng.IntN(1000000), 1700000000+rng.IntN(3600), 1700003600+rng.IntN(60))
	}
	dir := t.TempDir()
	plain := writeFile(t, dir, "a.log", b.String())
	zipped := writeFile(t, dir, "a.log.gz", gz(t, []byte(b.String())))
	broken := writeFile(t, dir, "b.log.gz", gz(t, []byte(b.String()))[:2000])
	for _, tc := range []struct {
		name, path string
		lo, hi     int64
	}{
		{"plain", plain, 19000, 21000},
		{"gzip", zipped, 19000, 21000},
		{"truncated gzip", broken, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := sniff(tc.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if s.Records < tc.lo || s.Records > tc.hi {
				t.Errorf("estimate %d for %s, want %d..%d", s.Records, filepath.Base(tc.path), tc.lo, tc.hi)
			}
		})
	}
}
