package scan

import (
	"sync"

	"github.com/smtpfp/smtpfp/transcript"
)

// Records is a Sink that keeps every record in memory, in the order Run
// hands them on: for small surveys and tests that look at the records
// afterwards. It is safe for concurrent use.
type Records struct {
	mu   sync.Mutex
	recs []*transcript.Record
}

// Write keeps rec.
func (r *Records) Write(rec *transcript.Record) error {
	r.mu.Lock()
	r.recs = append(r.recs, rec)
	r.mu.Unlock()
	return nil
}

// All returns the records kept so far.
func (r *Records) All() []*transcript.Record {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.recs
}
