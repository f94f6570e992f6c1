package compiler

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/lang"
	"github.com/smtpfp/smtpfp/vm"
)

// countStatesRef is the exhaustive count that stateCounter.countStates
// replaces, kept as the reference of the tests: it counts the states of the group's determinized automaton
// over bytes, stopping at limit, and the most threads one of them holds.
// For a scoped pattern it starts where a reply of its scope begins.
func (g *group) countStatesRef(limit int) (states, threads int) {
	s := g.newStepper()
	st := s.start()
	for sc := vm.ScopeAll + 1; sc < vm.NumScopes; sc++ {
		if len(g.inject[sc]) > 0 {
			st = s.step(&st, symBound+int(sc))
			break
		}
	}
	index := map[string]bool{}
	var kb []byte
	queue := []astate{st}
	kb = st.key(kb)
	index[string(kb)] = true
	for i := 0; i < len(queue) && len(index) < limit; i++ {
		for _, b := range g.reps {
			next := s.step(&queue[i], int(b))
			kb = next.key(kb)
			if !index[string(kb)] {
				index[string(kb)] = true
				queue = append(queue, next)
			}
		}
	}
	for _, st := range queue {
		threads = max(threads, len(st.pcs))
	}
	return len(index), threads
}

// widthRef is the width check as it was before the counts ran in
// parallel on stateCounter: each regex counted in turn with
// group.countStatesRef.
func (c *compiler) widthRef() {
	a := newAutomata(c.p)
	var hs []heavyRegex
	total, budget := 0, widthBudget
	for i := range c.p.Patterns {
		limit := min(widthStates, widthFree+budget)
		n, threads := a.group([]int{i}).countStatesRef(limit)
		budget -= max(0, n-widthFree)
		if n >= limit {
			threads = c.waiting(a, i)
		}
		if threads > FreeThreads {
			total += threads - FreeThreads
			hs = append(hs, heavyRegex{i, threads})
		}
	}
	c.widthDiag(hs, total)
}

// widthDiags compiles src up to the width check and returns what check
// (reference or not) adds; ok is false when the rulebase fails before it.
func widthDiags(t *testing.T, src string, ref bool) (diags []lang.Diagnostic, p *vm.Program, ok bool) {
	t.Helper()
	f, pd := lang.Parse("w.fp", src)
	if lang.HasErrors(pd) {
		return nil, nil, false
	}
	c := &compiler{file: f, p: &vm.Program{Default: -1}, labels: map[string]int{},
		patIndex: map[string]int{}, setIndex: map[vm.ByteSet]uint32{}}
	c.run()
	if lang.HasErrors(c.diags) {
		return nil, nil, false
	}
	before := len(c.diags)
	if ref {
		c.widthRef()
	} else {
		c.width()
	}
	return c.diags[before:], c.p, true
}

