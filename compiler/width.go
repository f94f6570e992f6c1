package compiler

// The width check (#13) and lint's slow_pattern count the states of each
// regex's determinized automaton and the most threads one holds. Every
// load of a rulebase runs the check, so this is the compiler's fixed
// cost: countStates here computes exactly what group.countStates does for
// a group of one pattern (the same states, found in the same order, so
// the same count when the limit stops it), with each state a bitset over
// the pattern's waiting instructions, the closures precomputed, and the
// states interned in an open-addressing table, with no allocation per
// step. TestCountStatesAgree checks it against group.countStates.

import (
	"math/bits"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/smtpfp/smtpfp/vm"
)

// stateCounter holds the scratch of countStates, reused from one pattern
// to the next. One goroutine uses it at a time.
type stateCounter struct {
	a *automata
	// work counts instructions touched, as automata.work does.
	work int

	local   []int32  // pc -> index among the pattern's waiting instructions
	waiting []uint32 // index -> pc (OpByte and OpEnd: what a state holds)
	words   int      // uint64 words of a state's bitset

	// The closure (not at a text start) of each waiting OpByte's Next,
	// as waiting indices closOff[j]:closOff[j+1] of clos, and whether it
	// reaches the match.
	closOff   []int32
	clos      []int32
	closMatch []bool
	start     []int32 // the closure of the pattern's start after a byte
	startHit  bool

	reps   []byte     // one byte of each byte class, ascending
	accept []uint64   // class k: the waiting OpBytes that take it, words k*words...
	class  [256]int32 // byte -> class while refining, then its index in reps
	moved  []movedTo  // class -> its part in the set being refined by

	// States: the bitset of state i is arena[i*words:(i+1)*words].
	arena           []uint64
	matched         []bool
	table           []int32 // open addressing: state+1, 0 empty
	next            []uint64
	count, interned int
	matchedState    int32 // all matched states after a byte are one

	// A state's expansion: its OpBytes, and for each class the subset of
	// them that takes it, a bit each (memo: the subsets seen).
	js      []int32
	acceptT [][4]uint64 // waiting index -> the classes its OpByte takes
	masks   [256]uint64
	memo    [512]memoEntry
	memoGen uint32

	// closure scratch, marks of generation gen
	seen  []uint32
	gen   uint32
	stack []uint32
}

func newStateCounter(a *automata) *stateCounter {
	n := len(a.p.Insts)
	return &stateCounter{a: a, local: make([]int32, n), seen: make([]uint32, n)}
}

// closure returns, appended to dst, the waiting instructions the thread
// at pc reaches without reading a byte, and whether it reaches the
// match. begin says whether the text starts here; it never ends here (a
// state's threads wait for the next symbol).
func (c *stateCounter) closure(dst []int32, pc uint32, begin bool) ([]int32, bool) {
	insts := c.a.p.Insts
	c.stamp()
	hit := false
	c.stack = append(c.stack[:0], pc)
	for len(c.stack) > 0 {
		pc := c.stack[len(c.stack)-1]
		c.stack = c.stack[:len(c.stack)-1]
		c.work++
		if c.seen[pc] == c.gen {
			continue
		}
		c.seen[pc] = c.gen
		in := &insts[pc]
		switch in.Op {
		case vm.OpByte, vm.OpEnd:
			dst = append(dst, c.local[pc])
		case vm.OpSplit:
			c.stack = append(c.stack, in.Alt, in.Next)
		case vm.OpNop:
			c.stack = append(c.stack, in.Next)
		case vm.OpBegin:
			if begin {
				c.stack = append(c.stack, in.Next)
			}
		case vm.OpMatch:
			hit = true
		}
	}
	return dst, hit
}

// stamp starts a generation of the marks in seen and moved, so that
// clearing them is O(1).
func (c *stateCounter) stamp() {
	c.gen++
	if c.gen == 0 {
		clear(c.seen)
		clear(c.moved)
		c.gen = 1
	}
}

