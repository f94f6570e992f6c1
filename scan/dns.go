package scan

import (
	"context"
	"errors"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"
)

// PTR is the result of a reverse lookup, in Record's terms.
type PTR struct {
	Name   string // the first PTR target, without the final dot; "" when none
	Status string // "ok", "nxdomain", "nodata", "servfail", "timeout", "error"
}

// Resolver looks up PTR records. It must be safe for concurrent use.
type Resolver interface {
	LookupPTR(ctx context.Context, a netip.Addr) PTR
}

// DNSResolver asks one recursive resolver over UDP (TCP when an answer is
// truncated), with miekg/dns. It keeps its UDP sockets for reuse: a fresh
// socket per lookup costs three system calls more and, at a thousand
// lookups in flight, runs the loopback out of ephemeral ports quicker.
// A late answer to an abandoned query arrives on a reused socket with a
// stale ID and is skipped (miekg/dns matches IDs; we also match the
// question). The zero value is not usable: set Server.
type DNSResolver struct {
	Server  string        // HOST:PORT of the resolver
	Timeout time.Duration // one try; default 2s
	Retries int           // more tries after a timeout; default 0 when zero

	once sync.Once
	udp  *dns.Client
	tcp  *dns.Client
	mu   sync.Mutex
	idle []*dns.Conn
}

func (r *DNSResolver) init() {
	r.once.Do(func() {
		t := r.Timeout
		if t <= 0 {
			t = 2 * time.Second
		}
		r.udp = &dns.Client{Net: "udp", Timeout: t, UDPSize: 1232}
		r.tcp = &dns.Client{Net: "tcp", Timeout: t}
	})
}

func (r *DNSResolver) getConn(ctx context.Context) (*dns.Conn, error) {
	r.mu.Lock()
	if n := len(r.idle); n > 0 {
		c := r.idle[n-1]
		r.idle = r.idle[:n-1]
		r.mu.Unlock()
		return c, nil
	}
	r.mu.Unlock()
	return r.udp.DialContext(ctx, r.Server)
}

func (r *DNSResolver) putConn(c *dns.Conn) {
	r.mu.Lock()
	if len(r.idle) < 4096 {
		r.idle = append(r.idle, c)
		c = nil
	}
	r.mu.Unlock()
	if c != nil {
		c.Close()
	}
}

// Close closes the idle sockets.
func (r *DNSResolver) Close() error {
	r.mu.Lock()
	idle := r.idle
	r.idle = nil
	r.mu.Unlock()
	for _, c := range idle {
		c.Close()
	}
	return nil
}

// Exchange asks one question (recursion desired) with retries after
// timeouts. It returns the answer or the status explaining its absence.
func (r *DNSResolver) Exchange(ctx context.Context, name string, qtype uint16) (*dns.Msg, string) {
	r.init()
	q := new(dns.Msg)
	q.SetQuestion(dns.Fqdn(name), qtype)
	q.RecursionDesired = true
	status := "timeout"
	for try := 0; try <= r.Retries; try++ {
		if ctx.Err() != nil {
			return nil, "timeout"
		}
		q.Id = dns.Id()
		c, err := r.getConn(ctx)
		if err != nil {
			return nil, "error"
		}
		m, _, err := r.udp.ExchangeWithConnContext(ctx, q, c)
		if err == nil && !sameQuestion(m, q) {
			// A stale answer whose ID collided: try again on a new socket.
			c.Close()
			continue
		}
		if err != nil {
			c.Close()
			if isTimeout(err) {
				status = "timeout"
				continue
			}
			return nil, "error"
		}
		r.putConn(c)
		if m.Truncated {
			if tm, _, err := r.tcp.ExchangeContext(ctx, q, r.Server); err == nil {
				m = tm
			}
		}
		return m, rcodeStatus(m)
	}
	return nil, status
}

func sameQuestion(m, q *dns.Msg) bool {
	return len(m.Question) == 1 && len(q.Question) == 1 &&
		m.Question[0].Qtype == q.Question[0].Qtype &&
		strings.EqualFold(m.Question[0].Name, q.Question[0].Name)
}

func rcodeStatus(m *dns.Msg) string {
	switch m.Rcode {
	case dns.RcodeSuccess:
		return "ok"
	case dns.RcodeNameError:
		return "nxdomain"
	case dns.RcodeServerFailure:
		return "servfail"
	}
	return "error"
}

// LookupPTR asks for the PTR record of a.
func (r *DNSResolver) LookupPTR(ctx context.Context, a netip.Addr) PTR {
	name, err := dns.ReverseAddr(a.String())
	if err != nil {
		return PTR{Status: "error"}
	}
	m, status := r.Exchange(ctx, name, dns.TypePTR)
	if status != "ok" {
		return PTR{Status: status}
	}
	for _, rr := range m.Answer {
		if p, ok := rr.(*dns.PTR); ok {
			return PTR{Name: strings.TrimSuffix(p.Ptr, "."), Status: "ok"}
		}
	}
	return PTR{Status: "nodata"}
}

// SystemResolver returns HOST:PORT of the first nameserver in a
// resolv.conf file (normally /etc/resolv.conf). Tests never call it.
func SystemResolver(path string) (string, error) {
	cc, err := dns.ClientConfigFromFile(path)
	if err != nil {
		return "", err
	}
	if len(cc.Servers) == 0 {
		return "", errors.New(path + ": no nameserver")
	}
	return joinHostPort(cc.Servers[0], cc.Port), nil
}

func joinHostPort(h, p string) string {
	if strings.Contains(h, ":") {
		return "[" + h + "]:" + p
	}
	return h + ":" + p
}
