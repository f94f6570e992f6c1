package scan

import (
	"context"
	"net/netip"
	"sync"
	"time"
)

// pacer spaces events rate per second apart, globally: each caller is
// given the next free slot and sleeps until it. Slots not used are not
// saved up beyond one second's worth, so a stall is not followed by a
// burst.
type pacer struct {
	mu       sync.Mutex
	interval time.Duration
	next     time.Time
}

func newPacer(rate float64) *pacer {
	if rate <= 0 {
		return nil
	}
	return &pacer{interval: time.Duration(float64(time.Second) / rate)}
}

func (p *pacer) wait(ctx context.Context) error {
	if p == nil {
		return nil
	}
	return sleepUntil(ctx, p.slot(time.Now()))
}

// slot hands out the next free slot at or after now's second-old floor.
func (p *pacer) slot(now time.Time) time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	if floor := now.Add(-time.Second); p.next.Before(floor) {
		p.next = floor
	}
	slot := p.next
	p.next = p.next.Add(p.interval)
	return slot
}

func sleepUntil(ctx context.Context, t time.Time) error {
	d := time.Until(t)
	if d <= 0 {
		return ctx.Err()
	}
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-tm.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// netCap allows at most max connections per second to any one /24 (IPv4)
// or /48 (IPv6): a caller over the cap waits for the next second. Whole
// seconds, not a sliding window, keep it to one map entry per network
// seen in the current second; older entries are dropped when a new
// second starts.
type netCap struct {
	mu  sync.Mutex
	max int
	sec int64
	n   map[netip.Prefix]int
}

func newNetCap(max int) *netCap {
	if max <= 0 {
		return nil
	}
	return &netCap{max: max, n: make(map[netip.Prefix]int)}
}

func netOf(a netip.Addr) netip.Prefix {
	bits := 24
	if !a.Is4() {
		bits = 48
	}
	p, _ := a.Prefix(bits)
	return p
}

func (c *netCap) wait(ctx context.Context, a netip.Addr) error {
	if c == nil {
		return nil
	}
	for {
		ok, retry := c.take(a, time.Now())
		if ok {
			return nil
		}
		if err := sleepUntil(ctx, retry); err != nil {
			return err
		}
	}
}

// take counts a connection to a's network in now's second, or says when
// to try again.
func (c *netCap) take(a netip.Addr, now time.Time) (bool, time.Time) {
	key := netOf(a)
	sec := now.Unix()
	c.mu.Lock()
	defer c.mu.Unlock()
	if sec != c.sec {
		c.sec = sec
		clear(c.n)
	}
	if c.n[key] < c.max {
		c.n[key]++
		return true, time.Time{}
	}
	return false, time.Unix(sec+1, 0)
}
