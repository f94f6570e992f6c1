package pipeline

import (
	"fmt"
	"io"
	"sync"
)

// Problems is the one policy for malformed records: each is skipped, the
// first Max are printed as "PREFIX: FILE: record N: why", the rest only
// counted, so a binary file given by mistake does not flood the
// terminal. Safe for concurrent use.
type Problems struct {
	W      io.Writer
	Prefix string // e.g. "smtpfp: "
	Max    int    // messages printed; 0: DefaultMax

	mu sync.Mutex
	n  int
}

// DefaultMax is how many malformed records are shown before the rest are
// only counted.
const DefaultMax = 5

// Add reports one malformed record.
func (p *Problems) Add(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	max := p.Max
	if max == 0 {
		max = DefaultMax
	}
	if p.n <= max && p.W != nil {
		fmt.Fprintf(p.W, "%s%v\n", p.Prefix, err)
	}
}

// Count is the number of malformed records reported.
func (p *Problems) Count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.n
}

// Close prints how many were not shown, if any, and returns the count.
func (p *Problems) Close() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	max := p.Max
	if max == 0 {
		max = DefaultMax
	}
	if p.n > max && p.W != nil {
		fmt.Fprintf(p.W, "%s... and %d more malformed records (%d in all), not shown\n", p.Prefix, p.n-max, p.n)
	}
	return p.n
}
