package vm

import "slices"

// Result is the outcome of matching one transcript.
type Result struct {
	Rule    int    // index into Program.Rules of the winner; -1 when no rule holds
	Label   int    // index into Program.Labels; the default label, or -1, when no rule holds
	Start   int    // span in Input.Text of the winning rule's first positive regex; -1 when not computed
	End     int    //
	Version string // captured version, when the winning rule takes one
}

// Stats counts what a Machine did, for tests and lint.
type Stats struct {
	States    int // DFA states in the cache now
	Resets    int // times the DFA cache was full and reset
	Fallbacks int // transcripts (or their rest) run on the NFA instead
}

// Machine is the scratch space for matching: the lazy DFA cache and the
// NFA thread sets. A Machine is not safe for concurrent use; Program.Match
// takes one from a pool.
type Machine struct {
	p     *Program
	dfa   dfa
	step  *stepper
	tmp   nstate
	start int32 // row of the start state, 0 until built
	Stats Stats

	bytesSinceReset int
	a, b            nstate // NFA fallback states
}

// NewMachine makes a machine for p with the default cache budget.
func NewMachine(p *Program) *Machine {
	return NewMachineBudget(p, DefaultBudget)
}

// NewMachineBudget makes a machine whose DFA cache may use about budget
// bytes. A tiny budget forces the NFA fallback (tests use it).
func NewMachineBudget(p *Program, budget int) *Machine {
	if err := p.Init(); err != nil {
		panic("vm: NewMachine on invalid program: " + err.Error())
	}
	m := &Machine{p: p, step: newStepper(p)}
	m.tmp.matched = make([]uint64, p.d.patWords)
	m.dfa.budget = budget
	m.resetDFA()
	return m
}

// Match classifies in: the first rule that holds, its label, and the
// version it captures. The span is not computed (see Explain).
func (p *Program) Match(in Input) Result {
	if err := p.Init(); err != nil {
		return Result{Rule: -1, Label: -1, Start: -1, End: -1}
	}
	m := p.pool.Get().(*Machine)
	r := m.Match(in)
	p.pool.Put(m)
	return r
}

// Match classifies in with this machine's cache.
func (m *Machine) Match(in Input) Result {
	rule := m.run(in)
	return m.p.result(rule, in, false)
}

// Explain is Match with the winning span computed.
func (p *Program) Explain(in Input) Result {
	if err := p.Init(); err != nil {
		return Result{Rule: -1, Label: -1, Start: -1, End: -1}
	}
	m := p.pool.Get().(*Machine)
	rule := m.run(in)
	p.pool.Put(m)
	return p.result(rule, in, true)
}

// WinnerOf returns the first rule that holds given the set of patterns
// that matched (bit i of matched[i/64] for pattern i), or -1. Lint and
// tests use it to reason about rules without text.
func (p *Program) WinnerOf(matched []uint64) int { p.Init(); return p.winner(matched) }

func (p *Program) result(rule int, in Input, span bool) Result {
	r := Result{Rule: rule, Label: p.Default, Start: -1, End: -1}
	if rule < 0 {
		return r
	}
	ru := &p.Rules[rule]
	r.Label = ru.Label
	if ru.VerPat >= 0 {
		if sm := p.submatch(ru.VerPat, in); sm != nil && sm[2*ru.VerCap] >= 0 {
			r.Version = string(in.Text[sm[2*ru.VerCap]:sm[2*ru.VerCap+1]])
		}
	}
	if span {
		if pat := p.firstPositive(rule); pat >= 0 {
			if sm := p.submatch(pat, in); sm != nil {
				r.Start, r.End = sm[0], sm[1]
			}
		}
	}
	return r
}

// firstPositive is the first pattern of rule i that is not under an odd
// number of negations, or -1.
func (p *Program) firstPositive(i int) int {
	// Walk the postfix code, tracking for each stack entry whether it is
	// negated and the first positive pattern under it.
	type ent struct{ pos, neg int }
	var st []ent
	for _, c := range p.Rules[i].Cond {
		switch c.Op {
		case CondPat:
			st = append(st, ent{int(c.Arg), -1})
		case CondNot:
			e := &st[len(st)-1]
			e.pos, e.neg = e.neg, e.pos
		case CondAnd, CondOr:
			a, b := st[len(st)-2], st[len(st)-1]
			st = st[:len(st)-1]
			e := a
			if e.pos < 0 {
				e.pos = b.pos
			}
			if e.neg < 0 {
				e.neg = b.neg
			}
			st[len(st)-1] = e
		}
	}
	return st[0].pos
}

