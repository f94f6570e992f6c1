package vm

import (
	"encoding/binary"
	"hash/maphash"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// The lazy DFA. States are nstates interned by their contents; trans holds
// one row of stride int32 per state: 0 is "not computed yet", a positive
// value is the next state's row offset, and a negative value is the row
// offset of a state entered with hits (patterns that matched on the way
// in), which the matcher ORs into its accumulator. Hits are rare, so the
// inner loop has one well-predicted branch per byte. Row 0 is a dummy so
// that 0 can mean "not computed".
//
// One cache may serve several Machines at once (Machine.Share): -j
// workers then build each state once instead of once each, which cost
// the second of two workers about 15% more CPU in all. Matching reads
// the table without a lock (each entry is an atomic int32, a plain load
// on amd64 and arm64); computing a missing entry takes mu, so two
// machines never add the same state twice; and emptying the cache when it
// is over budget takes rw for writing, while every machine holds rw for
// reading as long as its streams hold rows (one match, or one batch):
// the reset happens between other machines' matches, never under them,
// as in RE2's shared DFA.

// spinLock is the cache's miss lock. Its holders do a few microseconds of
// work, so a waiter spins (yielding its core now and then) rather than
// sleep: sync.Mutex, once a waiter has waited a millisecond (a holder the
// host stopped for a moment), hands the lock straight to the next waiter
// and yields the unlocking worker's core to it, and the unlocker then
// waited for a core to be woken: a tenth of a -j 2 run went to that.
type spinLock struct{ held atomic.Bool }

func (l *spinLock) Lock() {
	for i := 0; !l.held.CompareAndSwap(false, true); i++ {
		if i >= 64 {
			runtime.Gosched()
		}
	}
}

func (l *spinLock) Unlock() { l.held.Store(false) }

// DefaultBudget is a Machine's DFA cache budget in bytes.
const DefaultBudget = 32 << 20

type cache struct {
	rw sync.RWMutex
	mu spinLock // guards states[n:], n, index, mem and gen

	// states and trans are allocated once, at their full length, so that
	// no slice header changes under a reader. Untouched pages of a fresh
	// allocation cost no resident memory, and copying a 5 MB table as it
	// grew cost 10% of a cold 100,000-transcript run.
	states []dstate
	trans  []atomic.Int32
	n      int32 // states in use, row 0 included
	// index finds a state by the hash of its key; states with the same
	// hash are chained through dstate.next. A map keyed by the whole key
	// string cost a microsecond a lookup at 19,000 states (cache misses
	// on long keys); a map of 8-byte hashes is small and the one key
	// compared is the state's own.
	index  map[uint64]int32
	seed   maphash.Seed
	stride int32
	mem    int
	budget int
	start  atomic.Int32 // row of the start state (negative: with hits), 0 until built
	gen    uint64       // resets so far
}

type dstate struct {
	st     nstate
	hasHit bool
	key    string // the interned key, compared on a hash hit
	next   int32  // next state with the same key hash, 0 for none
}

// spareRows are rows beyond the budget's, for the states a reset must
// keep (each machine's live streams and the state being stepped), which
// are added whatever the budget.
const spareRows = 256

func newCache(p *Program, budget int) *cache {
	stride := p.d.stride
	rows := min(budget/(4*stride+112), maxRows) + spareRows
	c := &cache{
		states: make([]dstate, rows),
		trans:  make([]atomic.Int32, rows*stride),
		index:  map[uint64]int32{},
		seed:   maphash.MakeSeed(),
		stride: int32(stride),
		budget: budget,
		n:      1, // row 0: "not computed"
	}
	return c
}

// clear empties the cache. The caller holds rw for writing.
func (c *cache) clear() {
	clear(c.states[:c.n])
	clear(c.trans[:int(c.n)*int(c.stride)])
	clear(c.index)
	c.n, c.mem = 1, 0
	c.start.Store(0)
	c.gen++
}

// internBudget returns the row offset of the state equal to st, adding
// it (a copy) if new. It returns -1 when the cache is over budget; the
// caller resets it and tries again. With force set it ignores the budget
// (right after a reset, for the few states matching must have); it fails
// even then when the spare rows are spent too (other machines filled the
// cache again first): the caller resets once more. The caller holds mu.
func (m *Machine) internBudget(st *nstate, force bool) int32 {
	m.keyOf(st)
	return m.internKey(st, force)
}

// keyOf puts st's key and its hash in m.key and m.keyHash. It touches
// only the machine's own scratch, so a miss does it before taking mu:
// the lock covers no more than the table's lookup and insertion, which
// the -j workers would otherwise queue behind.
func (m *Machine) keyOf(st *nstate) {
	slices.Sort(st.pcs)
	m.step.work += len(st.pcs)
	k := m.key[:0]
	k = append(k, byte(st.scope), st.flags)
	for _, w := range st.hit {
		k = binary.LittleEndian.AppendUint64(k, w)
	}
	for _, pc := range st.pcs {
		k = binary.LittleEndian.AppendUint32(k, pc)
	}
	m.key = k
	m.keyHash = maphash.Bytes(m.c.seed, k)
}

// internKey is internBudget for a state whose key keyOf has made. The
// caller holds mu.
func (m *Machine) internKey(st *nstate, force bool) int32 {
	c := m.c
	k, h := m.key, m.keyHash
	first := c.index[h]
	for id := first; id != 0; id = c.states[id].next {
		if c.states[id].key == string(k) {
			return id * c.stride
		}
	}
	hasHit := false
	for _, w := range st.hit {
		hasHit = hasHit || w != 0
	}
	cost := 2*len(k) + 4*int(c.stride) + 112
	if (c.mem+cost > c.budget && !force) || int(c.n) == len(c.states) {
		return -1
	}
	c.mem += cost
	id := c.n
	m.Stats.MaxStates = max(m.Stats.MaxStates, int(id))
	m.Stats.MaxMem = max(m.Stats.MaxMem, c.mem)
	cp := nstate{pcs: slices.Clone(st.pcs), hit: slices.Clone(st.hit), scope: st.scope, flags: st.flags}
	// The row is published by the store into trans that names it, after
	// this write: a reader that loads the row sees the state.
	c.states[id] = dstate{st: cp, hasHit: hasHit, key: string(k), next: first}
	c.touch(id)
	c.n++
	c.index[h] = id
	return id * c.stride
}

// touch writes to every page of row id's transitions before any reader
// can load one. A fresh page of the table that is read first is mapped to
// the kernel's shared zero page, and the first write to it then replaces
// that mapping, which flushes the page from the TLB of every core running
// the process: with -j 2 an interrupt to the other worker for each page
// (thousands a run) and its table walks slowed for a while after each.
// Written first, the page is mapped once, writable, with no flush.
func (c *cache) touch(id int32) {
	row := c.trans[id*c.stride : (id+1)*c.stride]
	const perPage = 4096 / 4
	for i := 0; i < len(row); i += perPage {
		row[i].Store(0)
	}
	row[len(row)-1].Store(0)
}

// signed is row n as trans holds it: negative when its state has hits.
func (c *cache) signed(n int32) int32 {
	if c.states[n/c.stride].hasHit {
		return -n
	}
	return n
}

// next returns the row offset after symbol sym from row s, computing and
// caching it; negative when the new state has hits. It returns 0 when the
// cache had to be reset more often than it earns its keep: the caller
// switches to the NFA.
func (m *Machine) next(s int32, sym int) int32 {
	c := m.c
	if n := c.trans[s+int32(sym)].Load(); n != 0 {
		return n // another machine computed it
	}
	from := &c.states[s/c.stride].st
	m.Stats.Computed++
	// The step runs outside the lock: from cannot change while this
	// machine holds rw, and the step is most of a miss's cost.
	m.step.step(from, sym, &m.tmp)
	m.keyOf(&m.tmp)
	c.mu.Lock()
	if n := c.trans[s+int32(sym)].Load(); n != 0 {
		c.mu.Unlock()
		return n
	}
	n := m.internKey(&m.tmp, false)
	if n >= 0 {
		n = c.signed(n)
		c.trans[s+int32(sym)].Store(n)
		c.mu.Unlock()
		return n
	}
	gen := c.gen
	c.mu.Unlock()
	// Over budget: start the cache afresh, keeping the current state, as
	// RE2's ResetCache does. Give up on the DFA when resets come faster
	// than one per resetBytes of input.
	m.Stats.Resets++
	if m.bytesSinceReset < resetBytes {
		m.Stats.Fallbacks++
		return 0
	}
	m.bytesSinceReset = 0
	keep := append(m.liveStates(), cloneState(from), cloneState(&m.tmp))
	rows := m.reset(gen, keep)
	s, n = rows[len(m.live)], c.signed(rows[len(m.live)+1])
	c.trans[s+int32(sym)].Store(n)
	c.mu.Unlock()
	return n
}

func cloneState(st *nstate) nstate {
	return nstate{pcs: slices.Clone(st.pcs), hit: slices.Clone(st.hit), scope: st.scope, flags: st.flags}
}

// liveStates copies the states of the streams of MatchBatch that a reset
// must carry over.
func (m *Machine) liveStates() []nstate {
	keep := make([]nstate, len(m.live), len(m.live)+2)
	for i, st := range m.live {
		keep[i] = cloneState(&m.c.states[st.s/m.c.stride].st)
	}
	return keep
}

// reset empties the cache, unless another machine has since generation
// gen, and interns keep again: the states of this machine's live streams
// first, whose rows it updates, then any others, whose rows it returns
// (all of keep's, in order). It returns with mu held. The caller holds rw
// for reading, and does again on return; in between, the other machines
// sharing the cache finish their matches.
func (m *Machine) reset(gen uint64, keep []nstate) []int32 {
	c := m.c
	rows := make([]int32, len(keep))
	for {
		c.rw.RUnlock()
		c.rw.Lock()
		if c.gen == gen {
			c.clear()
		}
		c.rw.Unlock()
		c.rw.RLock()
		c.mu.Lock()
		ok := true
		for i := range keep {
			if rows[i] = m.internBudget(&keep[i], true); rows[i] < 0 {
				ok = false // other machines filled it first: again
				break
			}
		}
		if ok {
			for i, st := range m.live {
				st.s = rows[i]
			}
			return rows
		}
		gen = c.gen
		c.mu.Unlock()
	}
}

// resetKeeping empties the cache (unless another machine just has),
// keeping the live streams' states.
func (m *Machine) resetKeeping() {
	m.c.mu.Lock()
	gen := m.c.gen
	m.c.mu.Unlock()
	m.reset(gen, m.liveStates())
	m.c.mu.Unlock()
}

// maxRows caps the rows a machine makes room for up front.
const maxRows = 1 << 17

// resetBytes: a cache reset within this many bytes of input of the last
// one means the DFA is thrashing, so the NFA finishes the transcript.
const resetBytes = 4096
