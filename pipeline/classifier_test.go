package pipeline

import (
	"sync"
	"testing"

	"github.com/smtpfp/smtpfp/corpus"
	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/transcript"
)

// TestConcurrentClassify: a Classifier (and its rulebase's vm.Program)
// is shared by goroutines; each gets the answers a lone caller gets. Run
// with -race.
func TestConcurrentClassify(t *testing.T) {
	rb, err := rulebase.Load("../rules/djb2001.fp")
	if err != nil {
		t.Fatal(err)
	}
	c := NewClassifier(rb)
	recs := corpus.Generate(11, 2000)
	want := make([]string, len(recs))
	for i := range recs {
		r := recs[i]
		c.Classify(&r)
		if r.Class != nil {
			want[i] = r.Class.Name
		}
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := range recs {
				i := (k*7 + g*131) % len(recs)
				r := recs[i]
				r.Steps = append([]transcript.Step(nil), r.Steps...)
				c.Classify(&r)
				got := ""
				if r.Class != nil {
					got = r.Class.Name
				}
				if got != want[i] {
					errs <- got + " != " + want[i]
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
