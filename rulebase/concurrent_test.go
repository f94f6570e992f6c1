package rulebase

import (
	"sync"
	"testing"

	"github.com/smtpfp/smtpfp/corpus"
	"github.com/smtpfp/smtpfp/transcript"
)

// TestConcurrentClassify: a Rulebase (and its vm.Program) is shared by
// goroutines; each gets the answers a lone caller gets. Run with -race.
func TestConcurrentClassify(t *testing.T) {
	rb := loadDJB(t)
	recs := corpus.Generate(11, 2000)
	want := make([]string, len(recs))
	for i := range recs {
		r := recs[i]
		rb.Classify(&r)
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
				rb.Classify(&r)
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
