package world

// The 1996 world: a target list built the seed's way, and hosts dealt
// out over it in the post's proportions.

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/miekg/dns"

	"github.com/smtpfp/smtpfp/corpus"
	"github.com/smtpfp/smtpfp/scan"
	"github.com/smtpfp/smtpfp/transcript"
)

// ListSize1996 and Sample1996 are the 1996 post's list and sample: "I
// have a list of 12795635 IP addresses ... I selected a random sample of
// 500000 addresses".
const (
	ListSize1996 = 12795635
	Sample1996   = 500000
)

// List is a simulated target list, built as the 1996 survey built its
// own: "(1) the IP addresses found in the July 1996 Network Wizards DNS
// walk, (2) the glue IP addresses listed in the InterNIC zone files, and
// (3) the results of MX/A lookups for domains listed in the InterNIC zone
// files. I removed duplicates and excluded {0,1,10,127}.*."
//
// (2) and (3) are real work: a simulated zone file is read by
// scan.Zone.ReadZone and its domains' MX and A records are looked up by
// scan.Zone.Addresses through a scan.DNSResolver, against a miekg/dns
// server on 127.0.0.1 answering for the zone (the code `smtpscan targets
// --zone` runs). The zone is small (ZoneDomains domains, not InterNIC's
// hundreds of thousands), so that building the list takes seconds; (1),
// the walk, is simulated outright: distinct addresses drawn from a seeded
// bijection of the IPv4 space, some of which the zone also names (the
// duplicates), as many as it takes for the list to hold Size addresses.
// Special-purpose ranges other than {0,1,10,127}.* are not drawn, since
// today's scanner refuses to contact them.
type List struct {
	Addrs       []uint32 // the list, sorted
	ZoneDomains int      // domains in the simulated zone
	ZoneGlue    int      // glue addresses in the zone file
	Zone        int      // distinct addresses from glue and MX/A lookups, after exclusion
	Walk        int      // distinct walk addresses the zone did not give
	Duplicates  int      // walk addresses the zone gave too, removed
	Excluded    int      // walk addresses in {0,1,10,127}.*, removed
}

// Len is the list's population.
func (l *List) Len() int { return len(l.Addrs) }

// index returns the position of a in the list, or -1.
func (l *List) index(a netip.Addr) int {
	if !a.Is4() {
		return -1
	}
	b := a.As4()
	v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	i, ok := slices.BinarySearch(l.Addrs, v)
	if !ok {
		return -1
	}
	return i
}

// Sample returns n distinct addresses of the list in a random order, a
// pure function of seed (a partial Fisher-Yates shuffle over the list's
// indices, kept sparse in a map).
func (l *List) Sample(n int, seed uint64) []netip.Addr {
	N := len(l.Addrs)
	if n > N {
		n = N
	}
	moved := make(map[int]int, 2*n)
	at := func(i int) int {
		if j, ok := moved[i]; ok {
			return j
		}
		return i
	}
	out := make([]netip.Addr, n)
	x := seed
	for i := range n {
		x = mix64(x + 0x9e3779b97f4a7c15)
		j := i + int(x%uint64(N-i))
		vi, vj := at(i), at(j)
		moved[j] = vi
		moved[i] = vj
		v := l.Addrs[vj]
		out[i] = netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
	}
	return out
}

// Summary says how the list was built, in the post's terms.
func (l *List) Summary() string {
	return fmt.Sprintf("%d addresses: %d from the simulated zone (%d domains, %d glue records; glue and MX/A lookups), %d more from the simulated DNS walk; %d duplicates removed, %d addresses in {0,1,10,127}.* excluded",
		l.Len(), l.Zone, l.ZoneDomains, l.ZoneGlue, l.Walk, l.Duplicates, l.Excluded)
}

// bij32 is a bijection of the 32-bit integers (lowbias32, each step
// invertible), so the walk's draws are distinct by construction.
func bij32(x uint32) uint32 {
	x ^= x >> 16
	x *= 0x7feb352d
	x ^= x >> 15
	x *= 0x846ca68b
	x ^= x >> 16
	return x
}

