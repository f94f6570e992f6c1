package compiler

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/vm"
)

// randERE builds a random awk ERE over a small alphabet, so that random
// texts match it often enough to matter.
func randERE(r *rand.Rand, depth int) string {
	atoms := []string{"a", "b", "M", " ", ".", "[ab]", "[^a]", `\x00`, `\377`, "[[:digit:]M]", "2"}
	if depth <= 0 || r.Intn(3) == 0 {
		return atoms[r.Intn(len(atoms))]
	}
	switch r.Intn(9) {
	case 0:
		return randERE(r, depth-1) + randERE(r, depth-1)
	case 1:
		return "(" + randERE(r, depth-1) + "|" + randERE(r, depth-1) + ")"
	case 2:
		return "(" + randERE(r, depth-1) + ")*"
	case 3:
		return randERE(r, depth-1) + "+"
	case 4:
		return randERE(r, depth-1) + "?"
	case 5:
		return "(" + randERE(r, depth-1) + "){1,2}"
	case 6:
		return "^" + randERE(r, depth-1)
	case 7:
		return randERE(r, depth-1) + "$"
	}
	return randERE(r, depth-1) + randERE(r, depth-1) + randERE(r, depth-1)
}

func randCond(r *rand.Rand, depth int) string {
	if depth <= 0 || r.Intn(2) == 0 {
		re := "/" + randERE(r, 3) + "/"
		if r.Intn(3) == 0 {
			scopes := []string{"greeting", "ehlo", "help"}
			op := " ~ "
			if r.Intn(4) == 0 {
				op = " !~ "
			}
			return scopes[r.Intn(len(scopes))] + op + re
		}
		return re
	}
	switch r.Intn(3) {
	case 0:
		return "!" + randCond(r, depth-1)
	case 1:
		return "(" + randCond(r, depth-1) + " && " + randCond(r, depth-1) + ")"
	}
	return "(" + randCond(r, depth-1) + " || " + randCond(r, depth-1) + ")"
}

func randRulebase(r *rand.Rand, n int) string {
	var b strings.Builder
	b.WriteString("rulebase \"rand\" version \"1\"\nview raw\n")
	for i := 0; i < 4; i++ {
		fmt.Fprintf(&b, "label l%d \"L%d\"\n", i, i)
	}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%s -> l%d\n", randCond(r, 2), r.Intn(3))
	}
	b.WriteString("default -> l3\n")
	return b.String()
}

func randInput(r *rand.Rand) vm.Input {
	alpha := []byte{'a', 'b', 'M', ' ', 0, 0xff, '\n', '2'}
	n := r.Intn(30)
	text := make([]byte, n)
	for i := range text {
		text[i] = alpha[r.Intn(len(alpha))]
	}
	var bounds []vm.Bound
	off := 0
	for _, s := range []vm.Scope{vm.ScopeGreeting, vm.ScopeEHLO, vm.ScopeHELO, vm.ScopeHELP} {
		if r.Intn(4) == 0 || off > n {
			continue
		}
		bounds = append(bounds, vm.Bound{Off: off, Scope: s})
		off += r.Intn(8)
	}
	if r.Intn(10) == 0 && len(bounds) > 1 {
		// Bounds out of order, negative or past the end: the engines
		// must still agree.
		bounds[r.Intn(len(bounds))].Off = r.Intn(n+10) - 5
	}
	return vm.Input{Text: text, Bounds: bounds}
}

// TestEnginesAgree runs random rulebases over random transcripts through
// the lazy DFA, the NFA fallback (forced by a tiny cache budget) and the
// Go regexp oracle; all three must pick the same rule.
func TestEnginesAgree(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	fallbacks := 0
	for iter := 0; iter < 300; iter++ {
		src := randRulebase(r, 1+r.Intn(6))
		p, f, diags := CompileSource("rand.fp", src)
		if p == nil {
			for _, d := range diags {
				t.Log(f.Source.Render(d))
			}
			t.Fatalf("random rulebase does not compile:\n%s", src)
		}
		dfa := vm.NewMachine(p)
		nfa := vm.NewMachineBudget(p, 1)
		var ins []vm.Input
		var wants []int
		for k := 0; k < 60; k++ {
			in := randInput(r)
			want := p.MatchRegexp(in)
			got := dfa.Match(in)
			gotNFA := nfa.Match(in)
			if got.Rule != want.Rule || gotNFA.Rule != want.Rule {
				t.Fatalf("rulebase:\n%s\ninput %q bounds %v: dfa rule %d, nfa rule %d, oracle rule %d",
					src, in.Text, in.Bounds, got.Rule, gotNFA.Rule, want.Rule)
			}
			ins = append(ins, in)
			wants = append(wants, want.Rule)
		}
		// Batched matching, on a warm and a cold cache and with the NFA
		// fallback, must give each transcript its own answer.
		for _, m := range []*vm.Machine{dfa, vm.NewMachine(p), nfa} {
			for start := 0; start < len(ins); {
				n := 1 + r.Intn(9)
				end := min(start+n, len(ins))
				out := make([]vm.Result, end-start)
				m.MatchBatch(ins[start:end], out)
				for j := range out {
					if out[j].Rule != wants[start+j] {
						t.Fatalf("rulebase:\n%s\nbatch of %d, input %q: got %d, want %d", src, end-start,
							ins[start+j].Text, out[j].Rule, wants[start+j])
					}
				}
				start = end
			}
		}
		fallbacks += nfa.Stats.Fallbacks
	}
	if fallbacks < 1000 {
		t.Fatalf("tiny budget forced the NFA fallback only %d times", fallbacks)
	}
}