// classes sets c.reps to the lowest byte of each class of bytes that
// every set of the pattern treats alike, ascending (group.reps), and
// c.class to each byte's class.
func (c *stateCounter) classes() {
	p := c.a.p
	// Refine the partition of the bytes by each set in turn: the bytes of
	// class k in the set move to a new class. Splitting by a set or by
	// its complement is the same partition, so the smaller is walked.
	clear(c.class[:])
	nclass := int32(1)
	last := uint32(1<<32 - 1)
	for _, pc := range c.waiting {
		in := p.Insts[pc]
		if in.Op != vm.OpByte || in.Arg == last {
			continue
		}
		last = in.Arg
		set := p.Sets[in.Arg]
		if setLen(&set) > 128 {
			for i := range set {
				set[i] = ^set[i]
			}
		}
		c.stamp()
		for w, x := range set {
			for x != 0 {
				b := w<<6 + bits.TrailingZeros64(x)
				x &= x - 1
				k := c.class[b]
				if int(k) >= len(c.moved) {
					c.moved = append(c.moved, make([]movedTo, int(k)+1-len(c.moved))...)
				}
				if c.moved[k].gen != c.gen {
					c.moved[k] = movedTo{c.gen, nclass}
					nclass++
				}
				c.class[b] = c.moved[k].to
			}
		}
	}
	c.reps = c.reps[:0]
	c.stamp()
	if int(nclass) > len(c.moved) {
		c.moved = append(c.moved, make([]movedTo, int(nclass)-len(c.moved))...)
	}
	for b := range 256 {
		if k := c.class[b]; c.moved[k].gen != c.gen {
			c.moved[k].gen = c.gen
			c.moved[k].to = int32(len(c.reps))
			c.reps = append(c.reps, byte(b))
		}
	}
	for b := range 256 {
		c.class[b] = c.moved[c.class[b]].to
	}
}

func setLen(s *vm.ByteSet) int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return n
}

// movedTo is where the bytes of a class in the set go, stamped.
type movedTo struct {
	gen uint32
	to  int32
}

