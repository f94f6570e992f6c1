package scan

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"
)

// The limits are tested on a fake clock: tests never wait on time.

func TestPacerSlots(t *testing.T) {
	p := newPacer(4) // one slot every 250ms
	t0 := time.Unix(1000, 0)
	var got []string
	for i := 0; i < 3; i++ {
		got = append(got, p.slot(t0).Sub(t0).String())
	}
	// After a long pause, at most one second of slots is saved up.
	t1 := t0.Add(time.Hour)
	got = append(got, p.slot(t1).Sub(t1).String())
	if g := strings.Join(got, " "); g != "-1s -750ms -500ms -1s" {
		t.Errorf("slots %s", g)
	}
	if newPacer(0) != nil {
		t.Error("rate 0 should mean no pacer")
	}
}

func TestNetCap(t *testing.T) {
	c := newNetCap(2)
	t0 := time.Unix(2000, 100)
	a1, a2, b := netip.MustParseAddr("127.0.0.1"), netip.MustParseAddr("127.0.0.200"), netip.MustParseAddr("127.0.1.1")
	var got []string
	for _, a := range []netip.Addr{a1, a2, a1, b, b, b} {
		ok, retry := c.take(a, t0)
		got = append(got, fmt.Sprint(ok, retry.Sub(t0) > 0))
	}
	ok, _ := c.take(a1, t0.Add(time.Second)) // the next second: allowed again
	got = append(got, fmt.Sprint(ok))
	if g := strings.Join(got, " "); g != "true false true false false true true false true false false true true" {
		t.Errorf("got %s", g)
	}
	if newNetCap(0) != nil {
		t.Error("cap 0 should mean no cap")
	}
}
