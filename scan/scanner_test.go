package scan

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smtpfp/smtpfp/transcript"
)

// A run over a loopback fleet: every target recorded once, each with its
// outcome, PTR names from a loopback DNS server, classification inline.
func TestRunLoopbackFleet(t *testing.T) {
	good := fakeServer(t, smtpServer("220 good.test ESMTP\r\n", goodReplies, nil, nil))
	drop := fakeServer(t, func(c *net.TCPConn) { c.Close() })
	rej := fakeServer(t, func(c *net.TCPConn) { c.Write([]byte("421 go away\r\n")); c.Close() })
	refused := refusedPort(t)
	server := startDNS(t, ptrZone(nil))
	l := &List{Targets: []netip.AddrPort{good, drop, rej, refused}}
	s := testScanner()
	s.Resolver = &DNSResolver{Server: server, Timeout: 200 * time.Millisecond}
	s.SpecialPTR = true // a resolver the test names
	s.Classifier = classifyFunc(func(r *transcript.Record) {
		r.Class = &transcript.Class{Name: "test " + string(r.Outcome)}
	})
	var sink Records
	sum, err := s.Run(context.Background(), l, &sink)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range sink.All() {
		class := ""
		if r.Class != nil {
			class = r.Class.Name
		}
		got = append(got, fmt.Sprintf("%d %s %s %q %s", r.Port, r.Outcome, r.PTRStatus, r.PTR, class))
	}
	sort.Strings(got)
	want := []string{
		fmt.Sprintf("%d dropped ok \"mail.loopback.test\" ", drop.Port()),
		fmt.Sprintf("%d greeted ok \"mail.loopback.test\" test greeted", good.Port()),
		fmt.Sprintf("%d refused ok \"mail.loopback.test\" ", refused.Port()),
		fmt.Sprintf("%d rejected ok \"mail.loopback.test\" test rejected", rej.Port()),
	}
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var buf strings.Builder
	sum.Elapsed = 0
	sum.Print(&buf)
	wantSum := `4 addresses recorded in 0s (0/s)
4 of the 4 addresses looked up had PTR records; 0 had none.

connections:
       1 rejected with code 421
       1 immediate disconnect
       1 greeted
       1 connection refused

software of the greeted:
       1 test greeted
`
	if buf.String() != wantSum {
		t.Errorf("summary\n%s\nwant\n%s", buf.String(), wantSum)
	}
}

type classifyFunc func(*transcript.Record)

func (f classifyFunc) Classify(r *transcript.Record) { f(r) }

// The scanner never contacts an excluded address, whatever the source
// says: the dialer would fail the test if it were asked.
func TestRunNeverDialsExcluded(t *testing.T) {
	l := &List{Targets: []netip.AddrPort{
		netip.MustParseAddrPort("192.0.2.1:25"), netip.MustParseAddrPort("127.0.0.1:25"),
		netip.MustParseAddrPort("224.0.0.1:25"), netip.MustParseAddrPort("[2001:db8::1]:25"),
	}}
	s := &Scanner{Dialer: dialerFunc(func(ctx context.Context, network, addr string) (net.Conn, error) {
		t.Errorf("dialed %s", addr)
		return nil, fmt.Errorf("no")
	})}
	var sink Records
	sum, err := s.Run(context.Background(), l, &sink)
	if err != nil || sum.Records != 0 || sum.Excluded != 4 {
		t.Errorf("records %d excluded %d err %v", sum.Records, sum.Excluded, err)
	}
	if _, err := s.Scan(context.Background(), netip.MustParseAddrPort("10.0.0.1:25")); err == nil {
		t.Error("Scan of a private address without AllowPrivate did not fail")
	}
}

type dialerFunc func(ctx context.Context, network, addr string) (net.Conn, error)

func (f dialerFunc) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	return f(ctx, network, addr)
}

func TestTruncateTorn(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ in, want string }{
		{"", ""}, {"a\n", "a\n"}, {"a\nb", "a\n"}, {"partial", ""}, {"a\nb\n", "a\nb\n"},
	} {
		p := filepath.Join(dir, "f")
		os.WriteFile(p, []byte(tt.in), 0o644)
		if err := truncateTorn(p); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(p); string(b) != tt.want {
			t.Errorf("%q: got %q, want %q", tt.in, b, tt.want)
		}
	}
}

// countResolver counts its lookups.
type countResolver struct {
	mu  sync.Mutex
	got []string
}

func (r *countResolver) LookupPTR(_ context.Context, a netip.Addr) PTR {
	r.mu.Lock()
	r.got = append(r.got, a.String())
	r.mu.Unlock()
	return PTR{Name: "x.test", Status: "ok"}
}

// TestNoSpecialPTR: loopback, private and other special-purpose addresses
// are not looked up unless the resolver is one the user named
// (SpecialPTR); under RequirePTR they are then not contacted, and say why.
func TestNoSpecialPTR(t *testing.T) {
	good := fakeServer(t, smtpServer("220 good.test ESMTP\r\n", goodReplies, nil, nil))
	for _, named := range []bool{false, true} {
		r := &countResolver{}
		s := testScanner()
		s.Resolver, s.SpecialPTR, s.RequirePTR = r, named, true
		var sink Records
		if _, err := s.Run(context.Background(), &List{Targets: []netip.AddrPort{good}}, &sink); err != nil {
			t.Fatal(err)
		}
		rec, err := s.Scan(context.Background(), good)
		if err != nil {
			t.Fatal(err)
		}
		recs := append(sink.All(), rec)
		for _, rec := range recs {
			switch {
			case !named && (len(r.got) != 0 || rec.Outcome != transcript.Skipped || rec.PTRStatus != "" || !strings.Contains(rec.Error, "not looked up")):
				t.Errorf("system resolver: lookups %q, record %s %q %q", r.got, rec.Outcome, rec.PTRStatus, rec.Error)
			case named && (len(r.got) != 2 || rec.Outcome != transcript.Greeted || rec.PTR != "x.test"):
				t.Errorf("named resolver: lookups %q, record %s %q", r.got, rec.Outcome, rec.PTR)
			}
		}
	}
	// A public address is looked up through any resolver.
	s := &Scanner{Resolver: &countResolver{}}
	var rec transcript.Record
	if done := s.lookup(context.Background(), netip.MustParseAddr("1.1.1.1"), &rec); done || rec.PTR != "x.test" {
		t.Errorf("public address: done %v, ptr %q", done, rec.PTR)
	}
}