// countStates returns what a.group([]int{pat}).countStates(limit) does:
// the states of the pattern's determinized automaton over bytes, counted
// until limit is reached (checked before each state's successors, so it
// can be passed by less than the number of byte classes), and the most
// threads one of the states found holds.
func (c *stateCounter) countStates(pat, limit int) (states, threads int) {
	a, p := c.a, c.a.p
	c.waiting = c.waiting[:0]
	for _, pc := range a.pcs[pat] {
		if op := p.Insts[pc].Op; op == vm.OpByte || op == vm.OpEnd {
			c.local[pc] = int32(len(c.waiting))
			c.waiting = append(c.waiting, pc)
		}
	}
	c.work += len(a.pcs[pat])
	words := max(1, (len(c.waiting)+63)/64)
	c.words = words
	c.classes()

	// Closures and the classes each waiting OpByte takes.
	c.closOff = append(c.closOff[:0], 0)
	c.clos = c.clos[:0]
	c.closMatch = c.closMatch[:0]
	c.accept = append(c.accept[:0], make([]uint64, len(c.reps)*words)...)
	c.acceptT = append(c.acceptT[:0], make([][4]uint64, len(c.waiting))...)
	for j, pc := range c.waiting {
		in := &p.Insts[pc]
		hit := false
		if in.Op == vm.OpByte {
			c.clos, hit = c.closure(c.clos, in.Next, false)
			// The classes refine the set: walk its bytes, or those out of
			// it, whichever are fewer.
			set, out := p.Sets[in.Arg], false
			if setLen(&set) > 128 {
				for i := range set {
					set[i] = ^set[i]
				}
				out = true
				for k := range c.reps {
					c.acceptT[j][k>>6] |= 1 << (uint(k) & 63)
				}
			}
			for w, x := range set {
				for ; x != 0; x &= x - 1 {
					k := c.class[w<<6+bits.TrailingZeros64(x)]
					if out {
						c.acceptT[j][k>>6] &^= 1 << (uint(k) & 63)
					} else {
						c.acceptT[j][k>>6] |= 1 << (uint(k) & 63)
					}
				}
			}
			for w, x := range c.acceptT[j] {
				for ; x != 0; x &= x - 1 {
					k := w<<6 + bits.TrailingZeros64(x)
					c.accept[k*words+j>>6] |= 1 << (uint(j) & 63)
				}
			}
		}
		c.closOff = append(c.closOff, int32(len(c.clos)))
		c.closMatch = append(c.closMatch, hit)
	}
	startPC := p.Patterns[pat].Start
	c.start, c.startHit = c.closure(c.start[:0], startPC, false)

	// The first state: the pattern starts where the text (or, scoped, a
	// reply of its scope) does. It is never equal to a later one, whose
	// flags say a byte was read; so it is not interned.
	c.arena = append(c.arena[:0], make([]uint64, words)...)
	c.matched = c.matched[:0]
	var hit bool
	c.clos, hit = c.closure(c.clos, startPC, true)
	first := c.clos[c.closOff[len(c.closOff)-1]:]
	if !hit {
		for _, t := range first {
			c.arena[t>>6] |= 1 << (uint(t) & 63)
		}
	}
	c.matched = append(c.matched, hit)
	c.clos = c.clos[:c.closOff[len(c.closOff)-1]]

	if n := 64; len(c.table) != n {
		c.table = make([]int32, n)
	} else {
		clear(c.table)
	}
	c.next = append(c.next[:0], make([]uint64, words)...)
	c.matchedState, c.interned, c.count = -1, 0, 1
	for i := 0; i < c.count && c.count < limit; i++ {
		if c.matched[i] {
			c.add(nil, true)
			continue
		}
		// The successor on a class is a function of the state's OpBytes
		// that take it. With a bit for each OpByte of the state, that
		// subset is found for all classes at once, and each distinct one
		// is stepped once: most classes lead where another did.
		c.js = c.js[:0]
		for w, x := range c.arena[i*words : (i+1)*words] {
			for x != 0 {
				j := w<<6 + bits.TrailingZeros64(x)
				x &= x - 1
				if p.Insts[c.waiting[j]].Op == vm.OpByte {
					c.js = append(c.js, int32(j))
				}
			}
		}
		if len(c.js) > 64 {
			for k := range c.reps {
				c.step(c.arena[i*words:(i+1)*words], c.accept[k*words:(k+1)*words])
			}
			continue
		}
		masks := c.masks[:len(c.reps)]
		clear(masks)
		for idx, j := range c.js {
			for w, x := range c.acceptT[j] {
				for x != 0 {
					masks[w<<6+bits.TrailingZeros64(x)] |= 1 << uint(idx)
					x &= x - 1
				}
			}
		}
		c.memoGen++
		if c.memoGen == 0 {
			clear(c.memo[:])
			c.memoGen = 1
		}
		zero := false // the subset most classes have, tested first
		for _, mask := range masks {
			if mask == 0 {
				if zero {
					continue
				}
				zero = true
			} else if c.memoized(mask) {
				continue
			}
			next := c.next
			clear(next)
			m := c.startHit
			for _, t := range c.start {
				next[t>>6] |= 1 << (uint(t) & 63)
			}
			for x := mask; x != 0 && !m; x &= x - 1 {
				j := c.js[bits.TrailingZeros64(x)]
				m = c.closMatch[j]
				for _, t := range c.clos[c.closOff[j]:c.closOff[j+1]] {
					next[t>>6] |= 1 << (uint(t) & 63)
				}
				c.work++
			}
			c.add(next, m)
		}
	}
	count := c.count
	for i := range count {
		n := 0
		for _, w := range c.arena[i*words : (i+1)*words] {
			n += bits.OnesCount64(w)
		}
		threads = max(threads, n)
	}
	return count, threads
}

