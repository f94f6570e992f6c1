package scan

import (
	"net/netip"
	"strings"
	"testing"
)

// The IANA IPv4 and IPv6 Special-Purpose Address Registries, every entry,
// copied here from the registries (not from SpecialPurpose), so a range
// the exclusions lose fails the test. private: private-use, shared or
// loopback, contacted with AllowPrivate; nat64: decided by the IPv4
// address embedded.
var ianaRegistry = []struct {
	prefix         string
	private, nat64 bool
}{
	{"0.0.0.0/8", false, false}, {"0.0.0.0/32", false, false}, {"10.0.0.0/8", true, false},
	{"100.64.0.0/10", true, false}, {"127.0.0.0/8", true, false}, {"169.254.0.0/16", false, false},
	{"172.16.0.0/12", true, false}, {"192.0.0.0/24", false, false}, {"192.0.0.0/29", false, false},
	{"192.0.0.8/32", false, false}, {"192.0.0.9/32", false, false}, {"192.0.0.10/32", false, false},
	{"192.0.0.170/32", false, false}, {"192.0.0.171/32", false, false}, {"192.0.2.0/24", false, false},
	{"192.31.196.0/24", false, false}, {"192.52.193.0/24", false, false}, {"192.88.99.0/24", false, false},
	{"192.168.0.0/16", true, false}, {"192.175.48.0/24", false, false}, {"198.18.0.0/15", false, false},
	{"198.51.100.0/24", false, false}, {"203.0.113.0/24", false, false}, {"240.0.0.0/4", false, false},
	{"255.255.255.255/32", false, false},

	{"::1/128", true, false}, {"::/128", false, false}, {"::ffff:0:0/96", false, false},
	{"64:ff9b::/96", false, true}, {"64:ff9b:1::/48", false, false}, {"100::/64", false, false},
	{"100:0:0:1::/64", false, false}, {"2001::/23", false, false}, {"2001::/32", false, false},
	{"2001:1::1/128", false, false}, {"2001:1::2/128", false, false}, {"2001:1::3/128", false, false},
	{"2001:2::/48", false, false}, {"2001:3::/32", false, false}, {"2001:4:112::/48", false, false},
	{"2001:10::/28", false, false}, {"2001:20::/28", false, false}, {"2001:30::/28", false, false},
	{"2001:db8::/32", false, false}, {"2002::/16", false, false}, {"2620:4f:8000::/48", false, false},
	{"3fff::/20", false, false}, {"5f00::/16", false, false}, {"fc00::/7", true, false},
	{"fe80::/10", false, false},
}

func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// v6forms are the IPv6 addresses that carry an IPv4 address: mapped,
// NAT64 (well-known and local-use prefixes) and 6to4.
func v6forms(v4 netip.Addr) []netip.Addr {
	b := v4.As4()
	mapped := netip.AddrFrom16([16]byte{10: 0xff, 11: 0xff, 12: b[0], 13: b[1], 14: b[2], 15: b[3]})
	nat64 := netip.AddrFrom16([16]byte{0: 0, 1: 0x64, 2: 0xff, 3: 0x9b, 12: b[0], 13: b[1], 14: b[2], 15: b[3]})
	local := netip.AddrFrom16([16]byte{0: 0, 1: 0x64, 2: 0xff, 3: 0x9b, 5: 1, 12: b[0], 13: b[1], 14: b[2], 15: b[3]})
	sixto4 := netip.AddrFrom16([16]byte{0: 0x20, 1: 0x02, 2: b[0], 3: b[1], 4: b[2], 5: b[3], 15: 1})
	return []netip.Addr{mapped, nat64, local, sixto4}
}

