package vm

import (
	"encoding/binary"
	"hash/maphash"
	"slices"
)

// The lazy DFA. States are nstates interned by their contents; trans holds
// one row of stride int32 per state: 0 is "not computed yet", a positive
// value is the next state's row offset, and a negative value is the row
// offset of a state entered with hits (patterns that matched on the way
// in), which the matcher ORs into its accumulator. Hits are rare, so the
// inner loop has one well-predicted branch per byte. Row 0 is a dummy so
// that 0 can mean "not computed".

// DefaultBudget is a Machine's DFA cache budget in bytes.
const DefaultBudget = 32 << 20

type dfa struct {
	states []dstate
	// index finds a state by the hash of its key; states with the same
	// hash are chained through dstate.next. A map keyed by the whole key
	// string cost a microsecond a lookup at 19,000 states (cache misses
	// on long keys); a map of 8-byte hashes is small and the one key
	// compared is the state's own.
	index  map[uint64]int32
	seed   maphash.Seed
	trans  []int32
	mem    int
	budget int
	key    []byte
}

type dstate struct {
	st     nstate
	hasHit bool
	key    string // the interned key, compared on a hash hit
	next   int32  // next state with the same key hash, 0 for none
}

func (m *Machine) resetDFA() {
	f := &m.dfa
	f.states = f.states[:0]
	f.states = append(f.states, dstate{}) // row 0: "not computed"
	clear(f.index)
	if f.index == nil {
		f.index = map[uint64]int32{}
		f.seed = maphash.MakeSeed()
	}
	if f.trans == nil {
		// Room for as many rows as the budget pays for, so the table is
		// never copied as it grows. Untouched pages of a fresh allocation
		// cost no resident memory; copying a 5 MB table twice cost 10% of
		// a cold 100,000-transcript run.
		rows := min(m.dfa.budget/(4*m.p.d.stride+112), maxRows)
		f.trans = make([]int32, 0, rows*m.p.d.stride)
		f.states = make([]dstate, 0, rows)
		f.states = append(f.states, dstate{})
	}
	f.trans = f.trans[:0]
	f.trans = append(f.trans, make([]int32, m.p.d.stride)...)
	f.mem = 0
	m.start = 0
}

// intern returns the row offset of the state equal to st, adding it (a
// copy) if new. It returns -1 when the cache is over budget; the caller
// resets it and tries again.
func (m *Machine) intern(st *nstate) int32 { return m.internBudget(st, false) }

// internBudget is intern; with force set it ignores the budget (right
// after a reset, for the few states matching must have).
func (m *Machine) internBudget(st *nstate, force bool) int32 {
	f := &m.dfa
	slices.Sort(st.pcs)
	m.step.work += len(st.pcs)
	k := f.key[:0]
	k = append(k, byte(st.scope), st.flags)
	hasHit := false
	for _, w := range st.hit {
		k = binary.LittleEndian.AppendUint64(k, w)
		hasHit = hasHit || w != 0
	}
	for _, pc := range st.pcs {
		k = binary.LittleEndian.AppendUint32(k, pc)
	}
	f.key = k
	h := maphash.Bytes(f.seed, k)
	first := f.index[h]
	for id := first; id != 0; id = f.states[id].next {
		if f.states[id].key == string(k) {
			return id * int32(m.p.d.stride)
		}
	}
	cost := 2*len(k) + 4*m.p.d.stride + 112
	if f.mem+cost > f.budget && !force {
		return -1
	}
	f.mem += cost
	id := int32(len(f.states))
	m.Stats.MaxStates = max(m.Stats.MaxStates, int(id))
	m.Stats.MaxMem = max(m.Stats.MaxMem, f.mem)
	cp := nstate{pcs: slices.Clone(st.pcs), hit: slices.Clone(st.hit), scope: st.scope, flags: st.flags}
	f.states = append(f.states, dstate{st: cp, hasHit: hasHit, key: string(k), next: first})
	f.index[h] = id
	f.trans = append(f.trans, make([]int32, m.p.d.stride)...)
	return id * int32(m.p.d.stride)
}

// next returns the row offset after symbol sym from row s, computing and
// caching it; negative when the new state has hits. It returns 0 when the
// cache had to be reset more often than it earns its keep: the caller
// switches to the NFA.
func (m *Machine) next(s int32, sym int) int32 {
	f := &m.dfa
	stride := int32(m.p.d.stride)
	from := &f.states[s/stride].st
	m.Stats.Computed++
	m.step.step(from, sym, &m.tmp)
	n := m.intern(&m.tmp)
	if n < 0 {
		// Over budget: start the cache afresh with the current state, as
		// RE2's ResetCache does. Give up on the DFA when resets come
		// faster than one per resetBytes of input.
		m.Stats.Resets++
		if m.bytesSinceReset < resetBytes {
			m.Stats.Fallbacks++
			return 0
		}
		m.bytesSinceReset = 0
		cur := cloneState(from)
		m.resetKeeping()
		s = m.internBudget(&cur, true)
		m.step.step(&f.states[s/stride].st, sym, &m.tmp)
		n = m.internBudget(&m.tmp, true)
	}
	if f.states[n/stride].hasHit {
		n = -n
	}
	f.trans[s+int32(sym)] = n
	return n
}

func cloneState(st *nstate) nstate {
	return nstate{pcs: slices.Clone(st.pcs), hit: slices.Clone(st.hit), scope: st.scope, flags: st.flags}
}

// resetKeeping empties the cache but keeps the states of the live streams
// of MatchBatch (their rows change).
func (m *Machine) resetKeeping() {
	keep := make([]nstate, len(m.live))
	for i, st := range m.live {
		keep[i] = cloneState(&m.dfa.states[st.s/int32(m.p.d.stride)].st)
	}
	m.resetDFA()
	for i, st := range m.live {
		st.s = m.internBudget(&keep[i], true)
	}
}

// maxRows caps the rows a machine makes room for up front.
const maxRows = 1 << 17

// resetBytes: a cache reset within this many bytes of input of the last
// one means the DFA is thrashing, so the NFA finishes the transcript.
const resetBytes = 4096
