package scan

import (
	"container/heap"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"strings"
)

// Source yields the targets of a survey in the order they are visited.
// Each is deterministic: the same source visits the same targets in the
// same order every time, which is what resuming relies on.
type Source interface {
	// Each calls f with each target until f returns false.
	Each(f func(netip.AddrPort) bool) error
	// Len is the number of targets, or -1 when unknown before the walk.
	Len() int64
}

// Shard is one of Of disjoint parts of a survey (Index in [0, Of)). The
// zero value is the whole survey.
type Shard struct{ Index, Of int }

// ParseShard parses "I/N" (I counted from 0, as ZMap does).
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(s, "/")
	a, err1 := strconv.Atoi(i)
	b, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || b < 1 || a < 0 || a >= b {
		return Shard{}, fmt.Errorf("shard %q: expected I/N with 0 <= I < N", s)
	}
	return Shard{a, b}, nil
}

func (s Shard) takes(i uint64) bool { return s.Of <= 1 || i%uint64(s.Of) == uint64(s.Index) }

// Random is a uniform random sample of N IPv4 addresses without repeats
// (all eligible addresses when N is 0): the first N addresses of a seeded
// full-cycle permutation of the IPv4 space that Exclude allows. A shard
// takes every Of-th of those, so the shards of a survey are disjoint and
// their union is exactly the unsharded survey. Each walk costs a step of
// the permutation per address passed, shard or not; the memory is
// constant.
type Random struct {
	N       uint64
	Seed    uint64
	Shard   Shard
	Port    uint16 // 25 when 0
	Exclude *Exclusions
	// Space and Base shrink the walk to the addresses Base ..
	// Base+Space-1, for tests; Space 0 is the whole IPv4 space.
	Space uint64
	Base  uint32
}

// Len returns the number of targets of this shard when N is set.
func (r *Random) Len() int64 {
	if r.N == 0 {
		return -1
	}
	n := r.N
	if r.Shard.Of > 1 {
		n = n / uint64(r.Shard.Of)
		if r.N%uint64(r.Shard.Of) > uint64(r.Shard.Index) {
			n++
		}
	}
	return int64(n)
}

// Each walks the permutation.
func (r *Random) Each(f func(netip.AddrPort) bool) error {
	space := r.Space
	if space == 0 {
		space = IPv4Space
	}
	pm, err := NewPerm(space, r.Seed)
	if err != nil {
		return err
	}
	ex := r.Exclude
	if ex == nil {
		ex = &Exclusions{}
	}
	if ex.v4 == nil {
		ex.Build()
	}
	port := portOr25(r.Port)
	var i uint64
	pm.Walk(func(v uint64) bool {
		x := uint32(v) + r.Base
		if ex.excluded4(x) {
			return true
		}
		take := r.Shard.takes(i)
		i++
		if take && !f(netip.AddrPortFrom(v4addr(x), port)) {
			return false
		}
		return r.N == 0 || i < r.N
	})
	return nil
}

func portOr25(p uint16) uint16 {
	if p == 0 {
		return 25
	}
	return p
}

// List is an explicit list of targets: one ADDRESS or ADDRESS:PORT a
// line ([ADDRESS]:PORT for IPv6), '#' comments and blank lines ignored.
// ZMap's output is such a list. Excluded addresses are dropped and counted.
type List struct {
	Targets  []netip.AddrPort
	Listed   int64 // Sample: eligible lines read (the population sampled; a repeated line counts again)
	Dropped  int   // excluded or duplicate lines
	Shard    Shard
	Excluded []string // "ADDRESS: why" for each excluded line
}

// Len returns the number of targets of this shard.
func (l *List) Len() int64 {
	n := 0
	for i := range l.Targets {
		if l.Shard.takes(uint64(i)) {
			n++
		}
	}
	return int64(n)
}

// Each visits the list in order.
func (l *List) Each(f func(netip.AddrPort) bool) error {
	for i, t := range l.Targets {
		if l.Shard.takes(uint64(i)) && !f(t) {
			break
		}
	}
	return nil
}

// ParseTarget parses ADDRESS, ADDRESS:PORT or [ADDRESS]:PORT; port is the
// default.
func ParseTarget(s string, port uint16) (netip.AddrPort, error) {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		if ap.Port() == 0 {
			return netip.AddrPort{}, fmt.Errorf("port 0 in %q: want a TCP port, 1 to 65535", s)
		}
		return netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port()), nil
	}
	a, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]"))
	if err != nil || a.Zone() != "" {
		return netip.AddrPort{}, fmt.Errorf("expected ADDRESS or ADDRESS:PORT, found %q", s)
	}
	return netip.AddrPortFrom(a.Unmap(), portOr25(port)), nil
}

