package report

// The conclusions the seeds draw, computed: the words for a bound the
// sample supports, the 2001 outcome sentence, the share that answered
// HELP, the advisories' union and the relay share.

import (
	"fmt"
	"math"
	"strings"

	"github.com/smtpfp/smtpfp/transcript"
)

// claim writes the estimate as a bound the sample supports, or as an
// approximation when it supports none: "more than 4 million" only when
// the 95% interval's lower end is at least 4 million; otherwise "about
// 4.1 million". The bound is AtLeast's rounding; when the lower end falls
// just short of it, the next coarser round number is taken instead
// ("more than half a million" for 536000 +- 7000), as long as it keeps
// nine tenths of the estimate, so that a bound never says much less than
// the sample shows. A strict claim ("more than") needs a bound below the
// lower end: a census of one server is "at least 1", never "more than 1".
func (e Estimate) claim(strict bool) (bound bool, text string) {
	if e.Value <= 0 {
		return false, e.About()
	}
	u := unitBelow(e.half())
	if u < e.half() {
		u *= 10
	}
	if v := unitBelow(e.Value); u > v {
		u = v
	}
	for _, step := range []float64{u, u * 5, u * 10} {
		n := math.Floor(e.Value/step) * step
		if n > 0 && (n < e.Low || !strict && n == e.Low) && n >= 0.9*e.Value {
			return true, boundWords(n, step)
		}
	}
	return false, e.About()
}

// boundWords writes a round bound as the seeds do: "half a million",
// "660000", "2.1 million".
func boundWords(n, unit float64) string {
	if n == 500000 {
		return "half a million"
	}
	return formatNumber(n, math.Min(unit, n))
}

// MoreThan is claim in a sentence: "more than N" or "about N".
func (e Estimate) MoreThan() string {
	if ok, t := e.claim(true); ok {
		return "more than " + t
	}
	return "about " + e.About()
}

// AtLeastWords is claim for "at least N" ("at least 2.1 million"), or
// "about N".
func (e Estimate) AtLeastWords() string {
	if ok, t := e.claim(false); ok {
		return "at least " + t
	}
	return "about " + e.About()
}

// outcomeSentence writes the connections that did not greet as the 2001
// post does: "34036 connections timed out; 4057 were refused; 81 were
// dropped; 31 were rejected with code 572; ...".
func outcomeSentence(os []OutcomeCount) string {
	var parts []string
	for _, o := range os {
		if o.Outcome == transcript.Greeted || o.Outcome == transcript.Skipped {
			continue
		}
		subject := fmt.Sprint(o.Count)
		if len(parts) == 0 {
			subject += plural(o.Count, " connection", " connections")
		}
		parts = append(parts, subject+" "+outcomeVerb(o, o.Count))
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "; ") + "."
}

// outcomeVerb is what happened to connections with outcome o.
func outcomeVerb(o OutcomeCount, n int64) string {
	was := plural(n, "was", "were")
	switch o.Outcome {
	case transcript.TimedOut:
		return "timed out"
	case transcript.Refused:
		return was + " refused"
	case transcript.Dropped:
		return was + " dropped"
	case transcript.Reset:
		return was + " reset"
	case transcript.Rejected:
		return fmt.Sprintf("%s rejected with code %d", was, o.Code)
	case transcript.NoGreeting:
		return "got no greeting"
	case transcript.NotSMTP:
		return was + " " + o.Words() // "2 were not SMTP (TLS)"
	}
	return "failed: " + o.Words()
}

// helpSentence says how many greeted servers answered HELP with a 2xx
// reply ("Most of them responded to HELP"), when any HELP was sent.
func helpSentence(s *Summary) string {
	if s.HelpAsked == 0 {
		return ""
	}
	k, n := s.HelpOK, s.HelpAsked
	lo, hi := Wilson(k, n, z95, 1)
	var q string
	switch {
	case k == n:
		q = "All of them"
	case lo > 0.9:
		q = "Almost all of them"
	case lo > 0.5:
		q = "Most of them"
	case hi < 0.5:
		q = "Fewer than half of them"
	default:
		q = "About half of them"
	}
	return fmt.Sprintf("%s responded to HELP (%d of the %d asked, %s).", q, k, n, Percent(k, n))
}

