package pipeline

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/smtpfp/smtpfp/corpus"
	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/transcript"
)

// TestJobsAgree: the same archive classified by one worker and by
// several, whose machines share one DFA cache per rulebase, gives every
// record the same result, in input order. Run with -race (make race):
// the workers build and read the shared cache at once.
func TestJobsAgree(t *testing.T) {
	var rbs []*rulebase.Rulebase
	for _, path := range []string{"../rules/djb2001.fp", "../rules/smtp.fp"} {
		rb, err := rulebase.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		rbs = append(rbs, rb)
	}
	var buf bytes.Buffer
	w := transcript.NewWriter(&buf)
	recs := corpus.Generate(5, 3000)
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	run := func(jobs int) []string {
		var got []string
		in := &Input{Name: "a.jsonl", R: bytes.NewReader(buf.Bytes())}
		err := Run(in, Options{Rulebases: rbs, Jobs: jobs}, func(b *Batch) error {
			for _, it := range b.Items {
				got = append(got, fmt.Sprint(it.N, it.Addr, it.Res))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	want := run(1)
	if len(want) != len(recs) {
		t.Fatalf("-j 1 gave %d items for %d records", len(want), len(recs))
	}
	for _, jobs := range []int{2, 3} {
		got := run(jobs)
		if len(got) != len(want) {
			t.Fatalf("-j %d: %d items, -j 1 %d", jobs, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("-j %d, item %d: %s; -j 1: %s", jobs, i, got[i], want[i])
			}
		}
	}
}
