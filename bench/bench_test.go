package bench

import (
	"bytes"
	"testing"

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
