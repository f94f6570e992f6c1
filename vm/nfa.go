package vm

// The NFA step: the one piece of matching logic. The lazy DFA caches its
// results as states; the fallback runs it directly. A thread set holds the
// instructions that wait for input: OpByte (waiting for a byte) and OpEnd
// (waiting for the end of its text).

// nstate is an automaton state: the waiting threads and where we are in
// the dialogue, plus hit: the patterns that matched on the step into this
// state. Which patterns matched earlier is not part of the state (that
// would multiply the states by every combination seen); the matcher ORs
// each state's hits into an accumulator as it goes.
type nstate struct {
	pcs   []uint32
	hit   []uint64 // bit i: pattern i matched on the step into this state
	scope Scope    // reply being read (ScopeAll: none)
	flags uint8
}

const (
	flagTextStart  uint8 = 1 << iota // no byte read since the start of the text
	flagScopeStart                   // no byte read since the start of the reply
)

// Symbols beyond the byte classes: end of text, then one per scope for
// "a reply of this scope starts here".
func (d *derived) symEOT() int              { return d.nclasses }
func (d *derived) symBound(s Scope) int     { return d.nclasses + 1 + int(s) }
func (d *derived) boundScope(sym int) Scope { return Scope(sym - d.nclasses - 1) }

// sparse is a sparse set of instruction indexes (Briggs & Torczon), so
// clearing is O(1) and insertion order is kept.
type sparse struct {
	dense  []uint32
	sparse []uint32
}

func newSparse(n int) sparse { return sparse{make([]uint32, 0, n), make([]uint32, n)} }

func (s *sparse) has(x uint32) bool {
	i := s.sparse[x]
	return int(i) < len(s.dense) && s.dense[i] == x
}

func (s *sparse) add(x uint32) bool {
	if s.has(x) {
		return false
	}
	s.sparse[x] = uint32(len(s.dense))
	s.dense = append(s.dense, x)
	return true
}

func (s *sparse) clear() { s.dense = s.dense[:0] }

// stepper holds the scratch of one step.
type stepper struct {
	p       *Program
	out     sparse // waiting threads of the new state
	seen    sparse // instructions visited by the current closure
	stack   []uint32
	rel     []uint64 // relevant patterns (see relevant)
	fullBuf []uint32
	// work counts instructions touched (see Stats.StepWork): threads
	// scanned, closure stack pops, threads copied.
	work int
}

func newStepper(p *Program) *stepper {
	n := len(p.Insts)
	return &stepper{p: p, out: newSparse(n), seen: newSparse(n), rel: make([]uint64, p.d.patWords)}
}

// follow adds the closure of pc to s.out, recording matches in matched.
// A thread of a pattern that matched in this step is not worth keeping.
// begin and end say whether the pattern's text starts or ends here. With
// final set the text is over: threads that would wait are dropped.
func (s *stepper) follow(pc uint32, begin, end, final bool, matched []uint64) {
	insts := s.p.Insts
	s.stack = append(s.stack[:0], pc)
	for len(s.stack) > 0 {
		pc := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		s.work++
		if !s.seen.add(pc) {
			continue
		}
		in := &insts[pc]
		switch in.Op {
		case OpByte:
			if !final {
				s.out.add(pc)
			}
		case OpSplit:
			s.stack = append(s.stack, in.Alt, in.Next)
		case OpNop:
			s.stack = append(s.stack, in.Next)
		case OpBegin:
			if begin {
				s.stack = append(s.stack, in.Next)
			}
		case OpEnd:
			if end {
				s.stack = append(s.stack, in.Next)
			} else if !final {
				s.out.add(pc)
			}
		case OpMatch:
			matched[in.Arg>>6] |= 1 << (in.Arg & 63)
		}
	}
}

