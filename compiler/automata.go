package compiler

// Automata over a compiled program, for lint: the subset construction of
// a chosen group of patterns, a breadth-first search for a transcript that
// one pattern matches and none of a set of others does (language
// inclusion, decided exactly up to a state cap). The count of a pattern's
// determinized states, for check and lint, is width.go's, on the same
// automaton. See https://swtch.com/~rsc/regexp/ for the construction.
//
// The automaton is built from vm.Program's exported fields only, and
// mirrors the matcher's semantics (vm/nfa.go): a transcript is a word over
// bytes and "a reply of scope S starts here" marks; a whole-transcript
// pattern is unanchored and sees every byte, its ^ and $ at the ends of the
// text; a scoped pattern sees the bytes of each reply of its scope, its ^
// and $ at the reply's ends. A pattern that matched once stays matched, so
// a state keeps one bit per pattern of the group instead of its threads.

import (
	"encoding/binary"
	"slices"

	"github.com/smtpfp/smtpfp/vm"
)

// A symbol is a byte (0-255), the start of a reply (symBound+scope) or
// the end of the text (symEOT).
const (
	symBound = 256
	symEOT   = symBound + int(vm.NumScopes)
)

const (
	atTextStart  uint8 = 1 << iota // no byte read since the start of the text
	atScopeStart                   // no byte read since the start of the reply
)

// automata holds what every group of one program shares.
type automata struct {
	p     *vm.Program
	patOf []int32    // instruction -> pattern
	pcs   [][]uint32 // pattern -> its instructions, so a group costs its own size
	// scratch, stamped by generation so clearing is O(1)
	seen, outMark []uint32
	gen           uint32
	stack         []uint32
	// work counts instructions touched: by making groups and by steps
	// (closure pops). Tests check lint's grows linearly with the rules.
	work int
}

func newAutomata(p *vm.Program) *automata {
	a := &automata{p: p, patOf: make([]int32, len(p.Insts)), seen: make([]uint32, len(p.Insts)),
		outMark: make([]uint32, len(p.Insts)), pcs: make([][]uint32, len(p.Patterns))}
	for i := range a.patOf {
		a.patOf[i] = -1
	}
	var stack []uint32
	for i := range p.Patterns {
		stack = append(stack[:0], p.Patterns[i].Start)
		for len(stack) > 0 {
			pc := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if a.patOf[pc] >= 0 {
				continue
			}
			a.patOf[pc] = int32(i)
			a.pcs[i] = append(a.pcs[i], pc)
			in := p.Insts[pc]
			switch in.Op {
			case vm.OpSplit:
				stack = append(stack, in.Next, in.Alt)
			case vm.OpByte, vm.OpNop, vm.OpBegin, vm.OpEnd:
				stack = append(stack, in.Next)
			}
		}
	}
	return a
}

// group is the automaton of some patterns of a program. Patterns have a
// local index in the group: the bit of a state's matched set.
type group struct {
	a    *automata
	pats []int // local -> program pattern
	// local maps a program pattern to its local index: a map, so that a
	// group costs its own size and not the program's (lint makes one a
	// search, thousands of them for a large rulebase).
	local  map[int32]int32
	inject [vm.NumScopes][]int
	scoped bool   // some pattern is scoped: reply marks matter
	reps   []byte // one byte of each byte class of the group
	words  int    // uint64 words of a matched set
}

func (a *automata) group(pats []int) *group {
	g := &group{a: a, pats: pats, local: make(map[int32]int32, len(pats)), words: (len(pats) + 63) / 64}
	for l, pat := range pats {
		g.local[int32(pat)] = int32(l)
		sc := a.p.Patterns[pat].Scope
		g.inject[sc] = append(g.inject[sc], l)
		g.scoped = g.scoped || sc != vm.ScopeAll
	}
	// Byte classes: bytes every set of the group treats alike are one
	// symbol (as the vm's classes, but for the group only).
	var sets []vm.ByteSet
	seenSet := map[uint32]bool{}
	for _, pat := range pats {
		a.work += len(a.pcs[pat])
		for _, pc := range a.pcs[pat] {
			if in := a.p.Insts[pc]; in.Op == vm.OpByte && !seenSet[in.Arg] {
				seenSet[in.Arg] = true
				sets = append(sets, a.p.Sets[in.Arg])
			}
		}
	}
	// A byte's signature is the sets it is in, one bit a set: bytes with
	// equal signatures are one class. The common small group fits a word.
	if len(sets) <= 64 {
		sig := map[uint64]bool{}
		for b := 0; b < 256; b++ {
			var k uint64
			for i := range sets {
				if sets[i].Has(byte(b)) {
					k |= 1 << uint(i)
				}
			}
			if !sig[k] {
				sig[k] = true
				g.reps = append(g.reps, byte(b))
			}
		}
		return g
	}
	sig := map[string]bool{}
	key := make([]byte, len(sets))
	for b := 0; b < 256; b++ {
		for i := range sets {
			key[i] = 0
			if sets[i].Has(byte(b)) {
				key[i] = 1
			}
		}
		if !sig[string(key)] {
			sig[string(key)] = true
			g.reps = append(g.reps, byte(b))
		}
	}
	return g
}