// ReadList reads an explicit target list (in any of the formats
// eachTarget reads). Duplicates and excluded addresses are dropped; a
// line that is not a target is an error naming the line.
func ReadList(name string, r io.Reader, port uint16, ex *Exclusions) (*List, error) {
	l := &List{}
	seen := make(map[netip.AddrPort]struct{})
	err := eachTarget(name, r, port, func(t netip.AddrPort, _ int) bool {
		if _, dup := seen[t]; dup {
			l.Dropped++
			return true
		}
		seen[t] = struct{}{}
		if ex != nil {
			if bad, why := ex.Excluded(t.Addr()); bad {
				l.Dropped++
				l.Excluded = append(l.Excluded, t.Addr().String()+": "+why)
				return true
			}
		}
		l.Targets = append(l.Targets, t)
		return true
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// Stream is a target list surveyed as it arrives: `zmap ... | smtpscan
// -i -` starts with ZMap's first line, not after its last. Read-ahead is
// bounded: Each reads a line only when the scanner takes the target
// before it, so a fast producer waits on the pipe. Duplicates and
// excluded addresses are dropped (Excluded is told each); the set of
// targets seen grows with the list, 24 bytes a target. Len is unknown
// (-1), and Each may be called once.
type Stream struct {
	Name     string
	R        io.Reader
	Port     uint16
	Exclude  *Exclusions
	Shard    Shard
	Excluded func(why string) // nil: not told
}

// Len is unknown before the stream ends.
func (s *Stream) Len() int64 { return -1 }

// Each reads the stream.
func (s *Stream) Each(f func(netip.AddrPort) bool) error {
	seen := make(map[netip.AddrPort]struct{})
	var i uint64
	return eachTarget(s.Name, s.R, s.Port, func(t netip.AddrPort, _ int) bool {
		if _, dup := seen[t]; dup {
			return true
		}
		seen[t] = struct{}{}
		if s.Exclude != nil {
			if bad, why := s.Exclude.Excluded(t.Addr()); bad {
				if s.Excluded != nil {
					s.Excluded(t.Addr().String() + ": " + why)
				}
				return true
			}
		}
		take := s.Shard.takes(i)
		i++
		return !take || f(t)
	})
}

// Sample draws a uniform random sample of N distinct targets from the
// list in r, in one pass and memory proportional to N: each distinct
// target gets a priority, a keyed hash of the target and the seed, and the
// N smallest priorities are kept (bottom-k sampling, the reservoir
// sampling that tolerates duplicates: a repeated line has the same
// priority, so it is either kept once or not at all). The sample is
// visited in priority order, which is a random order. Excluded addresses
// never enter the reservoir.
func Sample(name string, r io.Reader, n int, seed uint64, port uint16, ex *Exclusions) (*List, error) {
	if n <= 0 {
		return nil, errors.New("sample size must be positive")
	}
	h := &prioHeap{}
	in := make(map[netip.AddrPort]struct{}, n)
	dropped := 0
	var listed int64
	err := eachTarget(name, r, port, func(t netip.AddrPort, _ int) bool {
		if ex != nil {
			if bad, _ := ex.Excluded(t.Addr()); bad {
				dropped++
				return true
			}
		}
		listed++
		p := targetHash(t, seed)
		if _, ok := in[t]; ok {
			return true
		}
		if h.Len() < n {
			heap.Push(h, prioItem{p, t})
			in[t] = struct{}{}
		} else if p < (*h)[0].prio {
			delete(in, (*h)[0].t)
			(*h)[0] = prioItem{p, t}
			heap.Fix(h, 0)
			in[t] = struct{}{}
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	out := make([]netip.AddrPort, h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(h).(prioItem).t
	}
	return &List{Targets: out, Dropped: dropped, Listed: listed}, nil
}

func targetHash(t netip.AddrPort, seed uint64) uint64 {
	b := t.Addr().As16()
	var x uint64 = seed ^ 0x5ca1ab1e
	for i := 0; i < 16; i += 8 {
		var w uint64
		for _, c := range b[i : i+8] {
			w = w<<8 | uint64(c)
		}
		x = mix64(x ^ w)
	}
	return mix64(x ^ uint64(t.Port()))
}

type prioItem struct {
	prio uint64
	t    netip.AddrPort
}

// prioHeap is a max-heap on prio: its root is the largest kept priority,
// the one a smaller newcomer replaces.
type prioHeap []prioItem

func (h prioHeap) Len() int { return len(h) }
func (h prioHeap) Less(i, j int) bool {
	if h[i].prio != h[j].prio {
		return h[i].prio > h[j].prio
	}
	return h[i].t.Compare(h[j].t) > 0
}
func (h prioHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *prioHeap) Push(x any)   { *h = append(*h, x.(prioItem)) }
func (h *prioHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
