package vm

import (
	"strings"
	"testing"
)

// handmade builds the program for one rule /ab/ -> x by hand: the vm is
// usable (and testable) without the compiler.
func handmade() *Program {
	var a, b ByteSet
	a.Add('a', 'a')
	b.Add('b', 'b')
	return &Program{
		Name: "hand", Version: "1", View: ViewRaw,
		Insts: []Inst{
			{Op: OpFail},
			{Op: OpByte, Arg: 0, Next: 2},
			{Op: OpByte, Arg: 1, Next: 3},
			{Op: OpMatch, Arg: 0},
		},
		Sets:     []ByteSet{a, b},
		Patterns: []Pattern{{Start: 1, Expr: "ab", Source: "ab"}},
		Rules:    []Rule{{Cond: []Cond{{Op: CondPat, Arg: 0}}, Label: 0, VerPat: -1, Pattern: []int{0}}},
		Labels:   []Label{{ID: "x", Name: "X", OS: []string{"UNIX", "Windows"}}},
		Default:  -1,
	}
}

func TestHandmadeProgram(t *testing.T) {
	p := handmade()
	if err := p.Init(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text string
		rule int
	}{{"ab", 0}, {"xxaab", 0}, {"a b", -1}, {"", -1}, {"ba", -1}} {
		if got := p.Match(Input{Text: []byte(tt.text)}).Rule; got != tt.rule {
			t.Errorf("%q: rule %d, want %d", tt.text, got, tt.rule)
		}
		if got := p.MatchRegexp(Input{Text: []byte(tt.text)}).Rule; got != tt.rule {
			t.Errorf("%q: oracle rule %d, want %d", tt.text, got, tt.rule)
		}
	}
	if d := p.Labels[0].Display(); d != "UNIX/Windows X" {
		t.Errorf("display %q", d)
	}
}

// TestValidate: a damaged program is refused by Init, not run.
func TestValidate(t *testing.T) {
	for _, tt := range []struct {
		name string
		edit func(p *Program)
		want string
	}{
		{"link out of range", func(p *Program) { p.Insts[1].Next = 99 }, "bad operand"},
		{"bad set", func(p *Program) { p.Insts[1].Arg = 7 }, "bad operand"},
		{"bad opcode", func(p *Program) { p.Insts[2].Op = 200 }, "invalid opcode"},
		{"bad pattern start", func(p *Program) { p.Patterns[0].Start = 40 }, "bad start"},
		{"bad label", func(p *Program) { p.Rules[0].Label = 3 }, "bad label"},
		{"bad condition", func(p *Program) { p.Rules[0].Cond = []Cond{{Op: CondAnd}} }, "bad condition"},
		{"unbalanced condition", func(p *Program) { p.Rules[0].Cond = append(p.Rules[0].Cond, p.Rules[0].Cond[0]) }, "bad condition"},
		{"bad version capture", func(p *Program) { p.Rules[0].VerPat, p.Rules[0].VerCap = 0, 1 }, "bad version"},
		{"bad default", func(p *Program) { p.Default = 5 }, "bad default"},
		{"pattern list out of range", func(p *Program) { p.Rules[0].Pattern = []int{15} }, "pattern list"},
		{"pattern list short", func(p *Program) { p.Rules[0].Pattern = nil }, "pattern list"},
		{"bad view", func(p *Program) { p.View = 9 }, "bad view"},
	} {
		p := handmade()
		tt.edit(p)
		err := p.Init()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %q", tt.name, err, tt.want)
		}
		if r := p.Match(Input{Text: []byte("ab")}); r.Rule != -1 {
			t.Errorf("%s: a damaged program matched", tt.name)
		}
	}
}