// step adds the successor of state cur on the class whose OpBytes are
// acc.
func (c *stateCounter) step(cur, acc []uint64) {
	next := c.next
	clear(next)
	m := c.startHit
	for _, t := range c.start {
		next[t>>6] |= 1 << (uint(t) & 63)
	}
	for w := range cur {
		for x := cur[w] & acc[w]; x != 0 && !m; x &= x - 1 {
			j := w<<6 + bits.TrailingZeros64(x)
			m = c.closMatch[j]
			for _, t := range c.clos[c.closOff[j]:c.closOff[j+1]] {
				next[t>>6] |= 1 << (uint(t) & 63)
			}
			c.work++
		}
	}
	c.add(next, m)
}

// add enters the state next (matched, if m) if it is new.
func (c *stateCounter) add(next []uint64, m bool) {
	words := c.words
	if m {
		if c.matchedState < 0 {
			c.matchedState = int32(c.count)
			c.arena = append(c.arena, make([]uint64, words)...)
			c.matched = append(c.matched, true)
			c.count++
		}
		return
	}
	if c.intern(next, c.count) {
		c.arena = append(c.arena, next...)
		c.matched = append(c.matched, false)
		c.count++
		c.interned++
		if 2*c.interned > len(c.table) {
			c.grow(c.count)
		}
	}
}

// memoized reports whether mask was seen in this state's expansion, and
// marks it.
func (c *stateCounter) memoized(mask uint64) bool {
	const bitsOf = 9 // twice the classes at most
	for h := (mask * 0x9e3779b97f4a7c15) >> (64 - bitsOf); ; h = (h + 1) & (1<<bitsOf - 1) {
		e := &c.memo[h]
		if e.gen != c.memoGen {
			*e = memoEntry{c.memoGen, mask}
			return false
		}
		if e.mask == mask {
			return true
		}
	}
}

type memoEntry struct {
	gen  uint32
	mask uint64
}

func hashWords(ws []uint64) uint64 {
	h := uint64(0x9e3779b97f4a7c15)
	for _, w := range ws {
		h = (h ^ w) * 0xbf58476d1ce4e5b9
		h ^= h >> 31
	}
	return h
}

// intern reports whether the state set is new, and if so enters it as
// state id (the caller appends it to the arena).
func (c *stateCounter) intern(set []uint64, id int) bool {
	words := c.words
	mask := uint64(len(c.table) - 1)
	for h := hashWords(set) & mask; ; h = (h + 1) & mask {
		s := c.table[h]
		if s == 0 {
			c.table[h] = int32(id) + 1
			return true
		}
		if !c.matched[s-1] && slicesEqual(c.arena[int(s-1)*words:int(s)*words], set) {
			return false
		}
	}
}

func slicesEqual(a, b []uint64) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// grow doubles the table and enters the states again (all but the first,
// which is never looked up, and the matched one).
func (c *stateCounter) grow(count int) {
	words := c.words
	c.table = make([]int32, 2*len(c.table))
	mask := uint64(len(c.table) - 1)
	for id := 1; id < count; id++ {
		if c.matched[id] {
			continue
		}
		h := hashWords(c.arena[id*words:(id+1)*words]) & mask
		for c.table[h] != 0 {
			h = (h + 1) & mask
		}
		c.table[h] = int32(id) + 1
	}
}

// countAll counts the states of every pattern with limit, on up to
// GOMAXPROCS goroutines; result i is pattern i's.
func countAll(a *automata, limit int) [][2]int {
	res := make([][2]int, len(a.p.Patterns))
	workers := min(runtime.GOMAXPROCS(0), (len(res)+15)/16)
	if workers <= 1 {
		c := newStateCounter(a)
		for i := range res {
			res[i][0], res[i][1] = c.countStates(i, limit)
		}
		return res
	}
	var nextPat atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newStateCounter(a)
			for {
				i := int(nextPat.Add(1) - 1)
				if i >= len(res) {
					return
				}
				res[i][0], res[i][1] = c.countStates(i, limit)
			}
		}()
	}
	wg.Wait()
	return res
}
