package demo

import (
	"math"
	"math/bits"
	"math/rand/v2"
)

// rng is a small, fast wrapper around a PCG source. Each file owns one, seeded
// from Options.Seed and the file index, so the bytes of a file never depend on
// goroutine scheduling.
type rng struct {
	p rand.PCG
}

// newRNG returns a generator seeded from the two words.
func newRNG(seed, stream uint64) *rng {
	r := &rng{}
	r.p.Seed(seed, stream^0x9e3779b97f4a7c15)
	return r
}

// intn returns a uniform int in [0, n); n must be > 0.
func (r *rng) intn(n int) int {
	hi, _ := bits.Mul64(r.p.Uint64(), uint64(n))
	return int(hi)
}

// between returns a uniform int in [lo, hi].
func (r *rng) between(lo, hi int) int {
	return lo + r.intn(hi-lo+1)
}

// float returns a uniform float64 in [0, 1).
func (r *rng) float() float64 {
	return float64(r.p.Uint64()>>11) / (1 << 53)
}

// logUniform returns an int64 spread log-uniformly over [lo, hi].
func (r *rng) logUniform(lo, hi float64) int64 {
	return int64(lo * math.Exp(r.float()*math.Log(hi/lo)))
}

// pick returns a uniformly chosen element of s; s must not be empty.
func pick[T any](r *rng, s []T) T {
	return s[r.intn(len(s))]
}
