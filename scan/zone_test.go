package scan

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"
)

const testZone = `$ORIGIN test.
$TTL 86400
@        IN SOA a.nic.test. hostmaster.nic.test. 1 7200 3600 604800 86400
@        IN NS  a.nic.test.
a.nic    IN A   127.0.1.1
alpha    IN NS  ns1.alpha
ns1.alpha IN A  127.0.2.1
beta     IN NS  ns.elsewhere.example.
beta     IN NS  ns2.elsewhere.example.
gamma    IN NS  ns1.alpha
docs     IN NS  ns.docs
ns.docs  IN A   192.0.2.53
`

func TestZoneTargets(t *testing.T) {
	var z Zone
	if err := z.ReadZone("test.zone", strings.NewReader(testZone), "test."); err != nil {
		t.Fatal(err)
	}
	if g := fmt.Sprint(z.Glue, z.Domains); g != "[127.0.1.1 127.0.2.1 192.0.2.53] [alpha.test. beta.test. docs.test. gamma.test.]" {
		t.Errorf("parsed %s", g)
	}
	// The loopback resolver: alpha has an MX, beta only an A, gamma
	// shares alpha's address (deduplicated), docs points at documentation
	// space (excluded).
	server := startDNS(t, func(w dns.ResponseWriter, q *dns.Msg) {
		m := new(dns.Msg)
		m.SetReply(q)
		hdr := dns.RR_Header{Name: q.Question[0].Name, Class: dns.ClassINET, Ttl: 60, Rrtype: q.Question[0].Qtype}
		a := map[string]string{"alpha.test.": "127.0.3.1", "mx.alpha.test.": "127.0.3.2", "beta.test.": "127.0.4.1", "gamma.test.": "127.0.3.1", "docs.test.": "198.51.100.7"}
		switch q.Question[0].Qtype {
		case dns.TypeMX:
			if q.Question[0].Name == "alpha.test." {
				m.Answer = append(m.Answer, &dns.MX{Hdr: hdr, Preference: 10, Mx: "mx.alpha.test."})
			}
		case dns.TypeA:
			if ip, ok := a[q.Question[0].Name]; ok {
				m.Answer = append(m.Answer, &dns.A{Hdr: hdr, A: parseIP(ip)})
			} else {
				m.Rcode = dns.RcodeNameError
			}
		}
		w.WriteMsg(m)
	})
	res := &DNSResolver{Server: server, Timeout: time.Second}
	got, look := z.Addresses(context.Background(), res, 4, &Exclusions{AllowPrivate: true})
	if g := fmt.Sprint(got); g != "[127.0.1.1 127.0.2.1 127.0.3.1 127.0.3.2 127.0.4.1]" {
		t.Errorf("got %s", g)
	}
	// NXDOMAIN is an answer: nothing failed. (4 MX, 5 A: mx.alpha too.)
	if look.N != 9 || look.Failures() != 0 {
		t.Errorf("lookups %d, failed %d (%v)", look.N, look.Failures(), look)
	}
	// Without lookups: the glue only.
	if g, _ := z.Addresses(context.Background(), nil, 0, &Exclusions{AllowPrivate: true}); fmt.Sprint(g) != "[127.0.1.1 127.0.2.1]" {
		t.Errorf("glue only: got %s", g)
	}
	// A resolver that fails every lookup: each failure is counted.
	bad := startDNS(t, func(w dns.ResponseWriter, q *dns.Msg) {
		m := new(dns.Msg)
		m.SetRcode(q, dns.RcodeServerFailure)
		w.WriteMsg(m)
	})
	got, look = z.Addresses(context.Background(), &DNSResolver{Server: bad, Timeout: time.Second}, 4, &Exclusions{AllowPrivate: true})
	if g := fmt.Sprint(got); g != "[127.0.1.1 127.0.2.1]" || look.N != 8 || look.Failures() != 8 || look.String() != "servfail 8" {
		t.Errorf("SERVFAIL resolver: got %s, %d lookups, %d failed (%v)", g, look.N, look.Failures(), look)
	}
}

func TestZoneError(t *testing.T) {
	var z Zone
	err := z.ReadZone("bad.zone", strings.NewReader("$ORIGIN test.\n@ IN A not-an-address\n"), "test.")
	if err == nil || !strings.Contains(err.Error(), "bad.zone") {
		t.Errorf("got %v, want an error naming the file", err)
	}
}
