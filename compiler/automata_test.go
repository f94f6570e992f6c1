package compiler

import (
	"math/rand"
	"testing"

	"github.com/smtpfp/smtpfp/vm"
)

// TestAutomataAgree runs the lint automaton of every pattern of random
// rulebases over random transcripts: the patterns it says match must be
// those Go's regexp finds, one by one.
func TestAutomataAgree(t *testing.T) {
	r := rand.New(rand.NewSource(6))
	for iter := 0; iter < 200; iter++ {
		src := randRulebase(r, 1+r.Intn(6))
		p, _, _ := CompileSource("rand.fp", src)
		if p == nil {
			t.Fatalf("random rulebase does not compile:\n%s", src)
		}
		a := newAutomata(p)
		all := make([]int, len(p.Patterns))
		for i := range all {
			all[i] = i
		}
		g := a.group(all)
		for k := 0; k < 40; k++ {
			in := randInput(r)
			got := g.run(in)
			for i := range p.Patterns {
				_, _, want := p.PatternSpan(i, in)
				if has := got[i>>6]&(1<<(uint(i)&63)) != 0; has != want {
					t.Fatalf("pattern %d %s /%s/ on %q bounds %v: automaton %v, regexp %v",
						i, p.Patterns[i].Scope, p.Patterns[i].Source, in.Text, in.Bounds, has, want)
				}
			}
		}
	}
}

// TestUncoveredWitness checks the search's answers against the automaton:
// a transcript it finds must be matched by the target and by no other
// pattern of the group.
func TestUncoveredWitness(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	proven := 0
	for iter := 0; iter < 300; iter++ {
		src := randRulebase(r, 2+r.Intn(4))
		p, _, _ := CompileSource("rand.fp", src)
		a := newAutomata(p)
		n := len(p.Patterns)
		target := r.Intn(n)
		pats := []int{target}
		for i := 0; i < n; i++ {
			if i != target && r.Intn(2) == 0 {
				pats = append(pats, i)
			}
		}
		g := a.group(pats)
		res, in := g.uncovered(0, 5000)
		switch res {
		case searchFound:
			got := g.run(in)
			if got[0]&1 == 0 {
				t.Fatalf("%s\nwitness %q %v: target does not match", src, in.Text, in.Bounds)
			}
			if got[0]&^1 != 0 {
				t.Fatalf("%s\nwitness %q %v: a cover matches", src, in.Text, in.Bounds)
			}
		case searchProven:
			proven++
			// No random transcript may break the claim.
			for k := 0; k < 100; k++ {
				in := randInput(r)
				got := g.run(in)
				if got[0]&1 != 0 && got[0]&^1 == 0 {
					t.Fatalf("%s\nproven covered, but %q %v is matched by the target alone", src, in.Text, in.Bounds)
				}
			}
		}
	}
	t.Logf("proven %d of 300", proven)
	if proven == 0 {
		t.Errorf("no random group was proven covered")
	}
	_ = vm.ScopeAll
}
