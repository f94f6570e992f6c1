package world

import (
	"bytes"
	"context"
	"math"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/scan"
	"github.com/smtpfp/smtpfp/transcript"
)

// within reports whether got is within 4 standard deviations of a
// binomial count with n trials and probability p (plus 1 for tiny counts).
func within(got int64, n int64, p float64) bool {
	mean := float64(n) * p
	return math.Abs(float64(got)-mean) <= 4*math.Sqrt(mean*(1-p))+1
}

func TestWorldIsPure(t *testing.T) {
	w1, w2 := DJB2001(9), DJB2001(9)
	other := DJB2001(10)
	same, diff := 0, 0
	for i := 0; i < 20000; i++ {
		a := netip.AddrFrom4([4]byte{byte(i >> 16), byte(i >> 8), byte(i), 7})
		h1, h2 := w1.Host(a), w2.Host(a)
		if h1.PTR != h2.PTR || h1.Behaviour != h2.Behaviour || h1.Case != nil && h2.Case != nil && h1.Case.Addr != h2.Case.Addr {
			t.Fatalf("%v differs between two worlds of one seed", a)
		}
		if h1.PTR == other.Host(a).PTR {
			same++
		} else {
			diff++
		}
	}
	if diff == 0 {
		t.Error("seeds 9 and 10 give the same world")
	}
}

// A survey of the simulated 2001 Internet lands within sampling error of
// the post's counts: PTR share, connection outcomes and software shares.
func TestWorldDJB2001Survey(t *testing.T) {
	const n = 200000
	w := DJB2001(1)
	s := &scan.Scanner{Dialer: w, Resolver: w, RequirePTR: true, Concurrency: 64, DNSConcurrency: 8,
		Dialogue: scan.Standard("scanner.test", "")}
	var sink scan.Records
	sum, err := s.Run(context.Background(), &scan.Random{N: n, Seed: 1}, &sink)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Records != n || len(sink.All()) != n {
		t.Fatalf("%d records, want %d", sum.Records, n)
	}
	ptr := sum.PTR["ok"]
	if !within(ptr, n, 39206.0/1e6) {
		t.Errorf("%d with PTR of %d, want about %.0f", ptr, n, n*39206.0/1e6)
	}
	want := map[string]float64{"timed out": 34036, "connection refused": 4057, "immediate disconnect": 81,
		"rejected with code 572": 31, "rejected with code 421": 23, "reset": 20, "greeted": 958}
	got := map[string]int64{}
	for k, v := range sum.Outcomes {
		got[k.Outcome.Words(k.Code)] += v
	}
	for k, c := range want {
		if !within(got[k], ptr, c/39206) {
			t.Errorf("%s: %d of %d, want about %.0f", k, got[k], ptr, float64(ptr)*c/39206)
		}
	}
	if got["not contacted"] != n-ptr {
		t.Errorf("%d not contacted, want %d", got["not contacted"], n-ptr)
	}
	// Every greeted host ran its dialogue to the end, and serves the
	// software the world gave it with its own name in the replies.
	soft := map[string]int64{}
	for _, r := range sink.All() {
		if r.Outcome != transcript.Greeted {
			continue
		}
		h := w.Host(netip.MustParseAddr(r.Addr))
		soft[h.Software.Name]++
		if len(r.Steps) != 7 || r.Error != "" {
			t.Errorf("%s (%s): %d steps, error %q", r.Addr, h.Software.Name, len(r.Steps), r.Error)
		}
		if h.Case.PTR != "" && strings.Contains(string(r.Greeting()), h.Case.PTR) {
			t.Errorf("%s: greeting still names the case's host %s", r.Addr, h.Case.PTR)
		}
	}
	greeted := got["greeted"]
	for _, sw := range w.Software {
		if !within(soft[sw.Name], greeted, float64(sw.Weight)/958) {
			t.Errorf("%s: %d of %d greeted, want about %.1f", sw.Name, soft[sw.Name], greeted, float64(greeted)*float64(sw.Weight)/958)
		}
	}
}

// cancelAfter is a sink that cancels the survey after n records, as a
// kill would stop it: records of sessions still running are lost.
type cancelAfter struct {
	n      int64
	cancel context.CancelFunc
	next   scan.Sink
	seen   atomic.Int64
}

func (c *cancelAfter) Write(r *transcript.Record) error {
	if c.seen.Add(1) == c.n {
		c.cancel()
	}
	return c.next.Write(r)
}

// Killed, a torn last line, resumed: every target exactly once.
func TestResumeEveryTargetOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "survey.jsonl")
	w := DJB2001(5)
	src := &scan.Random{N: 20000, Seed: 11}
	newScanner := func() *scan.Scanner {
		// RequirePTR off: every address is dialed, and the greeted ones
		// run whole dialogues.
		return &scan.Scanner{Dialer: w, Resolver: w, Concurrency: 32, DNSConcurrency: 8}
	}

	ctx, cancel := context.WithCancel(context.Background())
	a, done, err := scan.OpenArchive(path, true)
	if err != nil || done.Len() != 0 {
		t.Fatalf("open: %v, %d done", err, done.Len())
	}
	sum, err := newScanner().Run(ctx, src, &cancelAfter{n: 7000, cancel: cancel, next: a})
	if err != context.Canceled {
		t.Fatalf("first run: %v", err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	first := sum.Records
	// A kill in the middle of a write leaves half a line.
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"addr":"1.2.3.4","outcome":"gree`)
	f.Close()

	a, done, err = scan.OpenArchive(path, true)
	if err != nil {
		t.Fatal(err)
	}
	if int64(done.Len()) != first {
		t.Errorf("resume found %d records, the first run wrote %d", done.Len(), first)
	}
	s := newScanner()
	s.Skip = done
	sum, err = s.Run(context.Background(), src, a)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if sum.Resumed != first || sum.Records+first != 20000 {
		t.Errorf("second run: %d resumed, %d new; first run %d", sum.Resumed, sum.Records, first)
	}

	in, err := pipeline.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	count := map[string]int{}
	if err := pipeline.Each(in, func(_ int, rec *transcript.Record) error {
		count[rec.Addr]++
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	src.Each(func(t netip.AddrPort) bool { want[t.Addr().String()] = true; return true })
	for a := range want {
		if count[a] != 1 {
			t.Errorf("%s recorded %d times", a, count[a])
		}
	}
	if len(count) != len(want) {
		t.Errorf("archive has %d addresses, want %d", len(count), len(want))
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// The progress line ends with the final count: done/total, the rate and
// the outcomes, rewritten in place with a carriage return.
func TestProgress(t *testing.T) {
	w := DJB2001(3)
	var out lockedBuffer
	s := &scan.Scanner{Dialer: w, Resolver: w, RequirePTR: true, Progress: &scan.Progress{W: &out, Every: time.Hour}}
	if _, err := s.Run(context.Background(), &scan.Random{N: 5000, Seed: 2}, &scan.Records{}); err != nil {
		t.Fatal(err)
	}
	got := out.b.String()
	if !strings.HasPrefix(got, "\r5000/5000 (100.0%) ") || !strings.HasSuffix(got, "\n") ||
		!strings.Contains(got, " skipped:") || !strings.Contains(got, " timeout:") {
		t.Errorf("progress %q", got)
	}
}