// seedExcluded is the 1996 exclusion: {0,1,10,127}.*.
func seedExcluded(a uint32) bool {
	switch a >> 24 {
	case 0, 1, 10, 127:
		return true
	}
	return false
}

func addr4(v uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

// SimZone is the simulated InterNIC zone: a zone file and the DNS records
// its domains' MX and A lookups find.
type SimZone struct {
	Origin string
	Text   string                    // the zone file
	RRs    map[dns.Question][]dns.RR // what the DNS server answers
}

// ZoneDomains is the size of the simulated zone.
const ZoneDomains = 4000

// NewZone1996 builds the simulated zone of seed: ZoneDomains domains
// under com, each delegated by NS; every other one has its name server
// in the zone, with a glue A record. Each domain has an A record and an
// MX host with an A record of its own. Two thirds of the addresses are
// also in the simulated walk; a few are bogus, as real glue was (in
// 127.* and 10.*), and are excluded.
func NewZone1996(seed uint64) *SimZone {
	z := &SimZone{Origin: "com.", RRs: map[dns.Question][]dns.RR{}}
	s32 := uint32(mix64(seed))
	var b strings.Builder
	b.WriteString("$ORIGIN com.\n$TTL 172800\n")
	b.WriteString("@ IN SOA a.root-servers.net. hostmaster.internic.net. ( 1996110100 10800 3600 604800 86400 )\n")
	b.WriteString("@ IN NS a.root-servers.net.\n")
	draw := 0
	next := func() uint32 {
		draw++
		x := mix64(seed ^ uint64(draw)*0xd1b54a32d192ed03)
		switch {
		case x%97 == 0:
			return 127<<24 | 1 // bogus: localhost
		case x%89 == 0:
			return 10<<24 | uint32(x>>40)&0xffffff
		case x%3 != 0:
			// also in the walk: one of its first ten million draws
			for k := uint32(x>>32) % 10000000; ; k++ {
				if v := bij32(k ^ s32); walkable(v) {
					return v
				}
			}
		}
		for k := uint32(1<<31) + uint32(draw); ; k++ {
			if v := bij32(k ^ s32); walkable(v) {
				return v
			}
		}
	}
	a := func(name string, v uint32) {
		rr := &dns.A{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeA, Class: dns.ClassINET, Ttl: 3600}, A: net.IP(addr4(v).AsSlice())}
		q := dns.Question{Name: name, Qtype: dns.TypeA, Qclass: dns.ClassINET}
		z.RRs[q] = append(z.RRs[q], rr)
	}
	for i := range ZoneDomains {
		d := fmt.Sprintf("d%05d.com.", i)
		label := strings.TrimSuffix(d, ".com.")
		if i%2 == 0 {
			fmt.Fprintf(&b, "%s IN NS ns1.%s\nns1.%s IN A %s\n", label, label, label, addr4(next()))
		} else {
			fmt.Fprintf(&b, "%s IN NS ns%d.provider.net.\n", label, i%7)
		}
		a(d, next())
		mx := "mail." + d
		q := dns.Question{Name: d, Qtype: dns.TypeMX, Qclass: dns.ClassINET}
		z.RRs[q] = []dns.RR{&dns.MX{Hdr: dns.RR_Header{Name: d, Rrtype: dns.TypeMX, Class: dns.ClassINET, Ttl: 3600}, Preference: 10, Mx: mx}}
		a(mx, next())
	}
	z.Text = b.String()
	return z
}

// walkable says whether the walk may name v: not in a special-purpose
// range a survey refuses, other than the seed's own exclusions.
func walkable(v uint32) bool {
	if seedExcluded(v) {
		return true
	}
	bad, _ := defaultExclusions().Excluded(addr4(v))
	return !bad
}

