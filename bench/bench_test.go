package bench

import (
	"bytes"
	"fmt"
	"math/rand"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/smtpfp/smtpfp/compiler"
	"github.com/smtpfp/smtpfp/corpus"
	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/transcript"
	"github.com/smtpfp/smtpfp/view"
	"github.com/smtpfp/smtpfp/vm"
)

func inputs(b *testing.B, n int) ([]vm.Input, int64) {
	recs := corpus.Generate(1, n)
	ins := make([]vm.Input, n)
	var size int64
	for i := range recs {
		ins[i] = vm.Input{Text: view.View(&recs[i], vm.ViewDJB, nil, nil).Text}
		size += int64(len(ins[i].Text))
	}
	return ins, size / int64(n)
}

// BenchmarkMatch compares the engines on the seed's rulebase, one
// transcript per op: the lazy DFA, the NFA it falls back to, and Go
// regexps tried in rule order.
func BenchmarkMatch(b *testing.B) {
	rb, err := rulebase.Load("../rules/djb2001.fp")
	if err != nil {
		b.Fatal(err)
	}
	ins, avg := inputs(b, 10000)
	engines := []struct {
		name  string
		match func(vm.Input) vm.Result
	}{
		{"dfa", vm.NewMachine(rb.Prog).Match},
		{"nfa", vm.NewMachineBudget(rb.Prog, 1).Match},
		{"regexp", rb.Prog.MatchRegexp},
	}
	bm := vm.NewMachine(rb.Prog)
	var queue []vm.Input
	out := make([]vm.Result, 64)
	engines = append(engines, struct {
		name  string
		match func(vm.Input) vm.Result
	}{"dfa-batch", func(in vm.Input) vm.Result {
		// Batches of 64, as classify hands them to MatchBatch.
		queue = append(queue, in)
		if len(queue) == len(out) {
			bm.MatchBatch(queue, out)
			queue = queue[:0]
		}
		return out[0]
	}})
	for _, e := range engines {
		b.Run(e.name, func(b *testing.B) {
			// Warm the DFA cache: the steady state is what a survey of
			// millions of records sees.
			for _, in := range ins[:min(len(ins), max(b.N, 100))] {
				e.match(in)
			}
			b.ResetTimer()
			b.SetBytes(avg)
			for i := 0; i < b.N; i++ {
				e.match(ins[i%len(ins)])
			}
		})
	}
}

// lintRules makes a rulebase of n rules in the style of the shipped ones:
// greetings and EHLO replies naming a product and a version, a quarter
// of them combined with a second reply, and one in twenty dead (a more
// specific version of an earlier rule's product). Names are random
// words, so the rules share the common banner text as real ones do.
func lintRules(n int) string {
	r := rand.New(rand.NewSource(int64(n)))
	word := func() string {
		b := make([]byte, 5+r.Intn(6))
		for i := range b {
			b[i] = byte('a' + r.Intn(26))
		}
		b[0] -= 'a' - 'A'
		return string(b)
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "rulebase \"lint%d\" version \"1\"\nview raw\n", n)
	labels := n/10 + 1
	for i := 0; i < labels; i++ {
		fmt.Fprintf(&sb, "label l%d \"L%d\"\n", i, i)
	}
	var names []string
	for i := 0; i < n; i++ {
		l := r.Intn(labels)
		switch {
		case i%20 == 19 && len(names) > 0:
			fmt.Fprintf(&sb, "greeting ~ /ESMTP %s 2\\.[0-9]/ -> l%d\n", names[r.Intn(len(names))], l)
		case i%4 == 1:
			fmt.Fprintf(&sb, "greeting ~ /^220 [^ ]+ %s/ && ehlo ~ /250-%s/ -> l%d\n", word(), strings.ToUpper(word()), l)
		case i%4 == 2:
			fmt.Fprintf(&sb, "ehlo ~ /^250-[^ ]+ %s %s/ -> l%d\n", word(), word(), l)
		default:
			name := word()
			names = append(names, name)
			fmt.Fprintf(&sb, "greeting ~ /ESMTP %s ([0-9.]+)/ -> l%d version $1\n", name, l)
		}
	}
	sb.WriteString("label other \"Other\"\ndefault -> other\n")
	return sb.String()
}

