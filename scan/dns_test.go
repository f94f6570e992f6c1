package scan

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/miekg/dns"
)

// startDNS runs a miekg/dns server on 127.0.0.1 (UDP and TCP on the same
// port) until the test ends, and returns its HOST:PORT.
func startDNS(t testing.TB, h dns.HandlerFunc) string {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", pc.LocalAddr().String())
	if err != nil {
		t.Fatal(err)
	}
	udp := &dns.Server{PacketConn: pc, Handler: h}
	tcp := &dns.Server{Listener: ln, Handler: h}
	var wg sync.WaitGroup
	for _, s := range []*dns.Server{udp, tcp} {
		started := make(chan struct{})
		s.NotifyStartedFunc = func() { close(started) }
		wg.Add(1)
		go func() { defer wg.Done(); s.ActivateAndServe() }()
		<-started
	}
	t.Cleanup(func() { udp.Shutdown(); tcp.Shutdown(); wg.Wait() })
	return pc.LocalAddr().String()
}

// ptrZone answers PTR questions for 127.0.0.0/8 by the last octet:
// 1 has a PTR, 2 is NXDOMAIN, 3 SERVFAIL, 4 never answered, 5 NOERROR
// without a PTR, 6 answered only on the second try, 7 answered only over
// TCP (truncated over UDP), 8 a CNAME then a PTR (RFC 2317).
func ptrZone(tries *sync.Map) dns.HandlerFunc {
	return func(w dns.ResponseWriter, q *dns.Msg) {
		m := new(dns.Msg)
		m.SetReply(q)
		name := q.Question[0].Name
		last := strings.SplitN(name, ".", 2)[0]
		_, isTCP := w.RemoteAddr().(*net.TCPAddr)
		switch last {
		case "1":
			m.Answer = append(m.Answer, &dns.PTR{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypePTR, Class: dns.ClassINET, Ttl: 60}, Ptr: "mail.loopback.test."})
		case "2":
			m.Rcode = dns.RcodeNameError
		case "3":
			m.Rcode = dns.RcodeServerFailure
		case "4":
			return
		case "5":
		case "6":
			n, _ := tries.LoadOrStore(name, new(atomic.Int32))
			if n.(*atomic.Int32).Add(1) == 1 {
				return
			}
			m.Answer = append(m.Answer, &dns.PTR{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypePTR, Class: dns.ClassINET, Ttl: 60}, Ptr: "second.try.test."})
		case "7":
			if !isTCP {
				m.Truncated = true
				break
			}
			m.Answer = append(m.Answer, &dns.PTR{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypePTR, Class: dns.ClassINET, Ttl: 60}, Ptr: "over.tcp.test."})
		case "8":
			alias := "8.0/25.0.0.127.in-addr.arpa."
			m.Answer = append(m.Answer,
				&dns.CNAME{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeCNAME, Class: dns.ClassINET, Ttl: 60}, Target: alias},
				&dns.PTR{Hdr: dns.RR_Header{Name: alias, Rrtype: dns.TypePTR, Class: dns.ClassINET, Ttl: 60}, Ptr: "classless.test."})
		}
		w.WriteMsg(m)
	}
}

func TestLookupPTR(t *testing.T) {
	var tries sync.Map
	server := startDNS(t, ptrZone(&tries))
	r := &DNSResolver{Server: server, Timeout: 150 * time.Millisecond, Retries: 1}
	defer r.Close()
	var got []string
	for i := 1; i <= 8; i++ {
		a := netip.AddrFrom4([4]byte{127, 0, 0, byte(i)})
		p := r.LookupPTR(context.Background(), a)
		got = append(got, fmt.Sprintf("%v %s %q", a, p.Status, p.Name))
	}
	want := `127.0.0.1 ok "mail.loopback.test"
127.0.0.2 nxdomain ""
127.0.0.3 servfail ""
127.0.0.4 timeout ""
127.0.0.5 nodata ""
127.0.0.6 ok "second.try.test"
127.0.0.7 ok "over.tcp.test"
127.0.0.8 ok "classless.test"`
	if g := strings.Join(got, "\n"); g != want {
		t.Errorf("got\n%s\nwant\n%s", g, want)
	}
}

// Without retries, the unanswered first try is a timeout.
func TestLookupPTRNoRetry(t *testing.T) {
	var tries sync.Map
	r := &DNSResolver{Server: startDNS(t, ptrZone(&tries)), Timeout: 100 * time.Millisecond}
	if p := r.LookupPTR(context.Background(), netip.MustParseAddr("127.0.0.6")); p.Status != "timeout" {
		t.Errorf("got %+v, want a timeout", p)
	}
}

// Many lookups at once over reused sockets: every one answered, each with
// its own name (a stale or crossed answer would give another's name).
func TestLookupPTRConcurrent(t *testing.T) {
	server := startDNS(t, func(w dns.ResponseWriter, q *dns.Msg) {
		m := new(dns.Msg)
		m.SetReply(q)
		name := q.Question[0].Name
		m.Answer = append(m.Answer, &dns.PTR{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypePTR, Class: dns.ClassINET, Ttl: 60}, Ptr: "h-" + name})
		w.WriteMsg(m)
	})
	r := &DNSResolver{Server: server, Timeout: time.Second, Retries: 2}
	defer r.Close()
	var wg sync.WaitGroup
	var bad atomic.Int32
	for g := 0; g < 50; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 40; i++ {
				a := netip.AddrFrom4([4]byte{127, byte(g), byte(i), 1})
				rev, _ := dns.ReverseAddr(a.String())
				if p := r.LookupPTR(context.Background(), a); p.Name != strings.TrimSuffix("h-"+rev, ".") {
					bad.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if n := bad.Load(); n > 0 {
		t.Errorf("%d of 2000 lookups lost or crossed", n)
	}
}

func parseIP(s string) net.IP { return net.ParseIP(s).To4() }