// alphabet lists the symbols a search tries: one byte per class, and the
// reply marks when a scoped pattern can tell them apart (whole-transcript
// patterns do not see them). A reply of a scope no pattern of the group
// has behaves as one of ScopeAll.
func (g *group) alphabet() []int {
	var syms []int
	for _, b := range g.reps {
		syms = append(syms, int(b))
	}
	if g.scoped {
		syms = append(syms, symBound+int(vm.ScopeAll))
		for sc := vm.ScopeAll + 1; sc < vm.NumScopes; sc++ {
			if len(g.inject[sc]) > 0 {
				syms = append(syms, symBound+int(sc))
			}
		}
	}
	return syms
}

// astate is a state of a group's automaton.
type astate struct {
	scope   vm.Scope
	flags   uint8
	matched []uint64 // local pattern bits
	pcs     []uint32 // waiting threads (OpByte, OpEnd), sorted
}

// stepper computes one step of a group's automaton.
type stepper struct {
	g   *group
	out []uint32
}

func (g *group) newStepper() *stepper { return &stepper{g: g} }

func (s *stepper) begin() {
	a := s.g.a
	a.gen++
	if a.gen == 0 {
		clear(a.seen)
		clear(a.outMark)
		a.gen = 1
	}
	s.out = s.out[:0]
}

func (s *stepper) clearSeen() {
	a := s.g.a
	// A new generation for seen only: keep out's marks valid by copying
	// them forward.
	a.gen++
	for _, pc := range s.out {
		a.outMark[pc] = a.gen
	}
}

// follow adds the closure of pc to s.out and marks matches in hit. begin
// and end say whether the pattern's text starts or ends here; with final
// set the text is over and nothing waits.
func (s *stepper) follow(pc uint32, begin, end, final bool, hit []uint64) {
	a := s.g.a
	insts := a.p.Insts
	a.stack = append(a.stack[:0], pc)
	for len(a.stack) > 0 {
		pc := a.stack[len(a.stack)-1]
		a.stack = a.stack[:len(a.stack)-1]
		a.work++
		if a.seen[pc] == a.gen {
			continue
		}
		a.seen[pc] = a.gen
		in := &insts[pc]
		switch in.Op {
		case vm.OpByte:
			if !final {
				s.add(pc)
			}
		case vm.OpSplit:
			a.stack = append(a.stack, in.Alt, in.Next)
		case vm.OpNop:
			a.stack = append(a.stack, in.Next)
		case vm.OpBegin:
			if begin {
				a.stack = append(a.stack, in.Next)
			}
		case vm.OpEnd:
			if end {
				a.stack = append(a.stack, in.Next)
			} else if !final {
				s.add(pc)
			}
		case vm.OpMatch:
			if l, ok := s.g.local[int32(in.Arg)]; ok {
				hit[l>>6] |= 1 << (uint(l) & 63)
			}
		}
	}
}

func (s *stepper) add(pc uint32) {
	a := s.g.a
	if a.outMark[pc] != a.gen {
		a.outMark[pc] = a.gen
		s.out = append(s.out, pc)
	}
}

// inject starts every unmatched pattern of scope sc here.
func (s *stepper) inject(sc vm.Scope, begin bool, from []uint64, hit []uint64) {
	g := s.g
	for _, l := range g.inject[sc] {
		if from[l>>6]&(1<<(uint(l)&63)) != 0 {
			continue
		}
		s.follow(g.a.p.Patterns[g.pats[l]].Start, begin, false, false, hit)
	}
}

// start returns the state before the first symbol.
func (s *stepper) start() astate {
	g := s.g
	st := astate{scope: vm.ScopeAll, flags: atTextStart, matched: make([]uint64, g.words)}
	s.begin()
	s.inject(vm.ScopeAll, true, st.matched, st.matched)
	st.pcs = s.finish(st.matched)
	return st
}

// step returns the state after symbol sym (not symEOT).
func (s *stepper) step(from *astate, sym int) astate {
	g, p := s.g, s.g.a.p
	to := astate{scope: from.scope, flags: from.flags, matched: slices.Clone(from.matched)}
	s.begin()
	if sym < symBound {
		b := byte(sym)
		for _, pc := range from.pcs {
			in := &p.Insts[pc]
			if in.Op == vm.OpByte && p.Sets[in.Arg].Has(b) {
				s.follow(in.Next, false, false, false, to.matched)
			}
		}
		// Patterns are unanchored: every one starts again after a byte.
		s.inject(vm.ScopeAll, false, from.matched, to.matched)
		if to.scope != vm.ScopeAll {
			s.inject(to.scope, false, from.matched, to.matched)
		}
		to.flags = 0
	} else {
		// A reply starts: whole-transcript threads go on, the old reply's
		// threads see its end, the new reply's patterns start.
		for _, pc := range from.pcs {
			if p.Patterns[g.a.patOf[pc]].Scope == vm.ScopeAll {
				s.add(pc)
			} else if p.Insts[pc].Op == vm.OpEnd {
				s.follow(p.Insts[pc].Next, from.flags&atScopeStart != 0, true, true, to.matched)
			}
		}
		to.scope = vm.Scope(sym - symBound)
		to.flags |= atScopeStart
		if to.scope != vm.ScopeAll {
			s.clearSeen()
			s.inject(to.scope, true, from.matched, to.matched)
		}
	}
	to.pcs = s.finish(to.matched)
	return to
}

