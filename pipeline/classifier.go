package pipeline

import (
	"sync"

	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/transcript"
	"github.com/smtpfp/smtpfp/view"
	"github.com/smtpfp/smtpfp/vm"
)

// Classifier classifies records one at a time, as they come from a
// scanner (scan.Classifier), with the same view, matcher and class as
// Run. It is safe for concurrent use.
type Classifier struct {
	RB   *rulebase.Rulebase
	pool sync.Pool
	// root's DFA cache is every scratch machine's: one a GC took from
	// the pool leaves its states behind for the next.
	root *vm.Machine
}

// NewClassifier classifies with rb.
func NewClassifier(rb *rulebase.Rulebase) *Classifier {
	return &Classifier{RB: rb, root: vm.NewMachine(rb.Prog)}
}

type scratch struct {
	m      *vm.Machine
	text   []byte
	bounds []vm.Bound
}

// Classify sets rec.Class for a greeted record and clears it for any
// other: only a greeted host has a transcript to classify.
func (c *Classifier) Classify(rec *transcript.Record) {
	if rec.Outcome != transcript.Greeted {
		rec.Class = nil
		return
	}
	s, _ := c.pool.Get().(*scratch)
	if s == nil {
		s = &scratch{m: c.root.Share()}
	}
	in := view.View(rec, c.RB.Prog.View, s.text[:0], s.bounds[:0])
	res := s.m.Match(in)
	s.text, s.bounds = in.Text, in.Bounds
	c.pool.Put(s)
	rec.Class = c.RB.ClassOf(res)
}

var classifiers sync.Map // *rulebase.Rulebase -> *Classifier

// Classify classifies one record with rb, reusing one Classifier (and
// its matchers) per rulebase: for callers with a record now and then.
func Classify(rb *rulebase.Rulebase, rec *transcript.Record) {
	c, ok := classifiers.Load(rb)
	if !ok {
		c, _ = classifiers.LoadOrStore(rb, NewClassifier(rb))
	}
	c.(*Classifier).Classify(rec)
}
