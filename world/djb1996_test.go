package world

import (
	"context"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/corpus"
	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/transcript"
)

// The 1996 list is built the seed's way and has the post's size: sorted,
// distinct, nothing in {0,1,10,127}.*, every address the simulated zone
// gives through its loopback DNS server in it, and some walk addresses
// removed as duplicates of them.
func TestList1996(t *testing.T) {
	l, err := BuildList1996(context.Background(), 1996, ListSize1996)
	if err != nil {
		t.Fatal(err)
	}
	if l.Len() != 12795635 {
		t.Fatalf("list of %d, want 12795635", l.Len())
	}
	for i := 1; i < len(l.Addrs); i++ {
		if l.Addrs[i] <= l.Addrs[i-1] {
			t.Fatalf("list not sorted and distinct at %d", i)
		}
	}
	for _, v := range l.Addrs {
		if seedExcluded(v) {
			t.Fatalf("%v is in {0,1,10,127}.*", addr4(v))
		}
	}
	if l.Walk+l.Zone != l.Len() || l.Duplicates == 0 || l.Excluded == 0 || l.ZoneDomains != ZoneDomains || l.ZoneGlue != ZoneDomains/2 {
		t.Errorf("list built as %s", l.Summary())
	}
	z := NewZone1996(1996)
	server, stop, err := z.Serve()
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	zone, _, _, err := z.Addresses(context.Background(), server)
	if err != nil {
		t.Fatal(err)
	}
	// Glue only would be a quarter of them: the MX/A lookups answered.
	if len(zone) != l.Zone || len(zone) < 2*ZoneDomains {
		t.Fatalf("zone gives %d addresses, the list took %d", len(zone), l.Zone)
	}
	for _, a := range zone {
		if l.index(a) < 0 {
			t.Fatalf("zone address %v not in the list", a)
		}
	}
	s := l.Sample(1000, 3)
	seen := map[netip.Addr]bool{}
	for _, a := range s {
		if seen[a] || l.index(a) < 0 {
			t.Fatalf("sample: %v repeated or not listed", a)
		}
		seen[a] = true
	}
	if !slices.Equal(s, l.Sample(1000, 3)) || slices.Equal(s, l.Sample(1000, 4)) {
		t.Error("sample is not a pure function of its seed")
	}
}

// A list world holds its mixes exactly: over every listed address, each
// outcome, each product and each case has its share of the list, to
// rounding.
func TestDJB1996DealIsExact(t *testing.T) {
	const size = 300000
	l, err := BuildList1996(context.Background(), 7, size)
	if err != nil {
		t.Fatal(err)
	}
	w := djb1996On(7, l)
	beh := map[transcript.Outcome]int{}
	sw := map[string]int{}
	cases := map[*transcript.Record]int{}
	for _, v := range l.Addrs {
		h := w.Host(addr4(v))
		beh[h.Behaviour.Outcome]++
		if h.Software != nil {
			sw[h.Software.Name]++
			cases[h.Case]++
		}
	}
	near := func(got int, want float64) bool { return float64(got) > want-1 && float64(got) < want+1 }
	for _, o := range corpus.Outcomes1996 {
		if want := float64(o.Count) * size / 500000; !near(beh[o.Outcome], want) {
			t.Errorf("%s: %d of %d, want %.1f", o.Outcome, beh[o.Outcome], size, want)
		}
	}
	g := beh[transcript.Greeted]
	for _, row := range corpus.Tally1996 {
		if want := float64(row.Count) * float64(g) / 26070; !near(sw[row.Name], want) {
			t.Errorf("%s: %d of %d greeted, want %.1f", row.Name, sw[row.Name], g, want)
		}
	}
	for i := range w.Software {
		s := &w.Software[i]
		total := 0
		for _, wt := range s.Weights {
			total += wt
		}
		for j := range s.Cases {
			if want := float64(s.Weights[j]) * float64(sw[s.Name]) / float64(total); !near(cases[&s.Cases[j]], want) {
				t.Errorf("%s case %d: %d, want %.1f", s.Name, j, cases[&s.Cases[j]], want)
			}
		}
	}
	if h := w.Host(netip.MustParseAddr("10.1.2.3")); h.Behaviour.Outcome != transcript.TimedOut || h.Software != nil {
		t.Errorf("an address off the list: %+v", h)
	}
}

// Every simulated 1996 dialogue is labelled by rules/djb1996.fp as the
// tally row it stands for, and Sendmail's with the version it shows.
func TestCases1996Classify(t *testing.T) {
	rb, err := rulebase.Load("embedded:djb1996.fp")
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range corpus.Tally1996 {
		cs := corpus.Cases1996(row.Name)
		if len(cs) == 0 {
			t.Errorf("no case for %q", row.Name)
		}
		for _, c := range cs {
			rec := c.Record
			pipeline.Classify(rb, &rec)
			if rec.Class.Name != row.Name {
				t.Errorf("%s: labelled %q by rule %d", c.Name, rec.Class.Name, rec.Class.Rule)
			}
			if row.Name == "Sendmail" && rec.Class.Version == "" {
				t.Errorf("%s: no version", c.Name)
			}
		}
	}
}

// The 2001 world draws qmail's cases as the post does: two thirds (110 of
// 167) are Critical Path's cpmta.
func TestDJB2001QmailIsTwoThirdsCpmta(t *testing.T) {
	w := DJB2001(3)
	var qmail *Software
	for i := range w.Software {
		if w.Software[i].Name == "UNIX qmail" {
			qmail = &w.Software[i]
		}
	}
	counts := make([]int64, len(qmail.Cases))
	const n = 167000
	for i := uint64(0); i < n; i++ {
		counts[pickCase(qmail, mix64(i))]++
	}
	if !within(counts[0], n, 110.0/167) || !within(counts[1], n, 29.0/167) {
		t.Errorf("qmail cases drawn %v of %d, want about 110000, 29000, 28000", counts, n)
	}
	if !strings.Contains(string(qmail.Cases[0].Greeting()), "CPMTA") {
		t.Errorf("qmail's first case is not cpmta: %q", qmail.Cases[0].Greeting())
	}
}
