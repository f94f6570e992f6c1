package vm

import "slices"

// Result is the outcome of matching one transcript.
type Result struct {
	Rule    int    // index into Program.Rules of the winner; -1 when no rule holds
	Label   int    // index into Program.Labels; the default label, or -1, when no rule holds
	Start   int    // span in Input.Text of the winning rule's first positive regex; -1 when not computed
	End     int    // end of that span (exclusive)
	Version string // captured version, when the winning rule takes one
}

// Stats counts what a Machine did, for tests and lint.
type Stats struct {
	Computed  int // DFA transitions computed (cache misses)
	MaxStates int // most DFA states the cache held at once
	MaxMem    int // most bytes the cache's states were charged at once (its budget caps it)
	Resets    int // times the DFA cache was full and reset
	Fallbacks int // transcripts (or their rest) run on the NFA instead
	// StepWork counts the NFA instructions touched computing steps (DFA
	// cache misses and the NFA fallback): threads scanned and copied,
	// closure stack pops. Program.StepBound bounds it per symbol.
	StepWork int
	// Decisions counts decision cache misses: each evaluates every rule's
	// condition at most twice.
	Decisions int
}

// Machine is the scratch space for matching: the NFA thread sets, and the
// lazy DFA cache, which Share lets other machines use at the same time. A
// Machine is not safe for concurrent use; Program.Match takes one from a
// pool.
type Machine struct {
	p       *Program
	c       *cache
	step    *stepper
	tmp     nstate
	key     []byte // a state's key, being built
	keyHash uint64 // maphash of key
	Stats   Stats

	bytesSinceReset int
	na, nb          nstate           // NFA fallback states
	sa              stream           // the transcript Match is matching
	streams         [4]stream        // MatchBatch's transcripts
	live            []*stream        // streams whose state a cache reset must carry over
	dindex          map[uint64]int32 // decision cache (see decide); entry 0 is unused
	dents           []decisionEntry
	dwords          []uint64
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
	return newMachine(p, newCache(p, budget))
}

func newMachine(p *Program, c *cache) *Machine {
	m := &Machine{p: p, c: c, step: newStepper(p)}
	m.dindex = map[uint64]int32{}
	m.dents = make([]decisionEntry, 1)
	return m
}

// Share returns a new machine for the same program that uses m's DFA
// cache: the two (and any others shared from either) may match at the
// same time, each on its own goroutine, and each state is built once for
// all of them. Stats stay each machine's own.
func (m *Machine) Share() *Machine { return newMachine(m.p, m.c) }

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

// decision is what a set of matched patterns implies: the winner if the
// text ended now, and whether it is final whatever follows.
type decision struct {
	winner  int32
	decided bool
}

// maxDecisions bounds the decision cache; it is cleared when full.
const maxDecisions = 1 << 14

// decide returns the decision for the patterns in acc, cached by set: a
// map from a hash of the set to entries chained by hash, each keeping its
// set to compare.
func (m *Machine) decide(acc []uint64) decision {
	h := uint64(len(acc))
	for _, w := range acc {
		h = (h ^ w) * 0x9e3779b97f4a7c15
		h ^= h >> 29
	}
	for i := m.dindex[h]; i != 0; i = m.dents[i].next {
		e := &m.dents[i]
		if slices.Equal(m.dwords[e.off:e.off+len(acc)], acc) {
			return e.d
		}
	}
	m.Stats.Decisions++
	d := decision{winner: int32(m.p.winner(acc)), decided: !m.step.anyRelevantFor(acc)}
	if len(m.dents) >= maxDecisions {
		clear(m.dindex)
		m.dents, m.dwords = m.dents[:1], m.dwords[:0]
	}
	m.dents = append(m.dents, decisionEntry{off: len(m.dwords), d: d, next: m.dindex[h]})
	m.dwords = append(m.dwords, acc...)
	m.dindex[h] = int32(len(m.dents) - 1)
	return d
}

type decisionEntry struct {
	off  int // of the set in dwords
	d    decision
	next int32 // next entry with the same hash; 0 for none
}

