// Package rng is a small deterministic generator (xorshift64*), so that every program
// sees the same data on every platform and contender without depending on math/rand's
// algorithm.
package rng

import "encoding/binary"

// Rng is a xorshift64* state; the zero value is not valid, use New.
type Rng struct{ s uint64 }

// New seeds a generator (a zero seed is replaced by a fixed non-zero one).
func New(seed uint64) *Rng {
	if seed == 0 {
		seed = 0x9E3779B97F4A7C15
	}
	return &Rng{seed}
}

// Uint64 returns the next value.
func (r *Rng) Uint64() uint64 {
	r.s ^= r.s >> 12
	r.s ^= r.s << 25
	r.s ^= r.s >> 27
	return r.s * 2685821657736338717
}

// Intn returns a value in [0, n) (n > 0; slightly biased, which does not matter here).
func (r *Rng) Intn(n int) int { return int(r.Uint64() % uint64(n)) }

// Fill fills b (a multiple of 8 bytes long) with the next values, little-endian.
func (r *Rng) Fill(b []byte) {
	for i := 0; i+8 <= len(b); i += 8 {
		binary.LittleEndian.PutUint64(b[i:], r.Uint64())
	}
}
