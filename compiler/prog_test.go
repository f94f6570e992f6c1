package compiler

import (
	"os"
	"testing"

	"github.com/sebdah/goldie/v2"
	"github.com/smtpfp/smtpfp/vm"
)

// TestProgram pins the compiled form of a small rulebase as its
// disassembly, and checks the artifact round trip and the content hash.
func TestProgram(t *testing.T) {
	src, err := os.ReadFile("../testdata/golden/prog/two-rules.fp")
	if err != nil {
		t.Fatal(err)
	}
	p, f, diags := CompileSource("two-rules.fp", string(src))
	if p == nil {
		t.Fatal(f.Source.Render(diags[0]))
	}
	g := goldie.New(t, goldie.WithFixtureDir("../testdata/golden/prog"), goldie.WithNameSuffix(".golden"))
	g.Assert(t, "two-rules", []byte(p.String()))

	// The same source compiles to the same hash; the artifact loads back
	// to the same program; a damaged one is refused.
	p2, _, _ := CompileSource("../elsewhere/two-rules.fp", string(src))
	if p.Hash() != p2.Hash() {
		t.Errorf("hash depends on where the file was read: %s vs %s", p.Hash(), p2.Hash())
	}
	if want := "sha256:"; len(p.Hash()) != len(want)+32 {
		t.Errorf("hash %q: want sha256: and 32 hex digits", p.Hash())
	}
	art := p.Artifact()
	q, err := vm.LoadArtifact(art)
	if err != nil {
		t.Fatal(err)
	}
	if q.String() != p.String() || q.Hash() != p.Hash() {
		t.Errorf("artifact round trip changed the program")
	}
	in := vm.Input{Text: []byte("220 h ESMTP Sendmail 8.9.3/8.9.3;\r\n214 help\r\n"),
		Bounds: []vm.Bound{{Off: 0, Scope: vm.ScopeGreeting}, {Off: 35, Scope: vm.ScopeHELP}}}
	r1, r2 := p.Match(in), q.Match(in)
	if r1 != r2 || r1.Rule != 1 || r1.Version != "8.9.3" {
		t.Errorf("match: %+v vs %+v", r1, r2)
	}
	for _, tc := range []struct {
		name string
		edit func([]byte) []byte
	}{
		{"flipped byte", func(b []byte) []byte { c := append([]byte(nil), b...); c[len(c)-20] ^= 1; return c }},
		{"truncated", func(b []byte) []byte { return b[:len(b)/2] }},
		{"format", func(b []byte) []byte {
			return []byte(string(b[:len(vm.ArtifactMagic)]) + `{"format":99` + string(b[len(vm.ArtifactMagic)+len(`{"format":1`):]))
		}},
		{"not an artifact", func(b []byte) []byte { return []byte("rulebase \"x\" version \"1\"\n") }},
	} {
		if _, err := vm.LoadArtifact(tc.edit(art)); err == nil {
			t.Errorf("%s: loaded", tc.name)
		}
	}
}