var defaultExclusions = sync.OnceValue(func() *scan.Exclusions {
	ex := &scan.Exclusions{}
	ex.Build()
	return ex
})

// exclusions1996 are the seed's ({0,1,10,127}.*) on top of what a survey
// never contacts (which covers 0.*, 10.* and 127.* already).
var exclusions1996 = sync.OnceValue(func() *scan.Exclusions {
	ex := &scan.Exclusions{Blocklist: []netip.Prefix{netip.MustParsePrefix("1.0.0.0/8")}}
	ex.Build()
	return ex
})

// ServeDNS answers the zone's lookups: what is in RRs, else NXDOMAIN.
func (z *SimZone) ServeDNS(w dns.ResponseWriter, r *dns.Msg) {
	m := new(dns.Msg)
	m.SetReply(r)
	m.Authoritative = true
	if len(r.Question) == 1 {
		q := r.Question[0]
		q.Name = strings.ToLower(q.Name)
		if rrs, ok := z.RRs[q]; ok {
			m.Answer = rrs
		} else {
			m.Rcode = dns.RcodeNameError
			if z.exists(q.Name) {
				m.Rcode = dns.RcodeSuccess // the name exists without that type
			}
		}
	}
	w.WriteMsg(m)
}

func (z *SimZone) exists(name string) bool {
	for _, t := range []uint16{dns.TypeA, dns.TypeMX} {
		if _, ok := z.RRs[dns.Question{Name: name, Qtype: t, Qclass: dns.ClassINET}]; ok {
			return true
		}
	}
	return false
}

// Serve starts a DNS server for the zone on 127.0.0.1 (UDP, a free
// port) and returns its address and a function that stops it.
func (z *SimZone) Serve() (string, func(), error) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	started := make(chan struct{})
	srv := &dns.Server{PacketConn: pc, Handler: z, NotifyStartedFunc: func() { close(started) }}
	go srv.ActivateAndServe()
	<-started
	return pc.LocalAddr().String(), func() { srv.Shutdown() }, nil
}

// Addresses is the zone's part of the target list, as `smtpscan targets
// --zone` computes it: glue addresses and the MX/A lookups of the zone's
// domains through a resolver at server, deduplicated, {0,1,10,127}.*
// excluded, sorted.
func (z *SimZone) Addresses(ctx context.Context, server string) ([]netip.Addr, int, int, error) {
	var sz scan.Zone
	if err := sz.ReadZone("com.zone", strings.NewReader(z.Text), "com"); err != nil {
		return nil, 0, 0, err
	}
	res := &scan.DNSResolver{Server: server, Timeout: 2 * time.Second, Retries: 2}
	defer res.Close()
	addrs, look := sz.Addresses(ctx, res, 50, exclusions1996())
	if n := look.Failures(); n > 0 {
		// The simulated zone answers every lookup: a failed one would
		// change the list without a word.
		return nil, 0, 0, fmt.Errorf("simulated zone: %d of %d MX/A lookups failed (%v)", n, look.N, look)
	}
	return addrs, len(sz.Domains), len(sz.Glue), nil
}

var lists struct {
	mu sync.Mutex
	m  map[uint64]*List
}

