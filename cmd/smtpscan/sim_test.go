package main

import (
	"context"
	"fmt"
	"net/netip"
	"testing"

	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/scan"
	"github.com/smtpfp/smtpfp/transcript"
	"github.com/smtpfp/smtpfp/world"
)

// Every software of the simulated 2001 world, played by the simulated
// server from each of its recorded cases, is classified by the embedded
// rulebase as the tally row it stands for: the seed's own patterns
// recognise the simulated servers.
func TestWorldServersClassifyAsTheirRow(t *testing.T) {
	w := world.DJB2001(1)
	rb, err := rulebase.Load("embedded:djb2001.fp")
	if err != nil {
		t.Fatal(err)
	}
	s := &scan.Scanner{Dialer: w, Dialogue: scan.Standard("survey.example", ""), Classifier: pipeline.NewClassifier(rb)}
	// Find, for every software and case, an address the world gives it.
	want := map[*transcript.Record]string{}
	found := map[*transcript.Record]netip.Addr{}
	for _, sw := range w.Software {
		for i := range sw.Cases {
			want[&sw.Cases[i]] = sw.Name
		}
	}
	for i := uint32(0); len(found) < len(want) && i < 1<<26; i++ {
		a := netip.AddrFrom4([4]byte{byte(1 + i>>24), byte(i >> 16), byte(i >> 8), byte(i)})
		h := w.Host(a)
		if h.Case != nil {
			if _, ok := found[h.Case]; !ok {
				found[h.Case] = a
			}
		}
	}
	if len(found) < len(want) {
		t.Fatalf("found addresses for %d of %d cases", len(found), len(want))
	}
	for c, a := range found {
		rec, err := s.Scan(context.Background(), netip.AddrPortFrom(a, 25))
		if err != nil {
			t.Fatal(err)
		}
		got := "<nil>"
		if rec.Class != nil {
			got = rec.Class.Name
		}
		if rec.Outcome == transcript.NotSMTP && rec.Protocol == transcript.ProtoHTTP {
			// The seed tallied the HTTP server among the SMTP software;
			// the scanner now counts it apart, as not SMTP.
			got = "misconfigured HTTP server"
		}
		if got != want[c] {
			t.Errorf("%s (case of %s): classified %q, want %q\n%s", a, c.Addr, got, want[c], dump(rec))
		}
	}
}

func dump(rec *transcript.Record) string {
	s := fmt.Sprintf("outcome=%s code=%d error=%q\n", rec.Outcome, rec.Code, rec.Error)
	for _, st := range rec.Steps {
		s += fmt.Sprintf("  %q -> %q %s\n", st.Cmd, st.Reply, st.Err)
	}
	return s
}
