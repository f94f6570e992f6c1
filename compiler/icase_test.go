package compiler

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/vm"
)

// TestIssue9CaseFold: the i flag folds ASCII letters only, as gawk's
// IGNORECASE under LC_ALL=C, and a class that is exactly both cases of a
// letter ([eE], which Go's parser turns into one folded rune) matches both.
func TestIssue9CaseFold(t *testing.T) {
	tests := []struct {
		re, text string
		want     bool
	}{
		{`/[eE]xim/`, "Exim", true},
		{`/[eE]xim/`, "exim", true},
		{`/[eE]xim/`, "EXIM", false},
		{`/exim/i`, "EXIM", true},
		{`/exim/i`, "eXiM 4.96", true},
		{`/Exim/i`, "exim", true},
		{`/[^a]/i`, "A", false},
		{`/[^a]/i`, "b", true},
		{`/[a-c]x/i`, "BX", true},
		{`/[[:upper:]]/i`, "a", true},
		{`/[[:lower:]]/i`, "Q", true},
		{`/\x41/i`, "a", true},
		{"/\xe9/i", "\xc9", false}, // é is not É: bytes, not Latin-1 letters
		{`/slmail/`, "SLmail", false},
		{`/slmail/i`, "SLmail", true},
	}
	for _, tt := range tests {
		src := fmt.Sprintf("rulebase \"t\" version \"1\"\nview raw\nlabel y \"Y\"\n%s -> y\n", tt.re)
		p, f, diags := CompileSource("t.fp", src)
		if p == nil {
			t.Fatalf("%s: %s", tt.re, f.Source.Render(diags[0]))
		}
		got := vm.NewMachine(p).Match(vm.Input{Text: []byte(tt.text)}).Rule == 0
		if got != tt.want {
			t.Errorf("%s on %q: got %v, want %v (Go form %s)", tt.re, tt.text, got, tt.want, p.Patterns[0].Expr)
		}
	}
}

// TestIssue9EnginesAgreeFold: random rulebases whose regexes all carry
// the i flag, over transcripts in mixed case: the lazy DFA, the NFA
// fallback and the Go regexp oracle pick the same rule.
func TestIssue9EnginesAgreeFold(t *testing.T) {
	r := rand.New(rand.NewSource(9))
	fold := strings.NewReplacer("/ ->", "/i ->", "/ &&", "/i &&", "/ ||", "/i ||", "/)", "/i)")
	for iter := 0; iter < 150; iter++ {
		src := fold.Replace(randRulebase(r, 1+r.Intn(6)))
		p, f, diags := CompileSource("rand.fp", src)
		if p == nil {
			for _, d := range diags {
				t.Log(f.Source.Render(d))
			}
			t.Fatalf("random rulebase does not compile:\n%s", src)
		}
		if !strings.Contains(src, "/i ") && !strings.Contains(src, "/i)") {
			t.Fatalf("no i flag in:\n%s", src)
		}
		dfa, nfa := vm.NewMachine(p), vm.NewMachineBudget(p, 1)
		for k := 0; k < 60; k++ {
			in := randInput(r)
			for i, c := range in.Text {
				if r.Intn(2) == 0 && c >= 'a' && c <= 'z' {
					in.Text[i] = c - 'a' + 'A'
				} else if r.Intn(2) == 0 && c >= 'A' && c <= 'Z' {
					in.Text[i] = c - 'A' + 'a'
				}
			}
			want := p.MatchRegexp(in)
			if got, gotNFA := dfa.Match(in), nfa.Match(in); got.Rule != want.Rule || gotNFA.Rule != want.Rule {
				t.Fatalf("rulebase:\n%s\ninput %q: dfa rule %d, nfa rule %d, oracle rule %d", src, in.Text, got.Rule, gotNFA.Rule, want.Rule)
			}
		}
	}
}
