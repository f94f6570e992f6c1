package scan

import (
	"bufio"
	"fmt"
	"io"
	"net/netip"
	"os"
	"sort"
	"strings"
)

// Reserved is one range that a survey never contacts, with the document
// that sets it aside.
type Reserved struct {
	Prefix  netip.Prefix
	Name    string
	RFC     string
	Private bool // private-use or loopback: contacted only with AllowPrivate
}

func mustPrefix(s string) netip.Prefix { return netip.MustParsePrefix(s) }

// SpecialPurpose lists the IANA IPv4 and IPv6 Special-Purpose Address
// Registries (RFC 6890 and the RFCs that updated them), plus multicast and
// the reserved class E space. Every range is excluded from every survey,
// whatever its "globally reachable" column says: a survey of SMTP
// software has no business with AS112 sinks, relay anycast or
// documentation space. Private-use, shared (CGN) and loopback ranges are
// marked Private: Options.AllowPrivate lets them through, which the tests
// need for 127.0.0.0/8.
//
// One registry entry is not here: the NAT64 well-known prefix
// 64:ff9b::/96 (RFC 6052) is how an IPv6-only host reaches the IPv4
// Internet, so an address in it is excluded when the IPv4 address it
// embeds is (Excluded), as the 6to4 and IPv4-mapped forms are.
var SpecialPurpose = []Reserved{
	{mustPrefix("0.0.0.0/8"), "this network", "RFC 791 section 3.2", false},
	{mustPrefix("10.0.0.0/8"), "private-use", "RFC 1918", true},
	{mustPrefix("100.64.0.0/10"), "shared address space", "RFC 6598", true},
	{mustPrefix("127.0.0.0/8"), "loopback", "RFC 1122 section 3.2.1.3", true},
	{mustPrefix("169.254.0.0/16"), "link local", "RFC 3927", false},
	{mustPrefix("172.16.0.0/12"), "private-use", "RFC 1918", true},
	{mustPrefix("192.0.0.0/24"), "IETF protocol assignments", "RFC 6890 section 2.1", false},
	{mustPrefix("192.0.2.0/24"), "documentation (TEST-NET-1)", "RFC 5737", false},
	{mustPrefix("192.31.196.0/24"), "AS112-v4", "RFC 7535", false},
	{mustPrefix("192.52.193.0/24"), "AMT", "RFC 7450", false},
	{mustPrefix("192.88.99.0/24"), "deprecated 6to4 relay anycast", "RFC 7526", false},
	{mustPrefix("192.168.0.0/16"), "private-use", "RFC 1918", true},
	{mustPrefix("192.175.48.0/24"), "direct delegation AS112 service", "RFC 7534", false},
	{mustPrefix("198.18.0.0/15"), "benchmarking", "RFC 2544", false},
	{mustPrefix("198.51.100.0/24"), "documentation (TEST-NET-2)", "RFC 5737", false},
	{mustPrefix("203.0.113.0/24"), "documentation (TEST-NET-3)", "RFC 5737", false},
	{mustPrefix("224.0.0.0/4"), "multicast", "RFC 5771", false},
	{mustPrefix("240.0.0.0/4"), "reserved", "RFC 1112 section 4", false},
	{mustPrefix("255.255.255.255/32"), "limited broadcast", "RFC 919 section 7", false},

	{mustPrefix("::/128"), "unspecified address", "RFC 4291", false},
	{mustPrefix("::1/128"), "loopback address", "RFC 4291", true},
	{mustPrefix("::ffff:0:0/96"), "IPv4-mapped address", "RFC 4291", false},
	{mustPrefix("64:ff9b:1::/48"), "IPv4-IPv6 translation", "RFC 8215", false},
	{mustPrefix("100::/64"), "discard-only address block", "RFC 6666", false},
	{mustPrefix("100:0:0:1::/64"), "dummy IPv6 prefix", "RFC 9780", false},
	{mustPrefix("2001::/23"), "IETF protocol assignments", "RFC 2928", false},
	{mustPrefix("2001:db8::/32"), "documentation", "RFC 3849", false},
	{mustPrefix("2002::/16"), "6to4", "RFC 3056", false},
	{mustPrefix("2620:4f:8000::/48"), "direct delegation AS112 service", "RFC 7534", false},
	{mustPrefix("3fff::/20"), "documentation", "RFC 9637", false},
	{mustPrefix("5f00::/16"), "segment routing (SRv6) SIDs", "RFC 9602", false},
	{mustPrefix("fc00::/7"), "unique-local", "RFC 4193", true},
	{mustPrefix("fe80::/10"), "link-local unicast", "RFC 4291", false},
	{mustPrefix("ff00::/8"), "multicast", "RFC 4291 section 2.7", false},
}

// Exclusions decides which addresses are never contacted: the special-purpose
// ranges (private ones only unless AllowPrivate) and the ranges of a
// blocklist. The zero value excludes the special-purpose ranges,
// private ones included. It is read-only once built, so safe for
// concurrent use.
type Exclusions struct {
	AllowPrivate bool
	Blocklist    []netip.Prefix

	v4 []span // sorted, merged IPv4 ranges, built on first use by Build
	// strict is these exclusions without AllowPrivate, for the IPv4
	// address inside a NAT64 or 6to4 address: that one is reached
	// through a translator off this machine, so --allow-private (meant
	// for one's own loopback and private networks) never lets it in.
	strict *Exclusions
}

