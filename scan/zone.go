package scan

import (
	"context"
	"fmt"
	"io"
	"maps"
	"net/netip"
	"slices"
	"strings"
	"sync"

	"github.com/miekg/dns"
)

// Zone is what a target list needs from zone files, the 1996 way: the
// glue addresses (A and AAAA records in the zone) and the domains it
// delegates (owners of NS records below the apex), whose MX and A
// records are then looked up.
type Zone struct {
	Glue    []netip.Addr
	Domains []string // fully qualified, lowercase, deduplicated, sorted
}

// ReadZone parses a zone file with miekg/dns's zone parser and adds what
// it finds to z. origin is the zone's name when the file has no $ORIGIN
// ("" means the root). Errors carry the parser's file:line.
func (z *Zone) ReadZone(name string, r io.Reader, origin string) error {
	zp := dns.NewZoneParser(r, dns.Fqdn(origin), name)
	zp.SetIncludeAllowed(false)
	apex := strings.ToLower(dns.Fqdn(origin))
	seen := map[string]bool{}
	for _, d := range z.Domains {
		seen[d] = true
	}
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		switch rr := rr.(type) {
		case *dns.A:
			if a, ok := netip.AddrFromSlice(rr.A.To4()); ok {
				z.Glue = append(z.Glue, a)
			}
		case *dns.AAAA:
			if a, ok := netip.AddrFromSlice(rr.AAAA); ok {
				z.Glue = append(z.Glue, a)
			}
		case *dns.SOA:
			apex = strings.ToLower(rr.Hdr.Name)
		case *dns.NS:
			d := strings.ToLower(rr.Hdr.Name)
			if d != apex && !seen[d] {
				seen[d] = true
				z.Domains = append(z.Domains, d)
			}
		}
	}
	if err := zp.Err(); err != nil {
		return err
	}
	slices.Sort(z.Domains)
	return nil
}

// Addresses returns the zone's target list: the glue addresses plus, when
// res is not nil, the A records of each delegated domain and of each of
// its MX hosts, looked up with concurrency lookups at once. The list is
// deduplicated, stripped of excluded addresses, and sorted. The lookups
// that failed are counted, not hidden: the list lacks what they would
// have found.
func (z *Zone) Addresses(ctx context.Context, res *DNSResolver, concurrency int, ex *Exclusions) ([]netip.Addr, Lookups) {
	set := map[netip.Addr]bool{}
	var mu sync.Mutex
	look := Lookups{Failed: map[string]int{}}
	exchange := func(name string, qtype uint16) *dns.Msg {
		m, st := res.Exchange(ctx, name, qtype)
		mu.Lock()
		defer mu.Unlock()
		look.N++
		switch st {
		case "ok":
			return m
		case "nxdomain": // an answer: the name has no records
		default:
			look.Failed[st]++
		}
		return nil
	}
	add := func(a netip.Addr) {
		a = a.Unmap()
		if bad, _ := ex.Excluded(a); bad {
			return
		}
		mu.Lock()
		set[a] = true
		mu.Unlock()
	}
	for _, a := range z.Glue {
		add(a)
	}
	if res != nil {
		if concurrency <= 0 {
			concurrency = 100
		}
		names := make(chan string)
		var wg sync.WaitGroup
		for range concurrency {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for d := range names {
					hosts := []string{d}
					if m := exchange(d, dns.TypeMX); m != nil {
						for _, rr := range m.Answer {
							if mx, ok := rr.(*dns.MX); ok && mx.Mx != "." {
								hosts = append(hosts, mx.Mx)
							}
						}
					}
					for _, h := range hosts {
						if m := exchange(h, dns.TypeA); m != nil {
							for _, rr := range m.Answer {
								if a, ok := rr.(*dns.A); ok {
									if x, ok := netip.AddrFromSlice(a.A.To4()); ok {
										add(x)
									}
								}
							}
						}
					}
				}
			}()
		}
		for _, d := range z.Domains {
			select {
			case names <- d:
			case <-ctx.Done():
			}
		}
		close(names)
		wg.Wait()
	}
	out := make([]netip.Addr, 0, len(set))
	for a := range set {
		out = append(out, a)
	}
	slices.SortFunc(out, netip.Addr.Compare)
	return out, look
}

// Lookups counts a zone's MX/A lookups: N in all, and those that failed
// (a timeout, SERVFAIL, another error) by status. NXDOMAIN is an answer,
// not a failure.
type Lookups struct {
	N      int
	Failed map[string]int
}

// Failures is how many lookups failed.
func (l Lookups) Failures() int {
	n := 0
	for _, c := range l.Failed {
		n += c
	}
	return n
}

// String says how the failed lookups failed: "servfail 3, timeout 1".
func (l Lookups) String() string {
	var parts []string
	for _, st := range slices.Sorted(maps.Keys(l.Failed)) {
		parts = append(parts, fmt.Sprintf("%s %d", st, l.Failed[st]))
	}
	return strings.Join(parts, ", ")
}

// WriteList writes addresses one a line, the format ReadList reads.
func WriteList(w io.Writer, as []netip.Addr) error {
	for _, a := range as {
		if _, err := fmt.Fprintln(w, a); err != nil {
			return err
		}
	}
	return nil
}