// stream is one transcript being matched: where it is in the text and in
// the automaton, and what has matched so far.
type stream struct {
	in   Input
	s    int32    // current DFA row
	pos  int      // next byte
	bi   int      // next bound
	end  int      // end of the current piece: the next bound's offset, or len(text)
	acc  []uint64 // patterns matched so far
	done bool
	win  int
}

func (m *Machine) newStream(st *stream, in Input) {
	if !m.p.d.scoped {
		// Where a reply starts matters only to scoped patterns: without
		// one, a bound changes no thread, but would split each DFA state
		// by scope (more states to build, a colder cache).
		in.Bounds = nil
	}
	st.in, st.pos, st.bi, st.done, st.win = in, 0, 0, false, -1
	if len(st.acc) != m.p.d.patWords {
		st.acc = make([]uint64, m.p.d.patWords)
	}
	clear(st.acc)
	st.s = m.c.start.Load()
	if st.s == 0 {
		st.s = m.startState()
	}
	if st.s < 0 {
		st.s = -st.s
		m.hits(st, st.s)
	}
	st.end = m.pieceEnd(st)
}

func (m *Machine) pieceEnd(st *stream) int {
	if st.bi < len(st.in.Bounds) {
		return min(max(st.in.Bounds[st.bi].Off, st.pos), len(st.in.Text))
	}
	return len(st.in.Text)
}

// hits ORs the hits of row n into the stream's matched set and ends the
// stream when the winner is decided.
func (m *Machine) hits(st *stream, n int32) {
	h := m.c.states[n/m.c.stride].st.hit
	grew := false
	for i, w := range h {
		if st.acc[i]|w != st.acc[i] {
			st.acc[i] |= w
			grew = true
		}
	}
	if !grew {
		return // a pattern matching again changes nothing
	}
	if d := m.decide(st.acc); d.decided {
		st.done, st.win = true, int(d.winner)
	}
}

// slow takes the transition on symbol sym the table could not give (not
// computed yet, or into a state with hits). It returns false when the
// stream is finished (decided, or handed to the NFA).
func (m *Machine) slow(st *stream, sym int, n int32) bool {
	if n == 0 {
		// bytesSinceReset counts input since the last cache reset:
		// earlier transcripts plus the position in this one (next may
		// zero it; finish adds the rest).
		m.bytesSinceReset += st.pos
		n = m.next(st.s, sym)
		m.bytesSinceReset -= st.pos
		if n == 0 {
			st.win, st.done = m.runNFA(st), true
			return false
		}
	}
	if n < 0 {
		n = -n
		m.hits(st, n)
	}
	st.s = n
	return !st.done
}

// pieceDone takes the transition at the end of the current piece: into the
// next reply, or the end of the text.
func (m *Machine) pieceDone(st *stream) {
	d := &m.p.d
	var sym int
	if st.bi < len(st.in.Bounds) {
		sym = d.symBound(st.in.Bounds[st.bi].Scope)
	} else {
		sym = d.symEOT()
	}
	n := m.c.trans[st.s+int32(sym)].Load()
	if n <= 0 && !m.slow(st, sym, n) {
		return
	}
	if n > 0 {
		st.s = n
	}
	if st.bi == len(st.in.Bounds) {
		m.bytesSinceReset += len(st.in.Text)
		st.done, st.win = true, int(m.decide(st.acc).winner)
		return
	}
	st.bi++
	st.end = m.pieceEnd(st)
}

// run returns the winning rule for in.
func (m *Machine) run(in Input) int {
	st := &m.sa
	m.c.rw.RLock()
	m.newStream(st, in)
	m.finish(st)
	m.c.rw.RUnlock()
	m.Stats.StepWork += m.step.work
	m.step.work = 0
	return st.win
}

// finish runs one stream to its end.
func (m *Machine) finish(st *stream) {
	classes := &m.p.d.classes
	for !st.done {
		trans := m.c.trans
		s := st.s
		text := st.in.Text[st.pos:st.end]
		// The hot loop: one table load and one well-predicted branch a
		// byte. Ranging over the slice and indexing a [256] array by a
		// byte leave one bounds check (trans).
		i := 0
		for ; i < len(text); i++ {
			n := trans[s+int32(classes[text[i]])].Load()
			if n <= 0 {
				break
			}
			s = n
		}
		st.s, st.pos = s, st.pos+i
		if i < len(text) {
			c := int(classes[text[i]])
			if !m.slow(st, c, trans[s+int32(c)].Load()) {
				return
			}
			st.pos++
			continue
		}
		m.pieceDone(st)
	}
}

