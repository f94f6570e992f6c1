package compiler

import (
	"fmt"
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