// BuildList1996 builds the 1996 target list of seed, of size addresses
// (ListSize1996 for the survey), serving the simulated zone on loopback
// for its lookups. Lists are kept, one per seed and size: building one
// takes seconds.
func BuildList1996(ctx context.Context, seed uint64, size int) (*List, error) {
	lists.mu.Lock()
	defer lists.mu.Unlock()
	key := seed*31 + uint64(size)
	if l := lists.m[key]; l != nil {
		return l, nil
	}
	z := NewZone1996(seed)
	server, stop, err := z.Serve()
	if err != nil {
		return nil, fmt.Errorf("simulated zone's DNS server: %v", err)
	}
	zone, domains, glue, err := z.Addresses(ctx, server)
	stop()
	if err != nil {
		return nil, err
	}
	if len(zone) > size {
		return nil, fmt.Errorf("list of %d addresses: the zone alone gives %d", size, len(zone))
	}
	l := &List{ZoneDomains: domains, ZoneGlue: glue, Zone: len(zone)}
	inZone := make(map[uint32]bool, len(zone))
	l.Addrs = make([]uint32, 0, size)
	for _, a := range zone {
		b := a.As4()
		v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
		inZone[v] = true
		l.Addrs = append(l.Addrs, v)
	}
	s32 := uint32(mix64(seed))
	for k := uint32(0); len(l.Addrs) < size; k++ {
		if k == 1<<31 {
			return nil, fmt.Errorf("list of %d addresses: the walk ran out", size)
		}
		v := bij32(k ^ s32)
		switch {
		case seedExcluded(v):
			l.Excluded++
		case !walkable(v):
		case inZone[v]:
			l.Duplicates++
		default:
			l.Walk++
			l.Addrs = append(l.Addrs, v)
		}
	}
	slices.Sort(l.Addrs)
	if lists.m == nil {
		lists.m = map[uint64]*List{}
	}
	lists.m[key] = l
	return l, nil
}

// DJB1996 is the world of the 1996 survey, on a list of ListSize1996
// addresses built the seed's way (see List): the list holds the post's
// outcome mix (294526 of every 500000 time out, ..., 26070 greet) and,
// among the greeting hosts, the 50 rows of its software tally, each
// answering the 1996 dialogue as corpus.Cases1996 reconstructs it. It
// fails only if the loopback DNS server cannot start.
func DJB1996(seed uint64) (*World, error) {
	l, err := BuildList1996(context.Background(), seed, ListSize1996)
	if err != nil {
		return nil, err
	}
	return djb1996On(seed, l), nil
}

func djb1996On(seed uint64, l *List) *World {
	w := &World{
		Seed:     seed,
		PTRShare: 1, // the addresses came from DNS: each has a name
		List:     l,
		// "In the early morning of 27 November 1996": Chicago time.
		Start: time.Date(1996, 11, 27, 8, 0, 0, 0, time.UTC),
		Span:  4 * time.Hour,
	}
	for _, o := range corpus.Outcomes1996 {
		w.Behaviours = append(w.Behaviours, Behaviour{Weight: o.Count, Outcome: o.Outcome})
	}
	for _, row := range corpus.Tally1996 {
		sw := Software{Weight: row.Count, Name: row.Name}
		for _, c := range corpus.Cases1996(row.Name) {
			sw.Cases = append(sw.Cases, c.Record)
			sw.Weights = append(sw.Weights, c.Weight)
		}
		w.Software = append(w.Software, sw)
	}
	return w
}

// deal is how a List world gives out its list: rank r of a listed address
// (a seeded permutation of the list's indices) falls in one behaviour's
// block of ranks; a greeted rank falls in one software's block of the
// greeted ranks, and in one case's block of that.
type deal struct {
	n, key   uint64
	beh      []int   // cumulative ends of each behaviour's block
	greeted  int     // the Greeted behaviour's index, -1 if none
	sw       []int   // cumulative ends, within the greeted block
	cases    [][]int // per software, cumulative ends within its block
	bits     uint    // the permutation's domain is 2^bits >= n
	halfMask uint64
}

// apportion splits total into parts proportional to weights, by largest
// remainder, and returns the cumulative ends.
func apportion(weights []int, total int) []int {
	sum := 0
	for _, w := range weights {
		sum += w
	}
	parts := make([]int, len(weights))
	if sum == 0 {
		return parts
	}
	type rem struct {
		i int
		r int64
	}
	var rems []rem
	given := 0
	for i, w := range weights {
		x := int64(w) * int64(total)
		parts[i] = int(x / int64(sum))
		given += parts[i]
		rems = append(rems, rem{i, x % int64(sum)})
	}
	slices.SortStableFunc(rems, func(a, b rem) int {
		switch {
		case a.r > b.r:
			return -1
		case a.r < b.r:
			return 1
		}
		return 0
	})
	for j := 0; given < total; j++ {
		parts[rems[j].i]++
		given++
	}
	for i := 1; i < len(parts); i++ {
		parts[i] += parts[i-1]
	}
	return parts
}

