package scan

import (
	"errors"
	"math/bits"
)

// Perm is a full-cycle pseudo-random permutation of [0, Size), the
// construction ZMap uses (Adrian, Durumeric et al., "Zippier ZMap", 2014):
// the multiplicative group of integers modulo a prime P just above Size is
// cyclic, so x -> x*G mod P for a primitive root G visits every element of
// [1, P-1] once before coming back to its start. Elements above Size are
// skipped (for the IPv4 space P = 2^32+15, so 15 of 2^32+14 steps are
// skipped). The walk needs no memory per address, is fixed by the seed, and
// a visit order, not a sample, is what it defines: a sample of n addresses
// is the first n eligible ones along the walk.
type Perm struct {
	Size  uint64 // elements are 0 .. Size-1
	P     uint64 // prime > Size
	G     uint64 // primitive root modulo P, picked by the seed
	Start uint64 // first group element, in [1, P-1], picked by the seed
}

// IPv4Space is the size of the IPv4 address space.
const IPv4Space = 1 << 32

// NewPerm returns the permutation of [0, size) for a seed. size must be at
// least 2 and at most 2^32.
func NewPerm(size, seed uint64) (*Perm, error) {
	if size < 2 || size > IPv4Space {
		return nil, errors.New("permutation size out of range")
	}
	p := size + 1
	if size == IPv4Space {
		p = 1<<32 + 15 // the smallest prime above 2^32, as in ZMap
	}
	for !isPrime(p) {
		p++
	}
	factors := primeFactors(p - 1)
	rng := seed
	var g uint64
	for {
		g = splitmix(&rng)%(p-2) + 2 // in [2, p-1]
		if isPrimitiveRoot(g, p, factors) {
			break
		}
	}
	start := splitmix(&rng)%(p-1) + 1
	return &Perm{Size: size, P: p, G: g, Start: start}, nil
}

// Walk calls f with each element in permutation order until f returns
// false or the cycle is complete.
func (pm *Perm) Walk(f func(uint64) bool) {
	x := pm.Start
	for {
		if v := x - 1; v < pm.Size {
			if !f(v) {
				return
			}
		}
		x = mulmod(x, pm.G, pm.P)
		if x == pm.Start {
			return
		}
	}
}

// splitmix is SplitMix64 (Steele, Lea, Flood 2014): the seed expander used
// for every pseudo-random choice made from a seed in this package.
func splitmix(state *uint64) uint64 {
	*state += 0x9e3779b97f4a7c15
	return mix64(*state)
}

// mix64 is SplitMix64's finaliser: a bijective 64-bit hash.
func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func mulmod(a, b, m uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return bits.Rem64(hi, lo, m)
}

func powmod(b, e, m uint64) uint64 {
	r := uint64(1)
	b %= m
	for e > 0 {
		if e&1 == 1 {
			r = mulmod(r, b, m)
		}
		b = mulmod(b, b, m)
		e >>= 1
	}
	return r
}

// isPrime is deterministic Miller-Rabin; these bases are exact below 2^64.
func isPrime(n uint64) bool {
	if n < 2 {
		return false
	}
	for _, p := range []uint64{2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37} {
		if n%p == 0 {
			return n == p
		}
	}
	d, s := n-1, 0
	for d%2 == 0 {
		d /= 2
		s++
	}
	for _, a := range []uint64{2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37} {
		x := powmod(a, d, n)
		if x == 1 || x == n-1 {
			continue
		}
		composite := true
		for i := 1; i < s; i++ {
			x = mulmod(x, x, n)
			if x == n-1 {
				composite = false
				break
			}
		}
		if composite {
			return false
		}
	}
	return true
}

// primeFactors returns the distinct prime factors of n by trial division
// (n <= 2^32+14 here, so at most 65536 divisions).
func primeFactors(n uint64) []uint64 {
	var fs []uint64
	for d := uint64(2); d*d <= n; d++ {
		if n%d == 0 {
			fs = append(fs, d)
			for n%d == 0 {
				n /= d
			}
		}
	}
	if n > 1 {
		fs = append(fs, n)
	}
	return fs
}

func isPrimitiveRoot(g, p uint64, factors []uint64) bool {
	for _, q := range factors {
		if powmod(g, (p-1)/q, p) == 1 {
			return false
		}
	}
	return true
}
