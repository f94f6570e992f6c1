package vm

import (
	"encoding/binary"
	"slices"
)

// The lazy DFA. States are nstates interned by their contents; trans holds
// one row of stride int32 per state: 0 is "not computed yet", a positive
// value is the next state's row offset, and a negative value is the row
// offset of a decided state, where no pattern that could change the winner
// is left and matching stops. Row 0 is a dummy so that 0 can mean "not
// computed".

// DefaultBudget is a Machine's DFA cache budget in bytes.
const DefaultBudget = 8 << 20

type dfa struct {
	states []dstate
	index  map[string]int32
	trans  []int32
	mem    int
	budget int
	key    []byte
}

type dstate struct {
	st      nstate
	winner  int32 // for decided and final states
	decided bool
}

func (m *Machine) resetDFA() {
	f := &m.dfa
	f.states = f.states[:0]
	f.states = append(f.states, dstate{}) // row 0: "not computed"
	clear(f.index)
	if f.index == nil {
		f.index = map[string]int32{}
	}
	f.trans = f.trans[:0]
	f.trans = append(f.trans, make([]int32, m.p.d.stride)...)
	f.mem = 0
	m.start = 0
}

// intern returns the row offset of the state equal to st, adding it (a
// copy) if new. It returns -1 when the cache is over budget; the caller
// resets it and tries again.
func (m *Machine) intern(st *nstate) int32 {
	f := &m.dfa
	slices.Sort(st.pcs)
	k := f.key[:0]
	k = append(k, byte(st.scope), st.flags)
	for _, w := range st.matched {
		k = binary.LittleEndian.AppendUint64(k, w)
	}
	for _, pc := range st.pcs {
		k = binary.LittleEndian.AppendUint32(k, pc)
	}
	f.key = k
	if id, ok := f.index[string(k)]; ok {
		return id * int32(m.p.d.stride)
	}
	cost := 2*len(k) + 4*m.p.d.stride + 96
	if f.mem+cost > f.budget && len(f.states) > 1 {
		return -1
	}
	f.mem += cost
	id := int32(len(f.states))
	cp := nstate{pcs: slices.Clone(st.pcs), matched: slices.Clone(st.matched), scope: st.scope, flags: st.flags}
	// winner is the answer if the text ended here (for the state after
	// the end of text it is the answer), and the answer whatever follows
	// when no pattern that could change it is left.
	ds := dstate{st: cp, winner: int32(m.p.winner(st.matched))}
	ds.decided = !m.step.anyRelevantFor(st.matched)
	f.states = append(f.states, ds)
	f.index[string(k)] = id
	f.trans = append(f.trans, make([]int32, m.p.d.stride)...)
	return id * int32(m.p.d.stride)
}

// anyRelevantFor reports whether a pattern can still change the winner
// after the patterns in matched have matched.
func (s *stepper) anyRelevantFor(matched []uint64) bool {
	s.relevant(matched)
	return s.anyRelevant()
}

// next returns the row offset after symbol sym from row s, computing and
// caching it. It returns 0 when the cache had to be reset more often than
// it earns its keep: the caller switches to the NFA.
func (m *Machine) next(s int32, sym int) int32 {
	f := &m.dfa
	stride := int32(m.p.d.stride)
	from := &f.states[s/stride].st
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
		cur := nstate{pcs: slices.Clone(from.pcs), matched: slices.Clone(from.matched), scope: from.scope, flags: from.flags}
		m.resetDFA()
		s = m.intern(&cur)
		m.step.step(&f.states[s/stride].st, sym, &m.tmp)
		n = m.intern(&m.tmp)
	}
	if f.states[n/stride].decided {
		f.trans[s+int32(sym)] = -n
		return -n
	}
	f.trans[s+int32(sym)] = n
	return n
}

// resetBytes: a cache reset within this many bytes of input of the last
// one means the DFA is thrashing, so the NFA finishes the transcript.
const resetBytes = 4096