func newDeal(w *World, n int) *deal {
	d := &deal{n: uint64(n), key: mix64(w.Seed ^ 0x1996), greeted: -1}
	var bw []int
	for i, b := range w.Behaviours {
		bw = append(bw, b.Weight)
		if b.Outcome == transcript.Greeted {
			d.greeted = i
		}
	}
	d.beh = apportion(bw, n)
	if d.greeted >= 0 {
		g := d.beh[d.greeted]
		if d.greeted > 0 {
			g -= d.beh[d.greeted-1]
		}
		var sw []int
		for _, s := range w.Software {
			sw = append(sw, s.Weight)
		}
		d.sw = apportion(sw, g)
		for i, s := range w.Software {
			size := d.sw[i]
			if i > 0 {
				size -= d.sw[i-1]
			}
			ws := s.Weights
			if len(ws) != len(s.Cases) {
				ws = make([]int, len(s.Cases))
				for j := range ws {
					ws[j] = 1
				}
			}
			d.cases = append(d.cases, apportion(ws, size))
		}
	}
	for d.bits = 2; uint64(1)<<d.bits < d.n; d.bits += 2 {
	}
	d.halfMask = uint64(1)<<(d.bits/2) - 1
	return d
}

// perm is a seeded permutation of [0, n): a four-round Feistel network on
// 2^bits values, walked until it lands below n (cycle walking).
func (d *deal) perm(i uint64) uint64 {
	x := i
	for {
		l, r := x>>(d.bits/2), x&d.halfMask
		for round := uint64(0); round < 4; round++ {
			l, r = r, l^(mix64(r^d.key+round)&d.halfMask)
		}
		x = l<<(d.bits/2) | r
		if x < d.n {
			return x
		}
	}
}

// block returns the index of the block of ends that holds r, and r's
// offset within it.
func block(ends []int, r int) (int, int) {
	i, _ := slices.BinarySearch(ends, r+1)
	if i > 0 {
		r -= ends[i-1]
	}
	return i, r
}

func (w *World) listHost(a netip.Addr) Host {
	var h Host
	i := w.List.index(a)
	if i < 0 || len(w.Behaviours) == 0 {
		h.Behaviour = Behaviour{Outcome: transcript.TimedOut}
		return h
	}
	x := w.hash(a, 1)
	h.PTR = fmt.Sprintf("%s%d.d%05x.example", []string{"mail", "mx", "smtp", "host", "gw"}[x%5], x>>8%20, x>>16&0xfffff)
	d := w.deal
	bi, r := block(d.beh, int(d.perm(uint64(i))))
	h.Behaviour = w.Behaviours[bi]
	if bi != d.greeted || len(w.Software) == 0 {
		return h
	}
	si, r := block(d.sw, r)
	h.Software = &w.Software[si]
	if len(h.Software.Cases) > 0 {
		ci, _ := block(d.cases[si], r)
		h.Case = &h.Software.Cases[ci]
	}
	return h
}

// Dated is a scan.Sink that dates the records of a simulated survey by
// the seed's calendar: the i-th of N records written gets the time
// Start + Span*i/N, whatever the wall clock says. A resumed survey
// counts on from the records its archive already has (From), so its
// records carry the dates of the survey's later part, not its first.
type Dated struct {
	Sink  scan.Sink
	Start time.Time
	Span  time.Duration
	N     int64
	From  int64 // records written before this run: the first Write is number From
	i     int64
}

func (d *Dated) Write(rec *transcript.Record) error {
	if d.N > 0 {
		rec.Time = d.Start.Add(time.Duration(float64(d.Span) * float64(d.From+d.i) / float64(d.N)))
	}
	d.i++
	return d.Sink.Write(rec)
}
