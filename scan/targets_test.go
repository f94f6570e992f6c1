package scan

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"
)

func fmtV(v any, err error) string { return fmt.Sprintf("%v %v", v, err) }

func TestExclusions(t *testing.T) {
	ex := &Exclusions{Blocklist: []netip.Prefix{netip.MustParsePrefix("8.8.0.0/16")}}
	ok := &Exclusions{AllowPrivate: true}
	for _, tt := range []struct {
		addr  string
		want  string // with the default exclusions
		allow bool   // excluded under AllowPrivate?
	}{
		{"8.8.8.8", "true blocklist 8.8.0.0/16", false},
		{"1.1.1.1", "false ", false},
		{"127.0.0.1", "true loopback (RFC 1122 section 3.2.1.3)", false},
		{"10.1.2.3", "true private-use (RFC 1918)", false},
		{"192.168.1.1", "true private-use (RFC 1918)", false},
		{"100.64.0.1", "true shared address space (RFC 6598)", false},
		{"0.1.2.3", "true this network (RFC 791 section 3.2)", true},
		{"169.254.1.1", "true link local (RFC 3927)", true},
		{"192.0.2.7", "true documentation (TEST-NET-1) (RFC 5737)", true},
		{"224.0.0.1", "true multicast (RFC 5771)", true},
		{"255.255.255.255", "true reserved (RFC 1112 section 4)", true},
		{"198.19.255.255", "true benchmarking (RFC 2544)", true},
		{"::1", "true loopback address (RFC 4291)", false},
		{"2001:db8::1", "true documentation (RFC 3849)", true},
		{"fd00::1", "true unique-local (RFC 4193)", false},
		{"ff02::1", "true multicast (RFC 4291 section 2.7)", true},
		{"2a00:1450::1", "false ", false},
		{"::ffff:127.0.0.1", "true loopback (RFC 1122 section 3.2.1.3)", false},
	} {
		a := netip.MustParseAddr(tt.addr)
		bad, why := ex.Excluded(a)
		if g := fmt.Sprintf("%v %s", bad, why); g != tt.want {
			t.Errorf("%s: got %q, want %q", tt.addr, g, tt.want)
		}
		if bad, _ := ok.Excluded(a); bad != tt.allow {
			t.Errorf("%s with AllowPrivate: excluded=%v, want %v", tt.addr, bad, tt.allow)
		}
	}
}

func TestReadBlocklist(t *testing.T) {
	in := "# comment\n1.2.3.0/24\n\n  5.6.7.8  # one host\n2001:db8::/32\n"
	ps, err := ReadBlocklist("bl", strings.NewReader(in))
	if g := fmtV(ps, err); g != "[1.2.3.0/24 5.6.7.8/32 2001:db8::/32] <nil>" {
		t.Errorf("got %s", g)
	}
	_, err = ReadBlocklist("bl", strings.NewReader("1.2.3.0/24\nnonsense\n"))
	if g := fmtV(nil, err); g != `<nil> bl:2: expected CIDR prefix or address, found "nonsense"` {
		t.Errorf("got %s", g)
	}
}

func TestReadList(t *testing.T) {
	in := "saddr\n127.0.0.1\n127.0.0.2:2525\n127.0.0.1\n10.0.0.1\n[::1]:26\n# c\n127.0.0.3,extra,columns\n"
	l, err := ReadList("list", strings.NewReader(in), 25, &Exclusions{})
	if err != nil {
		t.Fatal(err)
	}
	if g := fmt.Sprint(l.Targets, l.Dropped); g != "[] 6" {
		t.Errorf("default exclusions: got %s", g)
	}
	l, err = ReadList("list", strings.NewReader(in), 25, &Exclusions{AllowPrivate: true})
	if g := fmtV(fmt.Sprint(l.Targets, l.Dropped), err); g != "[127.0.0.1:25 127.0.0.2:2525 10.0.0.1:25 [::1]:26 127.0.0.3:25] 1 <nil>" {
		t.Errorf("got %s", g)
	}
	_, err = ReadList("list", strings.NewReader("1.2.3.4\nfoo:bar\n"), 25, nil)
	if g := fmtV(nil, err); g != `<nil> list:2: expected ADDRESS or ADDRESS:PORT, found "foo:bar"` {
		t.Errorf("got %s", g)
	}
}

func TestSample(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&b, "127.0.%d.%d\n", i/256, i%256)
		if i%10 == 0 {
			fmt.Fprintf(&b, "127.0.%d.%d\n", i/256, i%256) // duplicates
		}
	}
	b.WriteString("192.0.2.1\n") // excluded: never sampled
	in := b.String()
	ex := &Exclusions{AllowPrivate: true}
	s1, err := Sample("list", strings.NewReader(in), 100, 5, 25, ex)
	if err != nil {
		t.Fatal(err)
	}
	s2, _ := Sample("list", strings.NewReader(in), 100, 5, 25, ex)
	if fmt.Sprint(s1.Targets) != fmt.Sprint(s2.Targets) {
		t.Error("same seed, different samples")
	}
	seen := map[netip.AddrPort]bool{}
	for _, x := range s1.Targets {
		if seen[x] {
			t.Errorf("%v sampled twice", x)
		}
		seen[x] = true
	}
	if len(s1.Targets) != 100 || s1.Dropped != 1 {
		t.Errorf("%d targets, %d dropped", len(s1.Targets), s1.Dropped)
	}
	all, _ := Sample("list", strings.NewReader(in), 5000, 5, 25, ex)
	if len(all.Targets) != 1000 {
		t.Errorf("sample larger than the list: %d targets, want the 1000 distinct", len(all.Targets))
	}
	// Uniformity, roughly: over many seeds each address is drawn about
	// 100/1000 of the time. 200 seeds: mean 20, so 0 or 60+ would be
	// far outside sampling error.
	hits := map[netip.AddrPort]int{}
	for seed := uint64(0); seed < 200; seed++ {
		s, _ := Sample("list", strings.NewReader(in), 100, seed, 25, ex)
		for _, x := range s.Targets {
			hits[x]++
		}
	}
	for x, n := range hits {
		if n > 60 {
			t.Errorf("%v drawn %d times in 200 samples (mean 20)", x, n)
		}
	}
	if len(hits) < 990 {
		t.Errorf("only %d of 1000 addresses ever drawn", len(hits))
	}
}