// step computes the state after symbol sym from `from` into `to`. For a
// byte class, the class's representative byte stands for all of it.
func (s *stepper) step(from *nstate, sym int, to *nstate) {
	p, d := s.p, &s.p.d
	to.hit = append(to.hit[:0], make([]uint64, d.patWords)...)
	to.scope = from.scope
	to.flags = from.flags
	s.out.clear()
	s.seen.clear()
	switch {
	case sym < d.nclasses:
		// After a byte every pattern starts again (they are unanchored):
		// those start threads are implied by the scope and not stored
		// (see derived.implied), which keeps states small.
		b := d.rep[sym]
		step := func(pc uint32) {
			in := &p.Insts[pc]
			if in.Op == OpByte && p.Sets[in.Arg].Has(b) {
				s.follow(in.Next, false, false, false, to.hit)
			}
		}
		for _, pc := range from.pcs {
			step(pc)
		}
		s.work += len(from.pcs)
		if from.flags == 0 {
			// The implied threads' step is the same from every state of
			// a scope: init computed it once per scope and byte class.
			im := &d.impliedNext[from.scope][sym]
			s.work += len(im.pcs)
			for _, pc := range im.pcs {
				s.out.add(pc)
			}
			for i, w := range im.hit {
				to.hit[i] |= w
			}
		}
		to.flags = 0
		to.pcs = to.pcs[:0]
		s.work += len(s.out.dense)
		imp := d.isImplied[to.scope]
		for _, pc := range s.out.dense {
			pat := d.patOf[pc]
			if to.hit[pat>>6]&(1<<(pat&63)) == 0 && !imp[pc] {
				to.pcs = append(to.pcs, pc)
			}
		}
		return
	case sym == d.symEOT():
		full := s.full(from)
		s.work += len(full)
		for _, pc := range full {
			if p.Insts[pc].Op == OpEnd {
				begin := from.flags&flagTextStart != 0
				if p.Patterns[d.patOf[pc]].Scope != ScopeAll {
					begin = from.flags&flagScopeStart != 0
				}
				s.follow(p.Insts[pc].Next, begin, true, true, to.hit)
			}
		}
		to.pcs = to.pcs[:0]
		return
	default: // a reply of scope sym starts: scoped threads see their end
		full := s.full(from)
		s.work += len(full)
		for _, pc := range full {
			if p.Patterns[d.patOf[pc]].Scope == ScopeAll {
				s.out.add(pc)
				continue
			}
			if p.Insts[pc].Op == OpEnd {
				s.follow(p.Insts[pc].Next, from.flags&flagScopeStart != 0, true, true, to.hit)
			}
		}
		to.scope = d.boundScope(sym)
		to.flags |= flagScopeStart
		if to.scope != ScopeAll {
			s.seen.clear()
			s.inject(to.scope, true, to.hit)
		}
	}
	// A pattern that has just matched needs no more threads: matching
	// is a set question, and dropping them keeps a trailing ".*" from
	// matching again at every byte.
	to.pcs = to.pcs[:0]
	s.work += len(s.out.dense)
	for _, pc := range s.out.dense {
		pat := d.patOf[pc]
		if to.hit[pat>>6]&(1<<(pat&63)) == 0 {
			to.pcs = append(to.pcs, pc)
		}
	}
}

// full returns every thread of a state, the implied ones included.
func (s *stepper) full(st *nstate) []uint32 {
	if st.flags != 0 {
		return st.pcs
	}
	s.fullBuf = append(append(s.fullBuf[:0], st.pcs...), s.p.d.implied[st.scope]...)
	return s.fullBuf
}

// inject starts every pattern of scope sc at this position: patterns are
// unanchored, so a match may begin anywhere.
func (s *stepper) inject(sc Scope, begin bool, hit []uint64) {
	for _, pat := range s.p.d.inject[sc] {
		s.follow(s.p.Patterns[pat].Start, begin, false, false, hit)
	}
}

// relevant works out, into s.rel, which patterns can still change the
// winner given those matched so far: the unmatched patterns of rules that
// are still undecided and come before the first rule that is already
// certainly true. Matching is monotone (a pattern once matched stays
// matched), so three-valued logic with "unmatched" as unknown decides it.
func (s *stepper) relevant(matched []uint64) {
	clear(s.rel)
	p := s.p
	for i := range p.Rules {
		switch p.eval(i, matched, false) {
		case triTrue:
			return
		case triUnknown:
			for _, pat := range p.Rules[i].Pattern {
				if matched[pat>>6]&(1<<(uint(pat)&63)) == 0 {
					s.rel[pat>>6] |= 1 << (uint(pat) & 63)
				}
			}
		}
	}
}

// anyRelevant reports whether some pattern is still relevant.
func (s *stepper) anyRelevant() bool {
	for _, w := range s.rel {
		if w != 0 {
			return true
		}
	}
	return false
}

type tri uint8

const (
	triFalse tri = iota
	triTrue
	triUnknown
)

// eval evaluates rule i's condition. With final unset, a pattern not yet
// matched is unknown; with final set the text is over and it is false.
func (p *Program) eval(i int, matched []uint64, final bool) tri {
	var stack [66]tri
	n := 0
	for _, c := range p.Rules[i].Cond {
		switch c.Op {
		case CondPat:
			v := triFalse
			if matched[c.Arg>>6]&(1<<(c.Arg&63)) != 0 {
				v = triTrue
			} else if !final {
				v = triUnknown
			}
			stack[n] = v
			n++
		case CondNot:
			switch stack[n-1] {
			case triTrue:
				stack[n-1] = triFalse
			case triFalse:
				stack[n-1] = triTrue
			}
		case CondAnd:
			a, b := stack[n-2], stack[n-1]
			n--
			switch {
			case a == triFalse || b == triFalse:
				stack[n-1] = triFalse
			case a == triTrue && b == triTrue:
				stack[n-1] = triTrue
			default:
				stack[n-1] = triUnknown
			}
		case CondOr:
			a, b := stack[n-2], stack[n-1]
			n--
			switch {
			case a == triTrue || b == triTrue:
				stack[n-1] = triTrue
			case a == triFalse && b == triFalse:
				stack[n-1] = triFalse
			default:
				stack[n-1] = triUnknown
			}
		}
	}
	return stack[0]
}

// winner is the first rule that holds when the text is over, or -1.
func (p *Program) winner(matched []uint64) int {
	for i := range p.Rules {
		if p.eval(i, matched, true) == triTrue {
			return i
		}
	}
	return -1
}

// anyRelevantFor reports whether a pattern can still change the winner
// after the patterns in matched have matched.
func (s *stepper) anyRelevantFor(matched []uint64) bool {
	s.relevant(matched)
	return s.anyRelevant()
}