// TestSpecialPurposeRegistry: the first and last address of every entry
// are excluded (private ones only without AllowPrivate), and so is every
// IPv6 form of an excluded IPv4 address.
func TestSpecialPurposeRegistry(t *testing.T) {
	def := &Exclusions{}
	allow := &Exclusions{AllowPrivate: true}
	for _, r := range ianaRegistry {
		p := netip.MustParsePrefix(r.prefix)
		for _, a := range []netip.Addr{p.Addr(), lastAddr(p)} {
			if bad, _ := def.Excluded(a); !bad {
				t.Errorf("%s (%s) is not excluded", a, r.prefix)
			}
			if bad, why := allow.Excluded(a); bad == r.private {
				t.Errorf("%s (%s) with AllowPrivate: excluded=%v (%s), want %v", a, r.prefix, bad, why, !r.private)
			}
			if !a.Is4() {
				continue
			}
			for _, f := range v6forms(a) {
				if bad, why := def.Excluded(f); !bad {
					t.Errorf("%s (%s as %s) is not excluded", f, a, r.prefix)
				} else if !strings.Contains(why, a.String()) && !f.Is4In6() && !strings.HasPrefix(f.String(), "64:ff9b:1:") {
					t.Errorf("%s: reason %q does not name %s", f, why, a)
				}
			}
		}
	}
}

// TestEmbeddedIPv4: NAT64 addresses of private and loopback addresses are
// excluded, those of public addresses are not (the well-known prefix is
// how an IPv6-only host reaches them); the blocklist applies to the
// embedded address too.
func TestEmbeddedIPv4(t *testing.T) {
	ex := &Exclusions{Blocklist: []netip.Prefix{netip.MustParsePrefix("8.8.0.0/16")}}
	ex.Build()
	for _, tt := range []struct{ addr, want string }{
		{"64:ff9b::7f00:1", "true NAT64 address of 127.0.0.1: loopback (RFC 1122 section 3.2.1.3)"},
		{"64:ff9b::a00:1", "true NAT64 address of 10.0.0.1: private-use (RFC 1918)"},
		{"64:ff9b::808:808", "true NAT64 address of 8.8.8.8: blocklist 8.8.0.0/16"},
		{"64:ff9b::101:101", "false "},
		{"64:ff9b:1::a00:1", "true NAT64 address of 10.0.0.1: private-use (RFC 1918)"},
		{"64:ff9b:1::101:101", "true IPv4-IPv6 translation (RFC 8215)"},
		{"2002:a00:1::1", "true 6to4 address of 10.0.0.1: private-use (RFC 1918)"},
		{"2002:101:101::1", "true 6to4 (RFC 3056)"},
		{"::ffff:a00:1", "true private-use (RFC 1918)"},
	} {
		bad, why := ex.Excluded(netip.MustParseAddr(tt.addr))
		if g := strings.TrimSpace(strings.Join([]string{map[bool]string{true: "true", false: "false"}[bad], why}, " ")); g != strings.TrimSpace(tt.want) {
			t.Errorf("%s: got %q, want %q", tt.addr, g, tt.want)
		}
	}
}

// TestEmbeddedIPv4AllowPrivate: --allow-private lets in one's own loopback
// and private networks, never their NAT64 or 6to4 forms, which a
// translator off this machine would carry elsewhere; the IPv4-mapped form
// is the IPv4 address itself.
func TestEmbeddedIPv4AllowPrivate(t *testing.T) {
	ex := &Exclusions{AllowPrivate: true}
	ex.Build()
	for _, tt := range []struct {
		addr string
		bad  bool
	}{
		{"127.0.0.1", false}, {"10.0.0.1", false}, {"::ffff:127.0.0.1", false},
		{"64:ff9b::7f00:1", true}, {"64:ff9b::a00:1", true}, {"64:ff9b:1::a00:1", true},
		{"2002:a00:1::1", true}, {"2002:7f00:1::1", true},
	} {
		if bad, why := ex.Excluded(netip.MustParseAddr(tt.addr)); bad != tt.bad {
			t.Errorf("%s: excluded %v (%s), want %v", tt.addr, bad, why, tt.bad)
		}
	}
}
