package vm

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Program is a compiled rulebase. It is plain data: the exported fields
// are all there is to save and load (see Hash), and everything else is
// derived by Init. A Program is immutable once Init has run and is safe for
// concurrent use; per-goroutine scratch lives in a Machine.
type Program struct {
	Name    string // rulebase name, from its header
	Version string // rulebase version
	View    View   // how transcripts are shown to the patterns

	Insts      []Inst     // the NFA of every pattern, one after another
	Sets       []ByteSet  // byte sets of OpByte instructions
	Patterns   []Pattern  // one per regex in the rules
	Rules      []Rule     // in priority order: the first that holds wins
	Labels     []Label    // what rules name
	Default    int        // label when no rule holds; -1 for none
	Advisories []Advisory // security advisories by label and version

	once sync.Once
	d    derived
	pool sync.Pool
}

// Pattern is one regex of the rulebase.
type Pattern struct {
	Start  uint32 // first NFA instruction
	Scope  Scope  // ScopeAll for a bare /re/
	Expr   string // Go regexp/syntax form over Latin-1 runes (see compiler.TranslateERE)
	Source string // the regex as written, between the slashes
	NumCap int    // capture groups
}

// Rule is one rule: a condition over patterns and the label it gives.
type Rule struct {
	Cond    []Cond // postfix
	Label   int    // index into Labels
	VerPat  int    // pattern whose capture gives the version; -1 for none
	VerCap  int    // capture group number in VerPat
	File    string // source position of the rule
	Line    int
	Col     int
	Source  string // the rule as written
	Pattern []int  // patterns the condition mentions, in order
}

// Label is a classification result.
type Label struct {
	ID      string
	Name    string   // display name
	OS      []string // OS tags as displayed ("UNIX", "Windows")
	Vendor  string
	Product string
	CPE     string
}

// Display is the name the tally prints: OS tags joined by "/", a space,
// the display name ("UNIX/Windows Lotus Domino"), or the name alone.
func (l *Label) Display() string {
	if len(l.OS) == 0 {
		return l.Name
	}
	return strings.Join(l.OS, "/") + " " + l.Name
}

// Advisory says that versions of a label Op Version (and, for a range,
// Op2 Version2 too) are affected by ID.
type Advisory struct {
	ID      string
	Label   int
	Op      string // "<", "<=", "=", ">=", ">"; the lower bound (">=", ">") of a range
	Version string
	// Op2 and Version2 are a range's upper bound ("<", "<="); empty for
	// one bound, and then left out of the hashed form, so rulebases
	// without ranges keep their hashes.
	Op2      string `json:",omitempty"`
	Version2 string `json:",omitempty"`
}

// derived is what Init works out from the exported fields.
type derived struct {
	err      error
	hash     string
	classes  [256]uint8 // byte -> equivalence class
	rep      []byte     // class -> a byte of it
	nclasses int
	stride   int      // DFA row width: classes, end of text, one per scope
	patOf    []uint32 // instruction -> pattern
	inject   [NumScopes][]int
	scoped   bool // some pattern is scoped to a reply
	patWords int
	re       []lazyRegexp
	// implied[sc] are the threads that injecting every pattern of the
	// whole transcript and of scope sc (not at a text start) leaves
	// waiting. Every state entered by a byte holds them, so states store
	// only the rest; isImplied[sc][pc] says whether pc is one.
	implied   [NumScopes][]uint32
	isImplied [NumScopes][]bool
	// impliedNext[sc][class] is the result of stepping implied[sc] over a
	// byte of the class: the threads it leaves waiting and the patterns
	// it matches.
	impliedNext [NumScopes][]stepResult
}

// stepResult is a precomputed part of a step.
type stepResult struct {
	pcs []uint32
	hit []uint64
}

// Init checks the program and works out the tables matching needs. It is
// called by Match and friends on first use; calling it first surfaces the
// error of a damaged program.
func (p *Program) Init() error {
	p.once.Do(p.init)
	return p.d.err
}