var lintSizes = []int{1000, 4000, 20000}

// BenchmarkLint lints rulebases of 1,000, 4,000 and 20,000 rules: the
// time should grow about linearly with the rules (dead-rule proofs
// compare a rule only with the earlier rules that can match what it
// matches). It checks lint finds the planted dead rules.
func BenchmarkLint(b *testing.B) {
	for _, n := range lintSizes {
		src := lintRules(n)
		b.Run(fmt.Sprintf("rules=%d", n), func(b *testing.B) {
			// CPU seconds as well as wall time: the machine is shared, and
			// CPU time is what the rules cost.
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				p, _, diags, _ := compiler.LintSource("lint.fp", src, compiler.LintOptions{})
				if p == nil {
					b.Fatalf("does not compile: %v", diags[0].Message)
				}
				dead := 0
				for _, d := range diags {
					if d.Code == compiler.CodeDeadRule {
						dead++
					}
				}
				if dead < n/40 {
					b.Fatalf("%d dead rules found, planted about %d", dead, n/20)
				}
			}
			b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkHostile matches one 100 KB lowercase reply with the costliest
// rulebases check accepts of the shape that stalled classification in
// #13 (ten rules greeting ~ /[a-z]{1000}N/, now refused): one
// /[a-z]{260}N/, and ten /[a-z]{40}N/, on the lazy DFA and on the NFA
// fallback (forced). It reports the matcher's step work per byte.
func BenchmarkHostile(b *testing.B) {
	text := []byte("220 " + strings.Repeat("abcdefghijklmnopqrstuvwxyz", 100000/26) + "\r\n")
	in := vm.Input{Text: text, Bounds: []vm.Bound{{Off: 0, Scope: vm.ScopeGreeting}}}
	for _, shape := range []struct{ rules, count int }{{1, 260}, {10, 40}} {
		var sb strings.Builder
		sb.WriteString("rulebase \"hostile\" version \"1\"\nview raw\nlabel x \"X\"\n")
		for i := 0; i < shape.rules; i++ {
			fmt.Fprintf(&sb, "greeting ~ /[a-z]{%d}%c/ -> x\n", shape.count, 'A'+i)
		}
		p, _, diags := compiler.CompileSource("hostile.fp", sb.String())
		if p == nil {
			b.Fatalf("refused: %s", diags[0].Message)
		}
		for _, e := range []struct {
			name   string
			budget int
		}{{"dfa", vm.DefaultBudget}, {"nfa", 1}} {
			b.Run(fmt.Sprintf("%dx%d/%s", shape.rules, shape.count, e.name), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				work := 0
				for i := 0; i < b.N; i++ {
					m := vm.NewMachineBudget(p, e.budget)
					m.Match(in)
					work += m.Stats.StepWork
				}
				b.ReportMetric(float64(work)/float64(b.N*len(text)), "steps/byte")
			})
		}
	}
}

// BenchmarkPipeline runs the pipeline in process on the same
// transcripts as seed lines and as archive records, one record per op:
// the gap between the two is decoding the archive and rendering its view.
func BenchmarkPipeline(b *testing.B) {
	rb, err := rulebase.Load("../rules/djb2001.fp")
	if err != nil {
		b.Fatal(err)
	}
	recs := corpus.Generate(1, 20000)
	var seed, arch bytes.Buffer
	w := transcript.NewWriter(&arch)
	for i := range recs {
		seed.Write(view.View(&recs[i], vm.ViewDJB, nil, nil).Text)
		seed.WriteByte('\n')
		w.Write(&recs[i])
	}
	for _, f := range []struct {
		name   string
		format pipeline.Format
		data   []byte
	}{{"seed", pipeline.Seed, seed.Bytes()}, {"archive", pipeline.Archive, arch.Bytes()}} {
		b.Run(f.name, func(b *testing.B) {
			opt := pipeline.Options{Format: f.format, Rulebases: []*rulebase.Rulebase{rb}, Jobs: 1}
			b.SetBytes(int64(len(f.data) / len(recs)))
			n := 0
			for n < b.N {
				err := pipeline.Run(&pipeline.Input{Name: f.name, R: bytes.NewReader(f.data)}, opt, func(bt *pipeline.Batch) error {
					n += len(bt.Items)
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
