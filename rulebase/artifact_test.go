package rulebase

import (
	"testing"

	"github.com/smtpfp/smtpfp/vm"
)

// Every shipped rulebase round-trips through its compiled artifact: the
// strict loader accepts what the writer leaves out (omitempty fields such
// as a single-bound advisory's Op2), and the program keeps its hash.
func TestShippedArtifactsLoad(t *testing.T) {
	for _, name := range []string{"smtp", "djb2001", "djb1996"} {
		rb, err := Load("embedded:" + name + ".fp")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p, err := vm.LoadArtifact(rb.Prog.Artifact())
		if err != nil {
			t.Errorf("%s: the artifact does not load: %v", name, err)
			continue
		}
		if p.Hash() != rb.Hash() {
			t.Errorf("%s: hash %s after the round trip, want %s", name, p.Hash(), rb.Hash())
		}
	}
}
