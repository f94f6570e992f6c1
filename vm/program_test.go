package vm

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand"
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

// TestArtifactStrict: an artifact loads only as Artifact wrote it. Keys
// are exact (encoding/json alone matches "name" to Name, and 2 of 400
// mutated files loaded that way), none unknown, missing or repeated, and
// nothing follows the program. Then every single-byte mutation of the
// file (flipping bit 0, or bit 5, which changes a letter's case) is
// refused.
func TestArtifactStrict(t *testing.T) {
	good := handmade().Artifact()
	if _, err := LoadArtifact(good); err != nil {
		t.Fatal(err)
	}
	header := bytes.IndexByte(good[len(ArtifactMagic):], '\n') + len(ArtifactMagic) + 1
	edit := func(old, new string, inHeader bool) []byte {
		b := string(good)
		at := header
		if inHeader {
			at = 0
		}
		i := strings.Index(b[at:], old)
		if i < 0 {
			t.Fatalf("%q not in the artifact", old)
		}
		return []byte(b[:at+i] + new + b[at+i+len(old):])
	}
	for _, tt := range []struct {
		name string
		art  []byte
		want string
	}{
		{"key case", edit(`"Name":`, `"name":`, false), `unknown field "name" in Program`},
		{"header key case", edit(`"format":`, `"Format":`, true), `unknown field "Format" in artifactHeader`},
		{"unknown key", edit(`"Default":`, `"Extra":1,"Default":`, false), `unknown field "Extra" in Program`},
		{"unknown header key", edit(`"hash":`, `"x":1,"hash":`, true), `unknown field "x" in artifactHeader`},
		{"duplicate key", edit(`"Name":"hand",`, `"Name":"hand","Name":"hand",`, false), `duplicate field "Name" in Program`},
		{"duplicate inner key", edit(`"Op":1,`, `"Op":1,"Op":1,`, false), `duplicate field "Op" in Inst`},
		{"missing key", edit(`,"Alt":0}`, `}`, false), `missing field "Alt" in Inst`},
		{"trailing data", append(append([]byte(nil), good...), "{}\n"...), "data after the JSON value"},
		{"object for array", edit(`"Sets":[`, `"Sets":{"a":1},"X":[`, false), "expected an array"},
	} {
		_, err := LoadArtifact(tt.art)
		if err == nil || !errors.Is(err, ErrArtifact) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %q", tt.name, err, tt.want)
		}
	}
	loaded := 0
	for i := len(ArtifactMagic); i < len(good)-1; i++ {
		for _, bit := range []byte{0x01, 0x20} {
			b := append([]byte(nil), good...)
			b[i] ^= bit
			if _, err := LoadArtifact(b); err == nil {
				loaded++
				t.Errorf("flip %#x at %d (%q) loads", bit, i, good[max(0, i-8):min(len(good), i+8)])
			}
		}
	}
	t.Logf("%d mutated artifacts, %d load", 2*(len(good)-1-len(ArtifactMagic)), loaded)
}

// TestCanonicalAgrees: the hashed form, with the instructions and sets
// written by hand, is byte for byte the json.Marshal of the exported
// fields, on random programs (nil and empty slices, the largest values).
func TestCanonicalAgrees(t *testing.T) {
	type plain struct {
		Name, Version string
		View          View
		Insts         []Inst
		Sets          []ByteSet
		Patterns      []Pattern
		Rules         []Rule
		Labels        []Label
		Default       int
		Advisories    []Advisory
	}
	r := rand.New(rand.NewSource(3))
	u32 := func() uint32 { return []uint32{0, 1, 9, 10, 255, 1<<32 - 1, r.Uint32()}[r.Intn(7)] }
	u64 := func() uint64 { return []uint64{0, 1, 1<<64 - 1, r.Uint64(), uint64(r.Uint32())}[r.Intn(5)] }
	for iter := 0; iter < 300; iter++ {
		p := &Program{Name: "n<&>", Version: "1", Default: r.Intn(3) - 1}
		if r.Intn(4) > 0 {
			p.Insts = []Inst{}
			for range r.Intn(20) {
				p.Insts = append(p.Insts, Inst{Op: Opcode(r.Intn(256)), Arg: u32(), Next: u32(), Alt: u32()})
			}
		}
		if r.Intn(4) > 0 {
			p.Sets = []ByteSet{}
			for range r.Intn(5) {
				p.Sets = append(p.Sets, ByteSet{u64(), u64(), u64(), u64()})
			}
		}
		p.Patterns = []Pattern{{Start: u32(), Expr: "a\u2028<", Source: "x"}}
		p.Rules = []Rule{{File: "f.fp", Line: 3, Cond: []Cond{{Op: 1, Arg: u32()}}, Source: "r"}}
		rules := []Rule{p.Rules[0]}
		rules[0].File = ""
		want, err := json.Marshal(plain{p.Name, p.Version, p.View, p.Insts, p.Sets, p.Patterns, rules, p.Labels, p.Default, p.Advisories})
		if err != nil {
			t.Fatal(err)
		}
		if got := p.canonical(); !bytes.Equal(got, want) {
			t.Fatalf("canonical:\n%s\njson.Marshal:\n%s", got, want)
		}
	}
}
