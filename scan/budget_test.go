package scan

import (
	"bytes"
	"context"
	"net"
	"net/netip"
	"testing"
	"time"

	"github.com/smtpfp/smtpfp/transcript"
)

// tarpit greets and then streams a reply line that never ends.
func tarpit(c *net.TCPConn) {
	b := bytes.Repeat([]byte("x"), 16<<10)
	c.Write([]byte("220 "))
	for {
		if _, err := c.Write(b); err != nil {
			return
		}
	}
}

// TestBudgetTarpits: with far less memory than the sessions would take
// at once, the sessions wait for it and every one still records its
// capped reply, whole; the budget is never exceeded.
func TestBudgetTarpits(t *testing.T) {
	ap := fakeServer(t, tarpit)
	s := testScanner()
	s.Limits.MaxReply = 64 << 10
	s.Concurrency = 40
	reserve := SessionReserve(s.Dialogue, s.Limits)
	s.Memory = reserve + 8*SessionBase // the reserve, and room for a few sessions beside it
	targets := make([]netip.AddrPort, 120)
	for i := range targets {
		targets[i] = ap
	}
	var sink Records
	if _, err := s.Run(context.Background(), &List{Targets: targets}, &sink); err != nil {
		t.Fatal(err)
	}
	if len(sink.All()) != len(targets) {
		t.Fatalf("%d records of %d", len(sink.All()), len(targets))
	}
	for _, r := range sink.All() {
		if r.Outcome != transcript.Greeted || len(r.Steps) != 1 || r.Steps[0].Err != "too long" || len(r.Steps[0].Reply) != s.Limits.MaxReply {
			t.Fatalf("got %s %q, %d bytes", r.Outcome, r.Error, len(r.Greeting()))
		}
	}
	if p := s.MemoryPeak(); p > s.Memory || p < int64(s.Limits.MaxReply) {
		t.Errorf("peak %d bytes of a %d-byte budget", p, s.Memory)
	}
}

// TestBudgetWaits: a lease that cannot grow waits until another gives
// back, and admission waits while a grower does.
func TestBudgetWaits(t *testing.T) {
	b, err := NewBudget(SessionBase*3+1000, 1000)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	l1, _ := b.Admit(ctx)
	l2, _ := b.Admit(ctx)
	l3, _ := b.Admit(ctx)
	// The shared part is spent; l1 takes the reserve.
	if err := l1.Take(ctx, SessionBase+1000); err != nil {
		t.Fatal(err)
	}
	got := make(chan struct{})
	go func() {
		l2.Take(ctx, SessionBase+10) // must wait: the reserve is l1's
		close(got)
	}()
	select {
	case <-got:
		t.Fatal("l2 grew past the budget")
	case <-time.After(50 * time.Millisecond):
	}
	l3.Close()
	select {
	case <-got:
	case <-time.After(5 * time.Second):
		t.Fatal("l2 never got the bytes l3 gave back")
	}
	if b.Peak() > b.Total() {
		t.Errorf("peak %d of %d", b.Peak(), b.Total())
	}
	cctx, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if _, err := b.Admit(cctx); err == nil {
		t.Error("admitted past the budget")
	}
	if _, err := NewBudget(1000, 1000); err == nil {
		t.Error("a budget with no room beside the reserve")
	}
}