// TestBlowupBounded: a pattern whose DFA has 2^15 states cannot blow the
// cache: with a 256 KB budget the machine resets, falls back to the NFA
// when resets come too fast, and every answer still matches the oracle.
func TestBlowupBounded(t *testing.T) {
	src := "rulebase \"b\" version \"1\"\nview raw\nlabel x \"X\"\n/a[ab][ab][ab][ab][ab][ab][ab][ab][ab][ab][ab][ab][ab][ab]c/ -> x\n"
	p, f, diags := CompileSource("b.fp", src)
	if p == nil {
		t.Fatal(f.Source.Render(diags[0]))
	}
	r := rand.New(rand.NewSource(7))
	const budget = 256 << 10
	m := vm.NewMachineBudget(p, budget)
	for i := 0; i < 40; i++ {
		text := make([]byte, 20000)
		for k := range text {
			text[k] = "ab"[r.Intn(2)]
		}
		if i%2 == 0 {
			text[r.Intn(len(text))] = 'c'
		}
		in := vm.Input{Text: text}
		if got, want := m.Match(in).Rule, p.MatchRegexp(in).Rule; got != want {
			t.Fatalf("text %d: got rule %d, oracle %d", i, got, want)
		}
	}
	if m.Stats.Resets == 0 {
		t.Errorf("the cache never filled: %+v", m.Stats)
	}
	// Right after a reset a few states are admitted whatever the budget
	// (the current ones); beyond that the charge stays under it.
	if m.Stats.MaxMem > budget+4096 {
		t.Errorf("cache grew to %d bytes, budget %d", m.Stats.MaxMem, budget)
	}
	if m.Stats.MaxStates < 100 {
		t.Errorf("only %d states: the test does not fill the cache", m.Stats.MaxStates)
	}
	t.Logf("%+v", m.Stats)
}

// TestSharedCache: machines sharing one DFA cache (Machine.Share), each
// on its own goroutine, give every transcript the oracle's answer, also
// when the cache is small enough that they reset it under each other
// (run with -race: make check does).
func TestSharedCache(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	blowup := "rulebase \"b\" version \"1\"\nview raw\nlabel x \"X\"\nlabel y \"Y\"\n" +
		"/a[ab][ab][ab][ab][ab][ab][ab][ab][ab][ab]c/ -> x\n/b[ab][ab][ab][ab][ab][ab][ab]c/ -> y\n"
	resets := 0
	for iter := 0; iter < 20; iter++ {
		src := randRulebase(r, 1+r.Intn(6))
		var ins []vm.Input
		for k := 0; k < 80; k++ {
			ins = append(ins, randInput(r))
		}
		if iter%4 == 0 {
			src = blowup
			ins = ins[:0]
			for k := 0; k < 40; k++ {
				text := make([]byte, 2000+r.Intn(3000))
				for i := range text {
					text[i] = "ab"[r.Intn(2)]
				}
				text[r.Intn(len(text))] = 'c'
				ins = append(ins, vm.Input{Text: text})
			}
		}
		p, f, diags := CompileSource("rand.fp", src)
		if p == nil {
			t.Fatalf("%s\n%s", src, f.Source.Render(diags[0]))
		}
		wants := make([]int, len(ins))
		for i, in := range ins {
			wants[i] = p.MatchRegexp(in).Rule
		}
		budget := []int{vm.DefaultBudget, 64 << 10, 16 << 10, 1}[r.Intn(4)]
		first := vm.NewMachineBudget(p, budget)
		ms := []*vm.Machine{first, first.Share(), first.Share(), first.Share()}
		errs := make(chan string, len(ms))
		for w, m := range ms {
			go func() {
				rw := rand.New(rand.NewSource(int64(iter*10 + w)))
				for round := 0; round < 3; round++ {
					for start := 0; start < len(ins); {
						end := min(start+1+rw.Intn(9), len(ins))
						out := make([]vm.Result, end-start)
						if end-start == 1 && rw.Intn(2) == 0 {
							out[0] = m.Match(ins[start])
						} else {
							m.MatchBatch(ins[start:end], out)
						}
						for j := range out {
							if out[j].Rule != wants[start+j] {
								errs <- fmt.Sprintf("machine %d, budget %d, rulebase:\n%s\ninput %q: got rule %d, oracle %d",
									w, budget, src, ins[start+j].Text, out[j].Rule, wants[start+j])
								return
							}
						}
						start = end
					}
				}
				errs <- ""
			}()
		}
		for range ms {
			if e := <-errs; e != "" {
				t.Fatal(e)
			}
		}
		for _, m := range ms {
			resets += m.Stats.Resets
		}
	}
	t.Logf("%d resets", resets)
	if resets < 20 {
		t.Fatalf("the shared caches were reset only %d times: the test does not exercise resets", resets)
	}
}