// MatchBatch classifies ins into out (len(out) >= len(ins)). A DFA walk
// waits on one table load per byte; walking several independent
// transcripts in one loop lets the processor overlap those loads, so
// MatchBatch keeps up to four walks going, refilling a slot as soon as its
// transcript is done. `make bench` measures the gain against Match.
func (m *Machine) MatchBatch(ins []Input, out []Result) {
	var slots [4]*stream
	var idx [4]int
	active := 0
	next := 0
	fill := func() {
		for active < len(slots) && next < len(ins) {
			// A reset while the start state is built must carry over
			// the streams already running.
			m.live = append(m.live[:0], slots[:active]...)
			st := &m.streams[active]
			m.newStream(st, ins[next])
			slots[active], idx[active] = st, next
			next++
			active++
		}
	}
	// retire moves finished streams' results out and closes the gaps.
	retire := func() {
		for i := 0; i < active; {
			if !slots[i].done {
				i++
				continue
			}
			out[idx[i]] = m.p.result(slots[i].win, slots[i].in, false)
			active--
			// Keep slot order stable for the pinned list: swap with the last.
			m.streams[i], m.streams[active] = m.streams[active], m.streams[i]
			idx[i] = idx[active]
			slots[i] = &m.streams[i]
		}
		fill()
		m.live = m.live[:0]
		for i := 0; i < active; i++ {
			m.live = append(m.live, slots[i])
		}
	}
	m.c.rw.RLock()
	defer m.c.rw.RUnlock()
	fill()
	retire()
	for active > 0 {
		switch {
		case active == 4:
			m.walk4(slots[0], slots[1], slots[2], slots[3])
		case active >= 2:
			m.walk2(slots[0], slots[1])
		default:
			m.finish(slots[0])
		}
		for i := 0; i < active; i++ {
			m.advance(slots[i])
		}
		retire()
	}
	m.live = m.live[:0]
	m.Stats.StepWork += m.step.work
	m.step.work = 0
}

// walk4 runs four streams' fast paths in lockstep until one of them needs
// a slow transition or reaches the end of its piece.
func (m *Machine) walk4(a, b, c, d *stream) {
	trans := m.c.trans
	classes := &m.p.d.classes
	ta, tb, tc, td := a.in.Text[a.pos:a.end], b.in.Text[b.pos:b.end], c.in.Text[c.pos:c.end], d.in.Text[d.pos:d.end]
	k := min(len(ta), len(tb), len(tc), len(td))
	ta, tb, tc, td = ta[:k], tb[:k], tc[:k], td[:k]
	x0, x1, x2, x3 := a.s, b.s, c.s, d.s
	i := 0
	for ; i < k; i++ {
		n0 := trans[x0+int32(classes[ta[i]])].Load()
		n1 := trans[x1+int32(classes[tb[i]])].Load()
		n2 := trans[x2+int32(classes[tc[i]])].Load()
		n3 := trans[x3+int32(classes[td[i]])].Load()
		// Good rows are >= 1: one sign test catches any 0 or negative.
		if (n0-1)|(n1-1)|(n2-1)|(n3-1) < 0 {
			break
		}
		x0, x1, x2, x3 = n0, n1, n2, n3
	}
	a.s, b.s, c.s, d.s = x0, x1, x2, x3
	a.pos += i
	b.pos += i
	c.pos += i
	d.pos += i
}