type span struct{ lo, hi uint32 }

// Build prepares the fast IPv4 lookup. Call it after setting the fields and
// before concurrent use; Excluded calls it when it was not.
func (e *Exclusions) Build() {
	var s []span
	add := func(p netip.Prefix) {
		if !p.Addr().Is4() {
			return
		}
		p = p.Masked()
		lo := v4uint(p.Addr())
		hi := lo | uint32(uint64(1)<<(32-p.Bits())-1)
		s = append(s, span{lo, hi})
	}
	for _, r := range SpecialPurpose {
		if r.Private && e.AllowPrivate {
			continue
		}
		add(r.Prefix)
	}
	for _, p := range e.Blocklist {
		add(p)
	}
	sort.Slice(s, func(i, j int) bool { return s[i].lo < s[j].lo })
	merged := s[:0]
	for _, x := range s {
		if n := len(merged); n > 0 && uint64(x.lo) <= uint64(merged[n-1].hi)+1 {
			if x.hi > merged[n-1].hi {
				merged[n-1].hi = x.hi
			}
			continue
		}
		merged = append(merged, x)
	}
	e.v4 = merged
	if e.v4 == nil {
		e.v4 = []span{}
	}
	e.strict = e
	if e.AllowPrivate {
		e.strict = &Exclusions{Blocklist: e.Blocklist}
		e.strict.Build()
	}
}

// Excluded reports whether a is never to be contacted, and why. An IPv6
// address that embeds an IPv4 address (IPv4-mapped, NAT64, 6to4) is
// excluded when that IPv4 address is: 64:ff9b::7f00:1 is 127.0.0.1
// through a translator. A NAT64 or 6to4 address is judged without
// AllowPrivate (see strict); an IPv4-mapped one is the IPv4 address.
func (e *Exclusions) Excluded(a netip.Addr) (bool, string) {
	a = a.Unmap()
	if v4, form, ok := embeddedIPv4(a); ok {
		if e.v4 == nil {
			e.Build()
		}
		if bad, why := e.strict.Excluded(v4); bad {
			return true, form + " of " + v4.String() + ": " + why
		}
	}
	if a.Is4() {
		if e.v4 == nil {
			e.Build()
		}
		if !e.excluded4(v4uint(a)) {
			return false, ""
		}
	}
	for _, r := range SpecialPurpose {
		if r.Prefix.Contains(a) {
			if r.Private && e.AllowPrivate {
				continue
			}
			return true, r.Name + " (" + r.RFC + ")"
		}
	}
	for _, p := range e.Blocklist {
		if p.Contains(a) {
			return true, "blocklist " + p.String()
		}
	}
	if !a.IsValid() || a.Zone() != "" {
		return true, "invalid address"
	}
	return false, ""
}

var (
	nat64WellKnown = mustPrefix("64:ff9b::/96")
	nat64Local     = mustPrefix("64:ff9b:1::/48")
	sixToFour      = mustPrefix("2002::/16")
)

// embeddedIPv4 returns the IPv4 address an IPv6 address carries, and the
// form's name: NAT64 (RFC 6052; the local-use prefix of RFC 8215 read
// with the /96 layout most translators use), 6to4 (RFC 3056, bits 16-47).
// IPv4-mapped addresses are unmapped before.
func embeddedIPv4(a netip.Addr) (netip.Addr, string, bool) {
	if !a.Is6() {
		return netip.Addr{}, "", false
	}
	b := a.As16()
	switch {
	case nat64WellKnown.Contains(a), nat64Local.Contains(a):
		return netip.AddrFrom4([4]byte(b[12:16])), "NAT64 address", true
	case sixToFour.Contains(a):
		return netip.AddrFrom4([4]byte(b[2:6])), "6to4 address", true
	}
	return netip.Addr{}, "", false
}

// Eligible4 is the number of IPv4 addresses the exclusions allow: the
// population a random IPv4 sample draws from.
func (e *Exclusions) Eligible4() int64 {
	if e.v4 == nil {
		e.Build()
	}
	n := int64(1) << 32
	for _, r := range e.v4 {
		n -= int64(r.hi) - int64(r.lo) + 1
	}
	return n
}

// excluded4 is the hot path of the random walk: a binary search over
// about 20 merged ranges.
func (e *Exclusions) excluded4(x uint32) bool {
	s := e.v4
	i := sort.Search(len(s), func(i int) bool { return s[i].hi >= x })
	return i < len(s) && s[i].lo <= x
}

// ReadBlocklist parses a blocklist: one CIDR prefix or address a line,
// '#' starting a comment, blank lines ignored.
func ReadBlocklist(name string, r io.Reader) ([]netip.Prefix, error) {
	var out []netip.Prefix
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		var p netip.Prefix
		var err error
		if strings.Contains(line, "/") {
			p, err = netip.ParsePrefix(line)
		} else {
			var a netip.Addr
			a, err = netip.ParseAddr(line)
			if err == nil {
				p = netip.PrefixFrom(a, a.BitLen())
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: expected CIDR prefix or address, found %q", name, n, line)
		}
		out = append(out, p.Masked())
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return out, nil
}

// ReadBlocklistFile reads a blocklist file.
func ReadBlocklistFile(path string) ([]netip.Prefix, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadBlocklist(path, f)
}

func v4uint(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func v4addr(x uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(x >> 24), byte(x >> 16), byte(x >> 8), byte(x)})
}
