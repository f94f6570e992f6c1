package scan

import (
	"context"
	"fmt"
	"sync"
)

// The survey's memory budget.
//
// A reply is capped (Limits.MaxReply), but a thousand servers that each
// stream a capped reply forever would still cost a thousand caps, and the
// servers surveyed would decide how much memory the survey takes. So every
// byte of reply buffer comes out of one Budget for the whole survey:
//
//   - a session is admitted only when the budget can give it SessionBase
//     (its goroutine's stack, its connection, its record and the first
//     replies of an ordinary server, which then never ask again);
//   - a reply that outgrows what the session holds asks the budget for
//     more and waits, with the server's bytes left in the kernel (TCP
//     pushes back), while the budget is spent;
//   - everything a session holds is given back when its record has been
//     written.
//
// Waiting sessions could all hold part of what they need and wait for one
// another for ever. So Reserve, one session's worst case, is kept out of
// the shared part: a session that finds the shared part spent takes the
// reserve, when no other session has it, and is sure to finish; when it
// has, the reserve is free for the next. Admission waits while any
// admitted session waits, so the sessions under way go first.

// DefaultMemory is the budget of a survey when none is given: it fits a
// small machine (a 1 GiB VPS) with room for the rest of the process.
const DefaultMemory = 256 << 20

// SessionBase is what a session is admitted with.
const SessionBase = 16 << 10

// Budget is a survey's memory budget. The zero value is not usable; the
// Scanner makes one from its Memory field.
type Budget struct {
	total, reserve int64

	mu      sync.Mutex
	shared  int64 // given out from the shared part, total-reserve
	resUsed int64 // given out from the reserve, to holder
	holder  *Lease
	growers int // admitted sessions waiting for more
	peak    int64
	wake    chan struct{} // closed and replaced when bytes are given back
}

// NewBudget makes a budget of total bytes, reserve of which is kept for
// one session at a time (its worst case). total must exceed reserve by
// SessionBase at least.
func NewBudget(total, reserve int64) (*Budget, error) {
	if total-reserve < SessionBase {
		return nil, fmt.Errorf("memory budget %d bytes is too small: one session may need %d, and the budget needs %d more for the others",
			total, reserve, SessionBase)
	}
	return &Budget{total: total, reserve: reserve, wake: make(chan struct{})}, nil
}

// Peak is the most the budget has had given out at once.
func (b *Budget) Peak() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.peak
}

// Total is the budget's size in bytes.
func (b *Budget) Total() int64 { return b.total }

// Lease is what one session holds of the budget. A nil Lease is
// unbounded: Take and Give do nothing (Scanner.Scan of one address).
type Lease struct {
	b       *Budget
	held    int64 // from the budget: shared + fromRes
	fromRes int64
	used    int64 // of held, in live buffers
}

// Admit waits until the budget can give a session SessionBase, and
// returns its lease; it fails only when ctx ends.
func (b *Budget) Admit(ctx context.Context) (*Lease, error) {
	l := &Lease{b: b}
	if err := b.acquire(ctx, l, SessionBase, false); err != nil {
		return nil, err
	}
	return l, nil
}

// Take accounts n more bytes of live buffer, waiting for the budget when
// the lease's own slack is used up.
func (l *Lease) Take(ctx context.Context, n int) error {
	if l == nil {
		return nil
	}
	if need := l.used + int64(n) - l.held; need > 0 {
		if err := l.b.acquire(ctx, l, need, true); err != nil {
			return err
		}
	}
	l.used += int64(n)
	return nil
}

// Give accounts n bytes of buffer as dropped: the lease keeps them as
// slack for its next Take.
func (l *Lease) Give(n int) {
	if l != nil {
		l.used = max(0, l.used-int64(n))
	}
}

// Close gives everything back: call it once the session's record is
// written (and its buffers are no longer referenced).
func (l *Lease) Close() {
	if l == nil || l.b == nil {
		return
	}
	b := l.b
	b.mu.Lock()
	b.shared -= l.held - l.fromRes
	b.resUsed -= l.fromRes
	if b.holder == l {
		b.holder = nil
	}
	l.held, l.fromRes, l.used, l.b = 0, 0, 0, nil
	b.broadcast()
	b.mu.Unlock()
}

func (b *Budget) broadcast() {
	close(b.wake)
	b.wake = make(chan struct{})
}

func (b *Budget) acquire(ctx context.Context, l *Lease, n int64, grow bool) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	waiting := false
	defer func() {
		if waiting {
			b.growers--
			if b.growers == 0 {
				b.broadcast() // admissions may go on
			}
		}
	}()
	for {
		if grow || b.growers == 0 {
			if b.shared+n <= b.total-b.reserve {
				b.shared += n
				l.held += n
				b.note()
				return nil
			}
			if grow && (b.holder == nil || b.holder == l) && b.resUsed+n <= b.reserve {
				b.holder = l
				b.resUsed += n
				l.held += n
				l.fromRes += n
				b.note()
				return nil
			}
		}
		if grow && !waiting {
			waiting = true
			b.growers++
		}
		wake := b.wake
		b.mu.Unlock()
		select {
		case <-wake:
		case <-ctx.Done():
		}
		b.mu.Lock()
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

func (b *Budget) note() {
	if u := b.shared + b.resUsed; u > b.peak {
		b.peak = u
	}
}