// walk2 is walk4 for two streams.
func (m *Machine) walk2(a, b *stream) {
	trans := m.c.trans
	classes := &m.p.d.classes
	ta, tb := a.in.Text[a.pos:a.end], b.in.Text[b.pos:b.end]
	k := min(len(ta), len(tb))
	ta, tb = ta[:k], tb[:k]
	x0, x1 := a.s, b.s
	i := 0
	for ; i < k; i++ {
		n0 := trans[x0+int32(classes[ta[i]])].Load()
		n1 := trans[x1+int32(classes[tb[i]])].Load()
		if (n0-1)|(n1-1) < 0 {
			break
		}
		x0, x1 = n0, n1
	}
	a.s, b.s = x0, x1
	a.pos += i
	b.pos += i
}

// advance moves a stream past whatever stopped the lockstep walk: a slow
// transition at its next byte, or the end of its piece. Other live
// streams are carried over a cache reset (see resetKeeping).
func (m *Machine) advance(st *stream) {
	if st.done {
		return
	}
	if st.pos >= st.end {
		m.pieceDone(st)
		return
	}
	c := int(m.p.d.classes[st.in.Text[st.pos]])
	n := m.c.trans[st.s+int32(c)].Load()
	if n > 0 {
		st.s = n
		st.pos++
		return
	}
	if m.slow(st, c, n) {
		st.pos++
	}
}

// startState builds the state before the first byte (every pattern of the
// whole transcript starts here, at the start of its text) and returns its
// row.
func (m *Machine) startState() int32 {
	st := m.step
	st.out.clear()
	st.seen.clear()
	m.tmp.hit = append(m.tmp.hit[:0], make([]uint64, m.p.d.patWords)...)
	st.inject(ScopeAll, true, m.tmp.hit)
	m.tmp.pcs = m.tmp.pcs[:0]
	for _, pc := range st.out.dense {
		pat := m.p.d.patOf[pc]
		if m.tmp.hit[pat>>6]&(1<<(pat&63)) == 0 {
			m.tmp.pcs = append(m.tmp.pcs, pc)
		}
	}
	m.tmp.scope = ScopeAll
	m.tmp.flags = flagTextStart
	c := m.c
	c.mu.Lock()
	if s := c.start.Load(); s != 0 {
		c.mu.Unlock() // another machine built it
		return s
	}
	s := m.internBudget(&m.tmp, true)
	if s < 0 {
		// The spare rows are spent: a fresh cache.
		gen := c.gen
		c.mu.Unlock()
		s = m.reset(gen, append(m.liveStates(), cloneState(&m.tmp)))[len(m.live)]
	}
	s = c.signed(s)
	c.start.Store(s)
	c.mu.Unlock()
	return s
}

// runNFA finishes the stream from its current state without the DFA
// cache and returns the winner.
func (m *Machine) runNFA(st *stream) int {
	d := &m.p.d
	cur := &m.na
	src := &m.c.states[st.s/m.c.stride].st
	cur.pcs = append(cur.pcs[:0], src.pcs...)
	cur.hit = append(cur.hit[:0], src.hit...)
	cur.scope, cur.flags = src.scope, src.flags
	nxt := &m.nb
	in, pos := st.in, st.pos
	or := func(ns *nstate) bool {
		any := false
		for i, w := range ns.hit {
			st.acc[i] |= w
			any = any || w != 0
		}
		return any && m.decide(st.acc).decided
	}
	// The machine stays usable: the next transcript starts on a fresh
	// cache. A pinned stream is carried over.
	defer func() {
		m.resetKeeping()
		m.bytesSinceReset = 0
	}()
	for bi := st.bi; bi <= len(in.Bounds); bi++ {
		end := len(in.Text)
		if bi < len(in.Bounds) {
			end = min(max(in.Bounds[bi].Off, pos), len(in.Text))
		}
		for ; pos < end; pos++ {
			m.step.step(cur, int(d.classes[in.Text[pos]]), nxt)
			cur, nxt = nxt, cur
			if or(cur) {
				return int(m.decide(st.acc).winner)
			}
		}
		if bi < len(in.Bounds) {
			m.step.step(cur, d.symBound(in.Bounds[bi].Scope), nxt)
			cur, nxt = nxt, cur
			if or(cur) {
				return int(m.decide(st.acc).winner)
			}
		}
	}
	m.step.step(cur, d.symEOT(), nxt)
	or(nxt)
	return int(m.decide(st.acc).winner)
}
