package compiler

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/vm"
)

// costCase is one rulebase and record of the cost test.
type costCase struct {
	name, rules string
	in          vm.Input
}

// fuzzCorpus reads FuzzMatch's checked-in corpus and makes its generated
// seeds, as (rules, record) pairs.
func fuzzCorpus(t *testing.T) []costCase {
	files, err := filepath.Glob("testdata/fuzz/FuzzMatch/*")
	if err != nil || len(files) == 0 {
		t.Fatalf("no FuzzMatch corpus: %v", err)
	}
	var cases []costCase
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		var vals []string
		for _, ln := range lines[1:] {
			open := strings.IndexByte(ln, '(')
			v, err := strconv.Unquote(ln[open+1 : len(ln)-1])
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			vals = append(vals, v)
		}
		if len(vals) != 3 {
			t.Fatalf("%s: %d values", path, len(vals))
		}
		cases = append(cases, costCase{filepath.Base(path), vals[0], fuzzInput([]byte(vals[1]), []byte(vals[2]))})
	}
	r := rand.New(rand.NewSource(2001))
	for i := 0; i < 40; i++ {
		var rules strings.Builder
		for k := 0; k < 1+r.Intn(4); k++ {
			fmt.Fprintf(&rules, "%s -> l%d\n", randCond(r, 2), r.Intn(3))
		}
		cases = append(cases, costCase{fmt.Sprintf("seed %d", i), rules.String(), randInput(r)})
	}
	return cases
}

// TestMatchingCost checks the guarantee doc/language.md states: matching
// a record of n bytes and b replies does at most 2(n+b+2)·StepBound work
// (vm.Stats.StepWork), and at most one decision per pattern plus one,
// with the lazy DFA and with the NFA fallback forced. It runs the
// FuzzMatch corpus and the hostile rulebases of #13 that check accepts
// (the ones it refuses are in testdata/golden/diag/too-large), on 100 KB
// replies, and logs the worst work per symbol (go test -v).
func TestMatchingCost(t *testing.T) {
	cases := fuzzCorpus(t)
	corpus := len(cases)
	lower := []byte("220 " + strings.Repeat("abcdefghijklmnopqrstuvwxyz", 100000/26) + "\r\n")
	reply := vm.Input{Text: lower, Bounds: []vm.Bound{{Off: 0, Scope: vm.ScopeGreeting}}}
	hostile := func(n, k int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "greeting ~ /[a-z]{%d}%c/ -> l0\n", k, 'A'+i)
		}
		return b.String()
	}
	cases = append(cases, costCase{"1 x [a-z]{260}", hostile(1, 260), reply},
		costCase{"10 x [a-z]{40}", hostile(10, 40), reply},
		costCase{"a.*b.*c", "/a.*b.*c.*d.*e/ -> l0\n", reply})
	var worst [2]float64 // per symbol: fuzz corpus, hostile rulebases
	var worstName [2]string
	worstRatio := 0.0
	for i, c := range cases {
		kind := 0
		if i >= corpus {
			kind = 1
		}
		src := fuzzHead + c.rules + "\ndefault -> l3\n"
		p, _, diags := CompileSource("c.fp", src)
		if p == nil {
			if len(c.in.Text) == len(lower) {
				t.Fatalf("%s: refused: %s", c.name, diags[0].Message)
			}
			continue
		}
		for _, m := range []*vm.Machine{vm.NewMachine(p), vm.NewMachineBudget(p, 1)} {
			m.Match(c.in)
			checkCost(t, p, c.in, m.Stats, c.name)
			symbols := len(c.in.Text) + len(c.in.Bounds) + 2
			if per := float64(m.Stats.StepWork) / float64(symbols); per > worst[kind] {
				worst[kind], worstName[kind] = per, c.name
			}
			if r := float64(m.Stats.StepWork) / float64(2*symbols*p.StepBound()); r > worstRatio {
				worstRatio = r
			}
		}
	}
	// MatchBatch, as classify runs it, on the fuzz corpus: the bound
	// summed over the batch.
	byRules := map[string][]vm.Input{}
	for _, c := range cases[:corpus] {
		byRules[c.rules] = append(byRules[c.rules], c.in)
	}
	for rules, ins := range byRules {
		p, _, _ := CompileSource("c.fp", fuzzHead+rules+"\ndefault -> l3\n")
		if p == nil {
			continue
		}
		for _, m := range []*vm.Machine{vm.NewMachine(p), vm.NewMachineBudget(p, 1)} {
			var batch []vm.Input
			for len(batch) < 9 { // more than four: slots refill
				batch = append(batch, ins...)
			}
			m.MatchBatch(batch, make([]vm.Result, len(batch)))
			bound := 0
			for _, in := range batch {
				bound += 2 * (len(in.Text) + len(in.Bounds) + 2) * p.StepBound()
			}
			if m.Stats.StepWork > bound {
				t.Errorf("MatchBatch of %d records: step work %d over the bound %d", len(batch), m.Stats.StepWork, bound)
			}
		}
	}
	t.Logf("fuzz corpus (%d cases): worst %.1f instructions touched per symbol (%s)", corpus, worst[0], worstName[0])
	t.Logf("hostile rulebases: worst %.1f per symbol (%s); worst fraction of the bound over all: %.3f", worst[1], worstName[1], worstRatio)
}