// end returns the patterns matched once the text ends after from.
func (s *stepper) end(from *astate) []uint64 {
	g, p := s.g, s.g.a.p
	hit := slices.Clone(from.matched)
	s.begin()
	for _, pc := range from.pcs {
		if p.Insts[pc].Op != vm.OpEnd {
			continue
		}
		begin := from.flags&atTextStart != 0
		if p.Patterns[g.a.patOf[pc]].Scope != vm.ScopeAll {
			begin = from.flags&atScopeStart != 0
		}
		s.follow(p.Insts[pc].Next, begin, true, true, hit)
	}
	return hit
}

// finish keeps the threads of patterns not yet matched, sorted.
func (s *stepper) finish(matched []uint64) []uint32 {
	g := s.g
	var pcs []uint32
	for _, pc := range s.out {
		l := g.local[g.a.patOf[pc]] // every thread is of the group's patterns
		if matched[l>>6]&(1<<(uint(l)&63)) == 0 {
			pcs = append(pcs, pc)
		}
	}
	slices.Sort(pcs)
	return pcs
}

// key is the identity of a state for interning.
func (st *astate) key(buf []byte) []byte {
	buf = append(buf[:0], byte(st.scope), st.flags)
	for _, w := range st.matched {
		buf = binary.LittleEndian.AppendUint64(buf, w)
	}
	for _, pc := range st.pcs {
		buf = binary.LittleEndian.AppendUint32(buf, pc)
	}
	return buf
}

// run returns the patterns of the group that match in.
func (g *group) run(in vm.Input) []uint64 {
	s := g.newStepper()
	st := s.start()
	pos := 0
	for _, b := range in.Bounds {
		end := min(max(b.Off, pos), len(in.Text))
		for ; pos < end; pos++ {
			st = s.step(&st, int(in.Text[pos]))
		}
		st = s.step(&st, symBound+int(b.Scope))
	}
	for ; pos < len(in.Text); pos++ {
		st = s.step(&st, int(in.Text[pos]))
	}
	return s.end(&st)
}

// Search outcomes.
const (
	searchProven  = iota // no such transcript
	searchFound          // a transcript, returned
	searchUnknown        // the state cap was reached first
)

// uncovered searches for a shortest transcript that the group's pattern
// target matches (any transcript when target is -1) and none of the
// others do. It returns searchProven when there is none: every transcript
// target matches is matched by another pattern of the group. It gives up
// with searchUnknown after maxStates states.
func (g *group) uncovered(target, maxStates int) (int, vm.Input) {
	s := g.newStepper()
	syms := g.alphabet()
	covered := func(m []uint64) bool {
		for i, w := range m {
			if i == target>>6 && target >= 0 {
				w &^= 1 << (uint(target) & 63)
			}
			if w != 0 {
				return true
			}
		}
		return false
	}
	type node struct {
		st     astate
		parent int32
		sym    int
	}
	var nodes []node
	index := map[string]int32{}
	var kb []byte
	add := func(st astate, parent int32, sym int) bool {
		kb = st.key(kb)
		if _, ok := index[string(kb)]; ok {
			return true
		}
		if len(nodes) >= maxStates {
			return false
		}
		index[string(kb)] = int32(len(nodes))
		nodes = append(nodes, node{st, parent, sym})
		return true
	}
	st := s.start()
	if covered(st.matched) {
		return searchProven, vm.Input{}
	}
	add(st, -1, -1)
	for i := 0; i < len(nodes); i++ {
		cur := &nodes[i].st
		m := s.end(cur)
		if !covered(m) && (target < 0 || m[target>>6]&(1<<(uint(target)&63)) != 0) {
			var syms []int
			for k := int32(i); nodes[k].parent >= 0; k = nodes[k].parent {
				syms = append(syms, nodes[k].sym)
			}
			slices.Reverse(syms)
			return searchFound, wordInput(syms)
		}
		for _, sym := range syms {
			next := s.step(&nodes[i].st, sym)
			if covered(next.matched) {
				continue
			}
			if !add(next, int32(i), sym) {
				return searchUnknown, vm.Input{}
			}
		}
	}
	return searchProven, vm.Input{}
}

// wordInput turns a word of symbols into a transcript.
func wordInput(syms []int) vm.Input {
	in := vm.Input{Text: []byte{}}
	for _, sym := range syms {
		if sym < symBound {
			in.Text = append(in.Text, byte(sym))
		} else {
			in.Bounds = append(in.Bounds, vm.Bound{Off: len(in.Text), Scope: vm.Scope(sym - symBound)})
		}
	}
	return in
}
