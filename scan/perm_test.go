package scan

import (
	"net/netip"
	"slices"
	"testing"
)

// Property tests on reduced spaces: the walk is a full cycle (every
// element once), deterministic for a seed, different across seeds, and
// shards are disjoint with the unsharded run as their union.

func TestPermFullCycle(t *testing.T) {
	for _, size := range []uint64{2, 3, 10, 1000, 1 << 16, 65521} {
		for seed := uint64(0); seed < 5; seed++ {
			pm, err := NewPerm(size, seed)
			if err != nil {
				t.Fatal(err)
			}
			seen := make([]bool, size)
			n := uint64(0)
			pm.Walk(func(v uint64) bool {
				if v >= size {
					t.Fatalf("size %d seed %d: %d out of range", size, seed, v)
				}
				if seen[v] {
					t.Fatalf("size %d seed %d: %d visited twice", size, seed, v)
				}
				seen[v] = true
				n++
				return true
			})
			if n != size {
				t.Errorf("size %d seed %d: visited %d elements", size, seed, n)
			}
		}
	}
}

func TestPermIPv4Group(t *testing.T) {
	pm, err := NewPerm(IPv4Space, 42)
	if err != nil {
		t.Fatal(err)
	}
	if pm.P != 1<<32+15 {
		t.Errorf("prime %d, want 2^32+15", pm.P)
	}
	// The factors of p-1 = 2 * 3^2 * 5 * 131 * 364289 (as in ZMap).
	if g, w := primeFactors(pm.P-1), []uint64{2, 3, 5, 131, 364289}; !slices.Equal(g, w) {
		t.Errorf("factors %v, want %v", g, w)
	}
	if !isPrimitiveRoot(pm.G, pm.P, primeFactors(pm.P-1)) {
		t.Errorf("%d is not a primitive root", pm.G)
	}
}

func walkAll(r *Random) []netip.AddrPort {
	var out []netip.AddrPort
	r.Each(func(t netip.AddrPort) bool { out = append(out, t); return true })
	return out
}

func TestRandomDeterministicAndSeeded(t *testing.T) {
	r := &Random{N: 500, Seed: 7, Space: 1 << 16, Base: 1 << 24, Exclude: &Exclusions{AllowPrivate: true}}
	a, b := walkAll(r), walkAll(r)
	if !slices.Equal(a, b) || len(a) != 500 {
		t.Fatalf("two walks differ or have %d targets", len(a))
	}
	r2 := *r
	r2.Seed = 8
	if slices.Equal(a, walkAll(&r2)) {
		t.Error("seeds 7 and 8 give the same sample")
	}
}

func TestShardsPartitionTheRun(t *testing.T) {
	for _, n := range []uint64{0, 1000, 4097} {
		for _, shards := range []int{1, 2, 3, 7} {
			base := Random{N: n, Seed: 3, Space: 1 << 14, Base: 1 << 24, Exclude: &Exclusions{AllowPrivate: true}}
			whole := walkAll(&base)
			var union []netip.AddrPort
			seen := map[netip.AddrPort]int{}
			for i := range shards {
				r := base
				r.Shard = Shard{i, shards}
				part := walkAll(&r)
				if n > 0 && int64(len(part)) != r.Len() {
					t.Errorf("n=%d shard %d/%d: %d targets, Len says %d", n, i, shards, len(part), r.Len())
				}
				for _, x := range part {
					if j, dup := seen[x]; dup {
						t.Fatalf("n=%d: %v in shards %d and %d", n, x, j, i)
					}
					seen[x] = i
				}
				union = append(union, part...)
			}
			sortAP := func(s []netip.AddrPort) { slices.SortFunc(s, func(a, b netip.AddrPort) int { return a.Compare(b) }) }
			sortAP(union)
			w := slices.Clone(whole)
			sortAP(w)
			if !slices.Equal(union, w) {
				t.Errorf("n=%d shards=%d: union of %d targets is not the run of %d", n, shards, len(union), len(w))
			}
		}
	}
}

// The random walk over the real space never yields an excluded address.
func TestRandomSkipsExcluded(t *testing.T) {
	ex := &Exclusions{}
	r := &Random{N: 200000, Seed: 1, Exclude: ex}
	n := 0
	r.Each(func(t2 netip.AddrPort) bool {
		n++
		if bad, why := ex.Excluded(t2.Addr()); bad {
			t.Fatalf("%v is excluded (%s) but was visited", t2, why)
		}
		if t2.Port() != 25 {
			t.Fatalf("port %d", t2.Port())
		}
		return true
	})
	if n != 200000 {
		t.Errorf("%d targets, want 200000", n)
	}
}

func TestParseShard(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string
	}{
		{"0/1", "{0 1} <nil>"}, {"2/3", "{2 3} <nil>"},
		{"3/3", `{0 0} shard "3/3": expected I/N with 0 <= I < N`},
		{"x", `{0 0} shard "x": expected I/N with 0 <= I < N`},
	} {
		s, err := ParseShard(tt.in)
		if g := fmtV(s, err); g != tt.want {
			t.Errorf("ParseShard(%q) = %s, want %s", tt.in, g, tt.want)
		}
	}
}
