package scan

import (
	"sync"

	"github.com/smtpfp/smtpfp/transcript"
)

// collect is a Sink that keeps every record.
type collect struct {
	mu   sync.Mutex
	recs []*transcript.Record
}

func (c *collect) Write(r *transcript.Record) error {
	c.mu.Lock()
	c.recs = append(c.recs, r)
	c.mu.Unlock()
	return nil
}

// classifierFunc is a Classifier that calls f.
type classifierFunc func()

func (f classifierFunc) Classify(*transcript.Record) { f() }