func (p *Program) init() {
	d := &p.d
	if err := p.validate(); err != nil {
		d.err = err
		return
	}
	// Byte classes: bytes that every set treats alike share a class, so a
	// DFA row has one column per class instead of 256 (RE2 does the same).
	sig := map[string]uint8{}
	key := make([]byte, len(p.Sets))
	for b := 0; b < 256; b++ {
		for i := range p.Sets {
			key[i] = 0
			if p.Sets[i].Has(byte(b)) {
				key[i] = 1
			}
		}
		c, ok := sig[string(key)]
		if !ok {
			c = uint8(len(sig))
			sig[string(key)] = c
			d.rep = append(d.rep, byte(b))
		}
		d.classes[b] = c
	}
	d.nclasses = len(sig)
	d.stride = d.nclasses + 1 + int(NumScopes)
	// Each pattern owns the instructions reachable from its start (the
	// compiler never shares them).
	d.patOf = make([]uint32, len(p.Insts))
	seen := make([]bool, len(p.Insts))
	var stack []uint32
	for i := range p.Patterns {
		stack = append(stack[:0], p.Patterns[i].Start)
		for len(stack) > 0 {
			pc := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[pc] {
				continue
			}
			seen[pc] = true
			d.patOf[pc] = uint32(i)
			in := p.Insts[pc]
			switch in.Op {
			case OpSplit:
				stack = append(stack, in.Next, in.Alt)
			case OpByte, OpNop, OpBegin, OpEnd:
				stack = append(stack, in.Next)
			}
		}
		s := p.Patterns[i].Scope
		d.inject[s] = append(d.inject[s], i)
		d.scoped = d.scoped || s != ScopeAll
	}
	d.patWords = (len(p.Patterns) + 63) / 64
	d.re = make([]lazyRegexp, len(p.Patterns))
	h := sha256.New()
	p.writeCanonical(h)
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	d.hash = "sha256:" + hex.EncodeToString(sum[:16])
	st := newStepper(p)
	hit := make([]uint64, d.patWords)
	for sc := Scope(0); sc < NumScopes; sc++ {
		st.out.clear()
		st.seen.clear()
		st.inject(ScopeAll, false, hit)
		if sc != ScopeAll {
			st.inject(sc, false, hit)
		}
		d.implied[sc] = append([]uint32(nil), st.out.dense...)
		d.isImplied[sc] = make([]bool, len(p.Insts))
		for _, pc := range st.out.dense {
			d.isImplied[sc][pc] = true
		}
	}
	for sc := Scope(0); sc < NumScopes; sc++ {
		d.impliedNext[sc] = make([]stepResult, d.nclasses)
		for c := 0; c < d.nclasses; c++ {
			r := &d.impliedNext[sc][c]
			r.hit = make([]uint64, d.patWords)
			st.out.clear()
			st.seen.clear()
			for _, pc := range d.implied[sc] {
				in := &p.Insts[pc]
				if in.Op == OpByte && p.Sets[in.Arg].Has(d.rep[c]) {
					st.follow(in.Next, false, false, false, r.hit)
				}
			}
			r.pcs = append([]uint32(nil), st.out.dense...)
		}
	}
	// The pool's machines share one DFA cache, which outlives any of
	// them a GC takes from the pool.
	var root *Machine
	var once sync.Once
	p.pool.New = func() any {
		once.Do(func() { root = NewMachine(p) })
		return root.Share()
	}
}

// validate refuses a program whose links point outside it, so a damaged
// artifact fails to load instead of panicking in Match.
func (p *Program) validate() error {
	n := uint32(len(p.Insts))
	for i, in := range p.Insts {
		switch in.Op {
		case OpByte:
			if int(in.Arg) >= len(p.Sets) || in.Next >= n {
				return fmt.Errorf("instruction %d: bad operand", i)
			}
		case OpSplit:
			if in.Next >= n || in.Alt >= n {
				return fmt.Errorf("instruction %d: bad link", i)
			}
		case OpNop, OpBegin, OpEnd:
			if in.Next >= n {
				return fmt.Errorf("instruction %d: bad link", i)
			}
		case OpMatch:
			if int(in.Arg) >= len(p.Patterns) {
				return fmt.Errorf("instruction %d: bad pattern", i)
			}
		case OpFail:
		default:
			return fmt.Errorf("instruction %d: invalid opcode %d", i, in.Op)
		}
	}
	for i, pt := range p.Patterns {
		_ = i
		if pt.Start >= n || pt.Scope >= NumScopes {
			return fmt.Errorf("pattern %d: bad start or scope", i)
		}
	}
	for i, r := range p.Rules {
		if r.Label < 0 || r.Label >= len(p.Labels) {
			return fmt.Errorf("rule %d: bad label", i)
		}
		depth := 0
		for _, c := range r.Cond {
			switch c.Op {
			case CondPat:
				if int(c.Arg) >= len(p.Patterns) {
					return fmt.Errorf("rule %d: bad pattern", i)
				}
				depth++
			case CondNot:
				if depth < 1 {
					return fmt.Errorf("rule %d: bad condition", i)
				}
			case CondAnd, CondOr:
				if depth < 2 {
					return fmt.Errorf("rule %d: bad condition", i)
				}
				depth--
			default:
				return fmt.Errorf("rule %d: bad condition op", i)
			}
			if depth > 64 {
				return fmt.Errorf("rule %d: condition too deep", i)
			}
		}
		if depth != 1 {
			return fmt.Errorf("rule %d: bad condition", i)
		}
		// Rule.Pattern feeds the early exit (relevant): it must be
		// exactly the patterns the condition names, in order, or a
		// rebuilt artifact could stop a match too soon.
		var want []int
		for _, c := range r.Cond {
			if c.Op == CondPat && !slices.Contains(want, int(c.Arg)) {
				want = append(want, int(c.Arg))
			}
		}
		if !slices.Equal(want, r.Pattern) {
			return fmt.Errorf("rule %d: pattern list does not match its condition", i)
		}
		if r.VerPat >= len(p.Patterns) || (r.VerPat >= 0 && (r.VerCap < 1 || r.VerCap > p.Patterns[r.VerPat].NumCap)) {
			return fmt.Errorf("rule %d: bad version capture", i)
		}
	}
	if p.Default >= len(p.Labels) || p.Default < -1 {
		return fmt.Errorf("bad default label")
	}
	for i, a := range p.Advisories {
		if a.Label < 0 || a.Label >= len(p.Labels) {
			return fmt.Errorf("advisory %d: bad label", i)
		}
	}
	if p.View != ViewDJB && p.View != ViewRaw {
		return fmt.Errorf("bad view %d", p.View)
	}
	return nil
}