// isHelpOK reports whether a greeted record's HELP got a positive
// reply, and whether HELP was sent at all.
func isHelpOK(rec *transcript.Record) (asked, answered bool) {
	for _, st := range rec.Steps {
		if len(st.Cmd) >= 4 && strings.EqualFold(st.Cmd[:4], "HELP") {
			return true, len(st.Reply) > 0 && st.Reply[0] == '2'
		}
	}
	return false, false
}

// countHelp adds a greeted record to the HELP counts.
func (s *Summary) countHelp(rec *transcript.Record) {
	if rec.Outcome != transcript.Greeted {
		return
	}
	if asked, answered := isHelpOK(rec); asked {
		s.HelpAsked++
		if answered {
			s.HelpOK++
		}
	}
}

// AnyAdvisory counts the greeted addresses on a version at least one
// advisory of the rulebase covers (each address once).
type AnyAdvisory struct {
	IDs      []string `json:"ids"`
	Affected int64    `json:"affected"`
	Estimate Estimate `json:"estimate"`
}

func anyAdvisory(s *Summary, as []Advisory) *AnyAdvisory {
	if len(as) == 0 {
		return nil
	}
	u := &AnyAdvisory{}
	for _, a := range as {
		u.IDs = append(u.IDs, a.ID)
	}
	for _, l := range s.Labels {
		for _, v := range l.Versions {
			for _, a := range as {
				if a.Label == l.Label && a.Affects(v.Version) {
					u.Affected += v.Count
					break
				}
			}
		}
	}
	u.Estimate = Estimated(u.Affected, s.Sample, s.Population)
	return u
}

// relaySentence is the post's conclusion 7 computed: "Almost all SMTP
// servers allow uncontrolled mail relaying", when the 95% interval of the
// share says so.
func (r *Report) relaySentence() string {
	rs := r.Relay
	k, n := rs.Accepted, rs.Probed
	lo, hi := Wilson(k, n, z95, 1)
	var q string
	switch {
	case k == n:
		q = "All"
	case lo >= 0.9:
		q = "Almost all"
	case lo > 0.5:
		q = "Most"
	case hi < 0.1:
		q = "Few"
	case hi < 0.5:
		q = "A minority of"
	default:
		q = "About half of the"
	}
	s := r.Summary
	probed := " probed"
	if n == s.Greeted() {
		probed = ""
	}
	t := fmt.Sprintf("%s SMTP servers%s allow uncontrolled mail relaying: %d of the %d servers probed for relaying (%s) accepted a recipient in a foreign domain",
		q, probed, k, n, Percent(k, n))
	if s.Population.Known() && k > 0 {
		e := Estimated(k, s.Sample, s.Population)
		t += fmt.Sprintf(", %s in the population (95%% confidence interval: %s)", e.MoreThan(), e.Interval())
	}
	return t + "."
}

// shareWords writes k of n as a fraction in words where one fits ("two thirds"),
// else as a percentage.
func shareWords(k, n int64) string {
	if n == 0 {
		return "none"
	}
	p := float64(k) / float64(n)
	for _, f := range []struct {
		lo, hi float64
		w      string
	}{{1, 1, "All"}, {0.9, 1, "Nearly all"}, {0.72, 0.78, "Three quarters"}, {0.62, 0.71, "Two thirds"},
		{0.48, 0.52, "Half"}, {0.31, 0.35, "A third"}, {0.23, 0.27, "A quarter"}} {
		if p >= f.lo && p <= f.hi {
			return f.w
		}
	}
	return Percent(k, n)
}