// run returns the winning rule for in.
func (m *Machine) run(in Input) int {
	d := &m.p.d
	stride := int32(d.stride)
	if m.start == 0 {
		m.startState()
	}
	s := m.start
	if s < 0 {
		return int(m.dfa.states[-s/stride].winner)
	}
	text := in.Text
	pos := 0
	for bi := 0; bi <= len(in.Bounds); bi++ {
		end := len(text)
		if bi < len(in.Bounds) {
			end = min(max(in.Bounds[bi].Off, pos), len(text))
		}
		trans := m.dfa.trans
		for ; pos < end; pos++ {
			sym := int(d.classes[text[pos]])
			n := trans[s+int32(sym)]
			if n <= 0 {
				if n == 0 {
					// bytesSinceReset counts input since the last cache
					// reset: earlier transcripts plus pos of this one
					// (next may zero it, and the += len(text) below
					// then leaves len(text)-pos).
					m.bytesSinceReset += pos
					n = m.next(s, sym)
					m.bytesSinceReset -= pos
					trans = m.dfa.trans
					if n == 0 {
						return m.runNFA(s, in, pos, bi)
					}
				}
				if n < 0 {
					return int(m.dfa.states[-n/stride].winner)
				}
			}
			s = n
		}
		m.bytesSinceReset += len(text)
		var sym int
		if bi < len(in.Bounds) {
			sym = d.symBound(in.Bounds[bi].Scope)
		} else {
			sym = d.symEOT()
		}
		n := m.dfa.trans[s+int32(sym)]
		if n == 0 {
			n = m.next(s, sym)
			if n == 0 {
				return m.runNFA(s, in, pos, bi)
			}
		}
		if n < 0 {
			return int(m.dfa.states[-n/stride].winner)
		}
		s = n
	}
	return int(m.dfa.states[s/stride].winner)
}

// startState builds the state before the first byte: every pattern of the
// whole transcript starts here, at the start of its text.
func (m *Machine) startState() {
	st := m.step
	st.out.clear()
	st.seen.clear()
	m.tmp.matched = m.tmp.matched[:0]
	m.tmp.matched = append(m.tmp.matched, make([]uint64, m.p.d.patWords)...)
	st.relevant(m.tmp.matched)
	st.inject(ScopeAll, true, m.tmp.matched)
	m.tmp.pcs = append(m.tmp.pcs[:0], st.out.dense...)
	m.tmp.scope = ScopeAll
	m.tmp.flags = flagTextStart
	s := m.intern(&m.tmp)
	if m.dfa.states[s/int32(m.p.d.stride)].decided {
		s = -s
	}
	m.start = s
}

// runNFA finishes the transcript from row s at text position pos, before
// bound bi, without the DFA cache.
func (m *Machine) runNFA(s int32, in Input, pos, bi int) int {
	d := &m.p.d
	cur := &m.a
	src := &m.dfa.states[s/int32(d.stride)].st
	cur.pcs = append(cur.pcs[:0], src.pcs...)
	cur.matched = append(cur.matched[:0], src.matched...)
	cur.scope, cur.flags = src.scope, src.flags
	nxt := &m.b
	text := in.Text
	for ; bi <= len(in.Bounds); bi++ {
		end := len(text)
		if bi < len(in.Bounds) {
			end = min(max(in.Bounds[bi].Off, pos), len(text))
		}
		for ; pos < end; pos++ {
			m.step.step(cur, int(d.classes[text[pos]]), nxt)
			cur, nxt = nxt, cur
		}
		if bi < len(in.Bounds) {
			m.step.step(cur, d.symBound(in.Bounds[bi].Scope), nxt)
			cur, nxt = nxt, cur
		}
	}
	m.step.step(cur, d.symEOT(), nxt)
	// The machine stays usable: the next transcript starts on a fresh cache.
	m.resetDFA()
	m.bytesSinceReset = 0
	return m.p.winner(slices.Clip(nxt.matched))
}
