package compiler

import (
	"bytes"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/vm"
)

// fuzzHead declares what the fuzzed rules may name.
const fuzzHead = "rulebase \"fuzz\" version \"1\"\nview raw\nlabel l0 \"L0\"\nlabel l1 \"L1\"\nlabel l2 \"L2\"\nlabel l3 \"L3\"\n"

// fuzzInput makes a transcript of text, with reply bounds from pairs of
// bytes (offset, scope).
func fuzzInput(text, bounds []byte) vm.Input {
	in := vm.Input{Text: text}
	for i := 0; i+1 < len(bounds); i += 2 {
		in.Bounds = append(in.Bounds, vm.Bound{Off: int(bounds[i]) % (len(text) + 1), Scope: vm.Scope(bounds[i+1] % byte(vm.NumScopes))})
	}
	slices.SortStableFunc(in.Bounds, func(a, b vm.Bound) int { return a.Off - b.Off })
	return in
}

// FuzzMatch compiles random rules and matches random transcripts: the
// lazy DFA, the NFA fallback (a 1-byte cache budget) and Go's regexp in
// rule order must pick the same rule; lint's automaton must say which
// patterns match as Go's regexp does; and a rule lint proves dead must
// not win. Compile errors must point inside the file. CI runs it briefly:
//
//	go test ./compiler -run '^$' -fuzz '^FuzzMatch$' -fuzztime 10s
func FuzzMatch(f *testing.F) {
	r := rand.New(rand.NewSource(2001))
	for i := 0; i < 40; i++ {
		var rules strings.Builder
		for k := 0; k < 1+r.Intn(4); k++ {
			fmt.Fprintf(&rules, "%s -> l%d\n", randCond(r, 2), r.Intn(3))
		}
		in := randInput(r)
		var bounds []byte
		for _, b := range in.Bounds {
			bounds = append(bounds, byte(b.Off), byte(b.Scope))
		}
		f.Add(rules.String(), in.Text, bounds)
	}
	f.Fuzz(func(t *testing.T, rules string, text, bounds []byte) {
		if len(rules) > 2000 || len(text) > 4000 || len(bounds) > 64 {
			return
		}
		src := fuzzHead + rules + "\ndefault -> l3\n"
		p, file, diags := CompileSource("f.fp", src)
		for _, d := range diags {
			if d.Span.Start < 0 || d.Span.Start > d.Span.End || d.Span.End > len(src) {
				t.Fatalf("diagnostic span %v outside the file (%d bytes): %s", d.Span, len(src), d.Message)
			}
			file.Source.Render(d)
		}
		if p == nil {
			return
		}
		in := fuzzInput(text, bounds)
		want := p.MatchRegexp(in)
		got := p.Match(in)
		dm, nm := vm.NewMachine(p), vm.NewMachineBudget(p, 1)
		dm.Match(in)
		nfa := nm.Match(in)
		checkCost(t, p, in, dm.Stats, "dfa")
		checkCost(t, p, in, nm.Stats, "nfa")
		if got.Rule != want.Rule || nfa.Rule != want.Rule || got.Version != want.Version || nfa.Version != want.Version {
			t.Fatalf("rules:\n%s\ninput %q bounds %v: dfa rule %d %q, nfa rule %d %q, regexp rule %d %q",
				rules, in.Text, in.Bounds, got.Rule, got.Version, nfa.Rule, nfa.Version, want.Rule, want.Version)
		}
		all := make([]int, len(p.Patterns))
		for i := range all {
			all[i] = i
		}
		hit := newAutomata(p).group(all).run(in)
		exprs := make([]string, len(p.Patterns))
		for i, pt := range p.Patterns {
			exprs[i] = pt.Expr
		}
		keys := indexKeys(exprs)
		for i := range p.Patterns {
			_, _, re := p.PatternSpan(i, in)
			found := len(keys[i]) == 0
			for _, k := range keys[i] {
				found = found || bytes.Contains(in.Text, []byte(k))
			}
			if re && !found {
				t.Fatalf("pattern /%s/ matches %q, which has none of its index keys %q: lint would miss it", p.Patterns[i].Source, in.Text, keys[i])
			}
			if auto := hit[i>>6]&(1<<(uint(i)&63)) != 0; auto != re {
				t.Fatalf("pattern /%s/ on %q %v: lint's automaton %v, regexp %v", p.Patterns[i].Source, in.Text, in.Bounds, auto, re)
			}
		}
		for _, d := range Lint(file, p, LintOptions{MaxStates: 2000, SlowStates: 200}) {
			if d.Code != CodeDeadRule && d.Code != CodeShadowedRule {
				continue
			}
			line, col := file.Source.LineCol(d.Span.Start)
			if got.Rule >= 0 && p.Rules[got.Rule].Line == line && p.Rules[got.Rule].Col == col {
				t.Fatalf("rules:\n%s\nlint says the rule at line %d can never win, but it wins %q %v: %s",
					rules, line, in.Text, in.Bounds, d.Message)
			}
		}
	})
}

// checkCost checks the matching-cost guarantee (vm.Program.StepBound) on
// one record matched by a fresh machine.
func checkCost(t *testing.T, p *vm.Program, in vm.Input, st vm.Stats, engine string) {
	t.Helper()
	symbols := len(in.Text) + len(in.Bounds) + 2
	if bound := 2 * symbols * p.StepBound(); st.StepWork > bound {
		t.Fatalf("%s: %d bytes, %d bounds: step work %d over the bound %d", engine, len(in.Text), len(in.Bounds), st.StepWork, bound)
	}
	if st.Decisions > len(p.Patterns)+1 {
		t.Fatalf("%s: %d decisions for %d patterns", engine, st.Decisions, len(p.Patterns))
	}
}