// writeCanonical writes the byte form hashed for the content hash: the
// exported fields as JSON, which encoding/json writes deterministically
// (fields in declaration order, no maps). The instructions and byte sets, most of a
// program, are written by hand as encoding/json writes them (its
// reflection made hashing a tenth of loading a rulebase);
// TestCanonicalAgrees checks the bytes against json.Marshal's.
func (p *Program) writeCanonical(w io.Writer) {
	// Where the file was read from is not content: the same rulebase
	// loaded as rules/x.fp, ../rules/x.fp or embedded has one hash.
	rules := make([]Rule, len(p.Rules))
	for i, r := range p.Rules {
		r.File = ""
		rules[i] = r
	}
	// The object encoding/json writes for struct{Name, Version string;
	// View View; Insts []Inst; Sets []ByteSet; Patterns []Pattern; Rules
	// []Rule; Labels []Label; Default int; Advisories []Advisory}: each
	// field's value is written as json.Marshal writes it alone, piece
	// by piece (the hash need not hold it all).
	marshal := func(v any) []byte {
		j, err := json.Marshal(v)
		if err != nil {
			panic(err) // only plain data: cannot fail
		}
		return j
	}
	insts := appendInsts(make([]byte, 0, 40*len(p.Insts)+2), p.Insts)
	sets := appendSets(make([]byte, 0, 90*len(p.Sets)+2), p.Sets)
	fields := []struct {
		name string
		json []byte
	}{{"Name", marshal(p.Name)}, {"Version", marshal(p.Version)}, {"View", marshal(p.View)}, {"Insts", insts}, {"Sets", sets},
		{"Patterns", marshal(p.Patterns)}, {"Rules", marshal(rules)}, {"Labels", marshal(p.Labels)},
		{"Default", marshal(p.Default)}, {"Advisories", marshal(p.Advisories)}}
	for i, f := range fields {
		sep := `,"`
		if i == 0 {
			sep = `{"`
		}
		w.Write([]byte(sep))
		w.Write([]byte(f.name))
		w.Write([]byte(`":`))
		w.Write(f.json)
	}
	w.Write([]byte{'}'})
}

// canonical is the hashed form, as bytes.
func (p *Program) canonical() []byte {
	var b bytes.Buffer
	p.writeCanonical(&b)
	return b.Bytes()
}

// appendInsts appends json.Marshal(insts).
func appendInsts(b []byte, insts []Inst) []byte {
	if insts == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, in := range insts {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"Op":`...)
		b = strconv.AppendUint(b, uint64(in.Op), 10)
		b = append(b, `,"Arg":`...)
		b = strconv.AppendUint(b, uint64(in.Arg), 10)
		b = append(b, `,"Next":`...)
		b = strconv.AppendUint(b, uint64(in.Next), 10)
		b = append(b, `,"Alt":`...)
		b = strconv.AppendUint(b, uint64(in.Alt), 10)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendSets appends json.Marshal(sets).
func appendSets(b []byte, sets []ByteSet) []byte {
	if sets == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range sets {
		if i > 0 {
			b = append(b, ',')
		}
		for k, w := range s {
			if k == 0 {
				b = append(b, '[')
			} else {
				b = append(b, ',')
			}
			b = strconv.AppendUint(b, w, 10)
		}
		b = append(b, ']')
	}
	return append(b, ']')
}

// StepBound bounds the work of one step of the matcher: the NFA
// instructions a step touches (Stats.StepWork counts them) are at most
// 11 per instruction of the program plus one per pattern. A step visits
// each instruction at most once per closure pass (two passes at a reply
// boundary), pops at most two links per visit, and copies each waiting
// thread once in and once out (8); interning the new state reads its
// threads (1); a cache reset re-interns the current state and MatchBatch's
// other streams (up to 5). A symbol (a byte, a reply boundary, the end of
// the text, the start) takes at most two steps: a cache reset repeats one,
// and the NFA fallback repeats the step whose state did not fit. So
// matching a record of n bytes and b replies does at most
// 2(n+b+2)·StepBound work, whatever the text, besides at most one
// decision (two evaluations of every rule's condition) per pattern that
// matches, plus one. doc/language.md states it; FuzzMatch and
// compiler.TestMatchingCost check it.
func (p *Program) StepBound() int { return 11*len(p.Insts) + len(p.Patterns) }

// Hash is the program's content hash, "sha256:" and 32 hex digits. Two
// programs with the same hash classify every transcript alike. It is
// stable across runs and machines.
func (p *Program) Hash() string {
	p.Init()
	return p.d.hash
}
