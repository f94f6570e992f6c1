package scan

import (
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/smtpfp/smtpfp/transcript"
)

// Summary counts what a survey wrote, in the seeds' terms.
type Summary struct {
	Records     int64            // records written
	Resumed     int64            // targets already in the archive, not scanned again
	Excluded    int64            // targets dropped by the exclusions
	PTRLooked   int64            // records with a PTR lookup
	PTR         map[string]int64 // by PTR status ("ok", "nxdomain", ...)
	Outcomes    map[Tally]int64  // by outcome (and greeting code for rejections)
	Software    map[string]int64 // greeted hosts by classification display name
	RelayTested int64            // greeted hosts asked to relay (--relay-probe)
	Relays      int64            // of which accepted the foreign recipient
	TLS         map[string]int64 // TLS attempts by outcome and verdict ("handshake ok, valid", "handshake failed", ...)
	Elapsed     time.Duration
}

// Tally is one line of the outcome table.
type Tally struct {
	Outcome  transcript.Outcome
	Code     int    // rejections only
	Protocol string // not-smtp only
}

func newSummary() *Summary {
	return &Summary{PTR: map[string]int64{}, Outcomes: map[Tally]int64{}, Software: map[string]int64{}, TLS: map[string]int64{}}
}

func (s *Summary) add(rec *transcript.Record) {
	s.Records++
	if rec.PTRStatus != "" {
		s.PTRLooked++
		s.PTR[rec.PTRStatus]++
	}
	k := Tally{Outcome: rec.Outcome}
	if rec.Outcome == transcript.Rejected {
		k.Code = rec.Code
	}
	if rec.Outcome == transcript.NotSMTP {
		k.Protocol = rec.Protocol
	}
	s.Outcomes[k]++
	if rec.Outcome == transcript.Greeted {
		name := "unclassified"
		if rec.Class != nil {
			name = rec.Class.Name
		}
		s.Software[name]++
	}
	if t := rec.TLS; t != nil {
		k := "handshake " + t.Handshake
		if t.Verify != "" {
			k += ", certificate " + t.Verify
		}
		s.TLS[k]++
	}
	if rec.Relay != nil {
		s.RelayTested++
		if *rec.Relay {
			s.Relays++
		}
	}
}

type count struct {
	n    int64
	name string
}

// sorted orders a tally as the seeds do: largest count first, then by name.
func sorted(m map[string]int64) []count {
	var out []count
	for k, v := range m {
		out = append(out, count{v, k})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].n != out[j].n {
			return out[i].n > out[j].n
		}
		// Ties in descending name order, as the seed's sort -rn put
		// them and as smtpfp report and classify --tally print them.
		return out[i].name > out[j].name
	})
	return out
}

// Print writes the summary as the 2001 post reports a survey: PTR
// counts, then connection outcomes, then the software tally.
func (s *Summary) Print(w io.Writer) {
	rate := 0.0
	if secs := s.Elapsed.Seconds(); secs > 0 {
		rate = float64(s.Records) / secs
	}
	fmt.Fprintf(w, "%d addresses recorded in %s (%.0f/s)", s.Records, s.Elapsed.Round(time.Millisecond), rate)
	if s.Resumed > 0 {
		fmt.Fprintf(w, "; %d already in the archive", s.Resumed)
	}
	if s.Excluded > 0 {
		fmt.Fprintf(w, "; %d excluded", s.Excluded)
	}
	fmt.Fprintln(w)
	if s.PTRLooked > 0 {
		ok := s.PTR["ok"]
		fmt.Fprintf(w, "%d of the %d addresses looked up had PTR records; %d had none", ok, s.PTRLooked, s.PTRLooked-ok)
		var why []string
		for _, c := range sorted(s.PTR) {
			if c.name != "ok" {
				why = append(why, fmt.Sprintf("%d %s", c.n, c.name))
			}
		}
		if len(why) > 0 {
			fmt.Fprintf(w, " (%s)", join(why))
		}
		fmt.Fprintln(w, ".")
	}
	words := map[string]int64{}
	for k, v := range s.Outcomes {
		name := k.Outcome.Words(k.Code)
		if k.Protocol != "" {
			name += " (" + transcript.ProtocolWords(k.Protocol) + ")"
		}
		words[name] += v
	}
	fmt.Fprintln(w, "\nconnections:")
	for _, c := range sorted(words) {
		fmt.Fprintf(w, "%8d %s\n", c.n, c.name)
	}
	if len(s.Software) > 0 {
		fmt.Fprintln(w, "\nsoftware of the greeted:")
		for _, c := range sorted(s.Software) {
			fmt.Fprintf(w, "%8d %s\n", c.n, c.name)
		}
	}
	if len(s.TLS) > 0 {
		fmt.Fprintln(w, "\nTLS:")
		for _, c := range sorted(s.TLS) {
			fmt.Fprintf(w, "%8d %s\n", c.n, c.name)
		}
	}
	if s.RelayTested > 0 {
		fmt.Fprintf(w, "\n%d of %d greeted servers accepted a recipient in a foreign domain (open relays).\n", s.Relays, s.RelayTested)
	}
}

func join(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}