// widthCorpus is the rulebases of the differential tests: the shipped
// ones, the diag goldens, the #13 hostile shapes (counted repetitions,
// blowups that spend the rulebase-wide budget, many small regexes) and
// random ones.
func widthCorpus(t *testing.T) []string {
	var srcs []string
	for _, glob := range []string{"../rules/*.fp", "../testdata/golden/diag/*.fp", "../testdata/golden/lint/*.fp"} {
		files, _ := filepath.Glob(glob)
		for _, path := range files {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			srcs = append(srcs, string(b))
		}
	}
	if len(srcs) < 10 {
		t.Fatalf("only %d files", len(srcs))
	}
	rules := func(res ...string) string {
		var b strings.Builder
		for i, re := range res {
			scope := []string{"", "greeting ~ ", "ehlo ~ ", "help ~ "}[i%4]
			fmt.Fprintf(&b, "%s/%s/ -> l%d\n", scope, re, i%3)
		}
		return fuzzHead + b.String() + "default -> l3\n"
	}
	var many []string
	for i := 0; i < 12; i++ {
		many = append(many, fmt.Sprintf("[a-z]{%d}%c", 990-i*70, 'A'+i))
	}
	srcs = append(srcs, rules(many...), rules(many[:3]...), rules(many[11:]...))
	// Blowups of 2^12 states: 120 of them spend the budget, so the later
	// ones are counted to 200 states and get the static bound, and the
	// heavy ones after them too.
	var blow []string
	for i := 0; i < 120; i++ {
		blow = append(blow, fmt.Sprintf("[ab]*a[ab]{11}%d", i))
		if i%10 == 9 {
			blow = append(blow, fmt.Sprintf("[a-z]{%d}Q%d", 10+i/3, i))
		}
	}
	// A long literal: 301 states, 2 threads, 300 waiting instructions.
	// After the blowups it is counted to 200 states and refused by the
	// static bound; before them, accepted.
	lit := strings.Repeat("0123456789abcdefghijklmnopqrstuvwxyz", 9)[:300]
	srcs = append(srcs, rules(blow...), rules(blow[:60]...), rules(append(blow, lit)...), rules(append([]string{lit}, blow...)...))
	// Many classes: the count passes its limit within one state.
	var wide []string
	for i := 0; i < 30; i++ {
		wide = append(wide, fmt.Sprintf("([a-f]|[d-k]|[i-p]|[n-u]|[s-z])*[a-z0-9]{%d}%d[A-Z]{5}", 10+i, i))
	}
	srcs = append(srcs, rules(wide...))
	r := rand.New(rand.NewSource(13))
	for i := 0; i < 300; i++ {
		var res []string
		for k := 0; k < 1+r.Intn(8); k++ {
			re := randERE(r, 3)
			if r.Intn(3) == 0 {
				re = randICaseERE(r, 3, icaseAtoms)
			}
			switch r.Intn(5) {
			case 0:
				re = fmt.Sprintf("(%s){%d}", re, 1+r.Intn(30))
			case 1:
				re = fmt.Sprintf("%s[a-z]{%d,%d}%s", re, r.Intn(20), 20+r.Intn(30), randERE(r, 1))
			}
			res = append(res, re)
		}
		srcs = append(srcs, rules(res...))
	}
	return srcs
}

// TestCountStatesAgree: stateCounter.countStates finds the count and the
// threads group.countStatesRef does, for every regex of the corpus and
// limits small (which stop it within a state's successors) and large.
func TestCountStatesAgree(t *testing.T) {
	compared, stopped := 0, 0
	for _, src := range widthCorpus(t) {
		f, pd := lang.Parse("w.fp", src)
		if lang.HasErrors(pd) {
			continue
		}
		c := &compiler{file: f, p: &vm.Program{Default: -1}, labels: map[string]int{},
			patIndex: map[string]int{}, setIndex: map[vm.ByteSet]uint32{}}
		c.run()
		if lang.HasErrors(c.diags) {
			continue
		}
		a := newAutomata(c.p)
		sc := newStateCounter(a)
		for i := range c.p.Patterns {
			for _, limit := range []int{1, 2, 3, 17, 200, widthStates} {
				if limit > 200 && len(a.pcs[i]) > 400 && compared > 2000 {
					continue // the reference is slow on these; some are enough
				}
				wn, wt := a.group([]int{i}).countStatesRef(limit)
				n, th := sc.countStates(i, limit)
				if n != wn || th != wt {
					t.Fatalf("/%s/ limit %d: %d states, %d threads; reference %d, %d", c.p.Patterns[i].Source, limit, n, th, wn, wt)
				}
				compared++
				if n > limit {
					stopped++
				}
			}
		}
	}
	if stopped == 0 {
		t.Error("no count passed its limit within a state")
	}
	t.Logf("%d counts agree, %d past their limit", compared, stopped)
}

// TestWidthAgree: the width check refuses exactly the rulebases the
// exhaustive one does, with the same diagnostic, and the programs are
// the same.
func TestWidthAgree(t *testing.T) {
	refused := 0
	for _, src := range widthCorpus(t) {
		got, p, ok := widthDiags(t, src, false)
		if !ok {
			continue
		}
		want, wp, _ := widthDiags(t, src, true)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("width check:\n%v\nreference:\n%v\nrules:\n%s", got, want, src)
		}
		if !reflect.DeepEqual(p, wp) {
			t.Fatalf("programs differ:\n%s", src)
		}
		if len(got) > 0 {
			refused++
		}
	}
	if refused < 3 {
		t.Errorf("only %d rulebases refused: the corpus does not test the check", refused)
	}
	t.Logf("%d refused", refused)
}
