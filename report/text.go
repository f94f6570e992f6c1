package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/smtpfp/smtpfp/transcript"
)

// width is where the text report wraps its prose, as the seeds did.
const width = 72

// WriteText writes the report in the seeds' words: prose wrapped at 72
// columns, the outcome tally and the software tally as `%8d NAME` rows,
// most frequent first.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	s := r.Summary
	prev := r.Last()
	when := r.ago(prev)

	if !s.Start.IsZero() {
		a, z := s.Start.UTC().Format(time.DateOnly), s.End.UTC().Format(time.DateOnly)
		if a == z {
			para(&b, fmt.Sprintf("This survey was carried out on %s.", a))
		} else {
			para(&b, fmt.Sprintf("This survey was carried out between %s and %s.", a, z))
		}
	}

	if missing := s.MissingShards(); len(missing) > 0 {
		var names []string
		for _, m := range missing {
			names = append(names, strconv.Itoa(m))
		}
		para(&b, fmt.Sprintf("%s of the survey's %d shards %s missing: this report covers the other %d.",
			plural(int64(len(missing)), "Shard "+names[0], "Shards "+strings.Join(names, ", ")), s.ShardsOf,
			plural(int64(len(missing)), "is", "are"), s.ShardsOf-len(missing)))
	}
	if s.Sample <= 1 {
		r.writeTiny(&b)
		r.writeTLS(&b, nil) // what one handshake gave is a fact, not an estimate
		return finish(w, &b)
	}

	if e := r.Estimates.PTR; e != nil {
		t := fmt.Sprintf("The survey looked up PTR records for %s. %d of the IP addresses had PTR records. ",
			sampleWords(s.PTRLookedUp, s.Population), s.PTRFound)
		if s.Population.Kind == IPv4 {
			t += fmt.Sprintf("Evidently the Internet has about %s IP addresses with PTR records", e.About())
		} else {
			t += fmt.Sprintf("Evidently about %s of the listed IP addresses have PTR records", e.About())
		}
		t += fmt.Sprintf(" (95%% confidence interval: %s).", e.Interval())
		if prev != nil && prev.PTRLookedUp > 0 {
			t += " For comparison: the previous survey"
			if !strings.HasPrefix(when, "in ") {
				t += ", " + when + ","
			}
			t += fmt.Sprintf(" found %d addresses with PTR records out of %s.", prev.PTRFound, sampleWords(prev.PTRLookedUp, prev.Population))
		}
		para(&b, t)
	}

	contacted, greeted := s.Contacted(), s.Greeted()
	var t string
	switch {
	case s.PTRLookedUp > 0 && contacted < s.Sample && contacted == s.PTRFound:
		t = fmt.Sprintf("The survey tried to connect to the SMTP port at each of the %d addresses with PTR records; the other %d addresses were not contacted.",
			contacted, s.Sample-contacted)
	case r.Estimates.PTR != nil && contacted == s.Sample:
		t = "The survey tried to connect to each address at the SMTP port."
	case s.Population.Known() && contacted == s.Sample:
		t = fmt.Sprintf("The survey selected %s and tried to connect to the SMTP port at each address.", sampleWords(s.Sample, s.Population))
	default:
		t = fmt.Sprintf("The survey tried to connect to the SMTP port at %d of %s; the other %d were not contacted.",
			contacted, sampleWords(s.Sample, s.Population), s.Sample-contacted)
		if contacted == s.Sample {
			t = fmt.Sprintf("The survey tried to connect to the SMTP port at each of %s.", sampleWords(s.Sample, s.Population))
		}
	}
	switch {
	case contacted == 0:
		para(&b, t)
	case contacted == greeted:
		para(&b, t+" Every connection attempt led to a greeting message.")
	case s.PTRLookedUp > 0:
		// The 2001 post's way: one sentence ("34036 connections timed
		// out; 4057 were refused; ...").
		para(&b, t+" "+outcomeSentence(s.Outcomes))
	default:
		para(&b, t+" "+plural(contacted-greeted, "1 connection attempt", fmt.Sprintf("%d connection attempts", contacted-greeted))+" did not lead to a greeting message:")
		for _, o := range s.Outcomes {
			if o.Outcome != transcript.Greeted && o.Outcome != transcript.Skipped {
				fmt.Fprintf(&b, "%8d %s\n", o.Count, o.Words())
			}
		}
		b.WriteString("\n")
	}

	t = fmt.Sprintf("There %s.", plural(greeted, "was 1 successful connection", fmt.Sprintf("were %d successful connections", greeted)))
	if h := helpSentence(s); h != "" && greeted > 0 {
		t += " " + h
	}
	if e := r.Estimates.SMTP; e != nil {
		if s.Population.Kind == IPv4 {
			t += fmt.Sprintf(" Evidently the Internet has %s SMTP servers", e.MoreThan())
		} else {
			t += fmt.Sprintf(" Evidently there are %s SMTP servers among the listed addresses", e.MoreThan())
		}
		t += fmt.Sprintf(", counting reachable IP addresses, not hosts: multihomed hosts are counted multiple times (95%% confidence interval: %s).", e.Interval())
		if prev != nil && prev.Sample > 0 && prev.Population.Kind == s.Population.Kind {
			t += " " + trend(greeted, s.Sample, prev.Greeted(), prev.Sample, when)
		}
		if contacted < s.Sample {
			t += fmt.Sprintf(" The %d addresses not contacted may run SMTP servers too, so this is a lower bound.", s.Sample-contacted)
		}
	}
	para(&b, t)
	if e := r.Estimates.Reachable; e != nil {
		listed := ""
		if s.Population.Kind == List {
			listed = " of the listed"
		}
		para(&b, fmt.Sprintf("%s%s IP addresses were in use for hosts reachable during the survey: they greeted, refused, reset or dropped the connection, or rejected it with a code (%d of %d sampled addresses; 95%% confidence interval: %s).",
			capitalize(e.AtLeastWords()), listed, e.Count, e.Of, e.Interval()))
	} else if !s.Population.Known() {
		para(&b, "The archives do not say what population was sampled (random IPv4 addresses or a list), so there are no estimates for the population.")
	}

	if greeted > 0 {
		var c strings.Builder
		r.writeComments(&c, prev, when)
		if c.Len() > 0 {
			para(&b, "Some comments on the results:")
			b.WriteString(c.String())
		}
	}

	if len(s.Labels) > 0 {
		b.WriteString("Here are the software tallies:\n\n")
	}
	for _, l := range s.Labels {
		fmt.Fprintf(&b, "%8d %s\n", l.Count, l.Name)
		if r.byRule {
			for _, rc := range l.Rules {
				fmt.Fprintf(&b, "         %8d %s\n", rc.Count, r.ruleWords(rc))
			}
		}
	}
	if len(s.Labels) > 0 {
		b.WriteString("\n")
	}
	if rb := s.Rulebase; rb != nil && rb.Hash != "" {
		para(&b, fmt.Sprintf("The software was guessed by the rulebase %s version %s (hash %s).", rb.Name, rb.Version, rb.Hash))
	}

	if r.Relay != nil && r.Relay.Probed > 0 {
		b.WriteString("Open relays by software (accepted a foreign recipient, of those probed):\n\n")
		for _, l := range s.Labels {
			if l.Probed > 0 {
				fmt.Fprintf(&b, "%8d of %-6d %s\n", l.Relayed, l.Probed, l.Name)
			}
		}
		b.WriteString("\n")
	}

	r.writeTLS(&b, prev)
	if prev != nil {
		r.writeChanges(&b, prev, when)
	}
	if s.Drew > s.Sample {
		para(&b, fmt.Sprintf("The archive holds %d of the %d addresses the survey was to draw: it did not finish (smtpscan --resume completes it). The figures above are for the %d there are.", s.Sample, s.Drew, s.Sample))
	}
	r.writeBad(&b)
	return finish(w, &b)
}

func (r *Report) writeBad(b *strings.Builder) {
	if s := r.Summary; s.Bad > 0 {
		para(b, fmt.Sprintf("%d malformed archive lines were skipped; the first: %s", s.Bad, s.BadExamples[0]))
	}
}

// finish writes the report, ending in exactly one newline.
func finish(w io.Writer, b *strings.Builder) error {
	_, err := io.WriteString(w, strings.TrimSuffix(b.String(), "\n"))
	if err == nil {
		_, err = io.WriteString(w, "\n")
	}
	return err
}

// writeTiny reports an archive of no record or one: there is nothing to
// estimate or compare, and "every connection attempt" would be a
// stretch.
func (r *Report) writeTiny(b *strings.Builder) {
	s := r.Summary
	if s.Sample == 0 {
		para(b, "The archive holds no records: there is no survey to report.")
		r.writeBad(b)
		return
	}
	o := s.Outcomes[0]
	t := "The archive holds one record, too few for estimates or comparisons: "
	switch {
	case o.Outcome == transcript.Greeted && len(s.Labels) > 0:
		t += fmt.Sprintf("one address, which produced a greeting message; the software was guessed as %s.", s.Labels[0].Name)
	case o.Outcome == transcript.Greeted:
		t += "one address, which produced a greeting message."
	case o.Outcome == transcript.Skipped:
		t += "one address, not contacted."
	default:
		t += fmt.Sprintf("one connection attempt, which did not lead to a greeting message (%s).", o.Words())
	}
	para(b, t)
	if s.Drew > s.Sample {
		para(b, fmt.Sprintf("The archive holds %d of the %d addresses the survey was to draw: it did not finish (smtpscan --resume completes it).", s.Sample, s.Drew))
	}
	r.writeBad(b)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (r *Report) writeComments(b *strings.Builder, prev *Summary, when string) {
	o := r.OS
	if len(o.Sets) == 1 && o.Sets[0].OS == "" && o.Other == o.Greeted {
		o = OSSplit{} // no label has OS tags: there is no split to speak of
	}
	if o.Greeted > 0 {
		r.writeOS(b, o, prev, when)
	}
	r.writeProducts(b, prev, when)
	r.writeAdvisories(b)
	if rs := r.Relay; rs != nil && rs.Probed > 0 {
		bullet(b, r.relaySentence())
	}
}

func (r *Report) writeOS(b *strings.Builder, o OSSplit, prev *Summary, when string) {
	g := o.Greeted
	t := fmt.Sprintf("%s (%s) %s running UNIX-only software", addrs(o.UNIX), Percent(o.UNIX, g), are(o.UNIX))
	if prev != nil {
		po := osSplit(prev)
		t += r.change(o.UNIX, g, po.UNIX, po.Greeted, when)
		t += fmt.Sprintf(". %s (%s) %s running Windows-only software", addrs(o.Windows), Percent(o.Windows, g), are(o.Windows))
		t += r.change(o.Windows, g, po.Windows, po.Greeted, when)
		t += fmt.Sprintf(". %s (%s) %s answers consistent with both UNIX and Windows", addrs(o.Both), Percent(o.Both, g), provide(o.Both))
		t += r.change(o.Both, g, po.Both, po.Greeted, when) + "."
	} else {
		t += fmt.Sprintf(". %s (%s) %s running Windows-only software. %s (%s) %s answers consistent with both UNIX and Windows.",
			addrs(o.Windows), Percent(o.Windows, g), are(o.Windows), addrs(o.Both), Percent(o.Both, g), provide(o.Both))
	}
	if o.Other > 0 {
		var tagged []string
		untagged := int64(0)
		for _, set := range o.Sets {
			if set.OS == "" {
				untagged = set.Count
			} else {
				tagged = append(tagged, fmt.Sprintf("%s (%d)", set.OS, set.Count))
			}
		}
		t += fmt.Sprintf(" The other %s (%s) %s running", addrs(o.Other), Percent(o.Other, g), are(o.Other))
		if len(tagged) > 0 {
			t += " software for " + orList(tagged)
			if untagged > 0 {
				t += ", or"
			}
		}
		if untagged > 0 {
			t += fmt.Sprintf(" software with no OS tag (%d)", untagged)
		}
		t += "."
	}
	bullet(b, t)
}

// writeProducts writes a bullet for each product on more than 2% of the
// greeted addresses (the seed's threshold: "No SMTP package other than
// sendmail is running on more than 2% ..."), the most common one with its
// estimate for the population, the largest increase since the previous
// survey in the 2001 post's words, and a product most of whose addresses
// one rule matched (qmail's cpmta).
func (r *Report) writeProducts(b *strings.Builder, prev *Summary, when string) {
	s := r.Summary
	g := s.Greeted()
	var shown []ProductCount
	omitted := 0
	for _, p := range r.Products {
		if p.Default {
			continue
		}
		if p.Count*50 <= g {
			omitted++
			continue
		}
		shown = append(shown, p)
	}
	// The largest increase, and whether it is "by far" (twice the next).
	grew, best, next := -1, int64(0), int64(0)
	if prev != nil && r.sameSample() {
		for i, p := range shown {
			switch d := p.Count - productCount(prev, p.Product); {
			case d > best:
				grew, best, next = i, d, best
			case d > next:
				next = d
			}
		}
	}
	lastYear := when
	if when == "a year ago" {
		lastYear = "last year"
	}
	for i, p := range shown {
		var t string
		if i == grew {
			pk := productCount(prev, p.Product)
			far := ""
			if next*2 <= best {
				far = "by far "
			}
			t = fmt.Sprintf("%s has %sthe largest increase, up to %s (%s) from %s %s", p.Product, far, addrs(p.Count), Percent(p.Count, g), addrs(pk), lastYear)
		} else {
			t = fmt.Sprintf("%s (%s) %s running %s", addrs(p.Count), Percent(p.Count, g), are(p.Count), p.Product)
			if prev != nil {
				t += r.change(p.Count, g, productCount(prev, p.Product), prev.Greeted(), when)
			}
		}
		if i == 0 && s.Population.Known() && p.Count*2 > g {
			// The seed's conclusion 3: "80% of the reachable SMTP
			// servers---more than half a million IP addresses---were
			// running sendmail."
			t += fmt.Sprintf(": %s IP addresses in the population (95%% confidence interval: %s)", p.Estimate.MoreThan(), p.Estimate.Interval())
		}
		bullet(b, t+".")
		if d := r.oneRuleDeployments(p, prev, lastYear); d != "" {
			bullet(b, d)
		}
	}
	if len(shown) > 0 && omitted > 0 {
		var names []string
		for _, p := range shown {
			names = append(names, p.Product)
		}
		t := fmt.Sprintf("No SMTP package other than %s is running on more than 2%% of the reachable SMTP servers", andList(names))
		if e := r.Estimates.SMTP; e != nil {
			t += fmt.Sprintf(", about %s hosts", twoDigits(e.Value/50))
		}
		bullet(b, t+".")
	}
}

// oneRuleDeployments says so when one rule matched most (three fifths to nine
// tenths) of a product's addresses, as the cpmta rule does for qmail in
// 2001: "Two thirds of the qmail deployments, 110 addresses this year and
// 53 addresses last year, match one rule: rule 1 (line 13)".
func (r *Report) oneRuleDeployments(p ProductCount, prev *Summary, lastYear string) string {
	s := r.Summary
	var top RuleCount
	rules := 0
	for _, l := range s.Labels {
		if l.Product() != p.Product {
			continue
		}
		for _, rc := range l.Rules {
			rules++
			if rc.Count > top.Count {
				top = rc
			}
		}
	}
	if rules < 2 || top.Rule < 0 || top.Count < 10 || top.Count*10 < p.Count*6 || top.Count*10 >= p.Count*9 {
		return ""
	}
	frac := shareWords(top.Count, p.Count)
	if strings.HasSuffix(frac, "%") {
		return "" // a fraction the seed would name, or nothing
	}
	t := fmt.Sprintf("%s of the %s deployments, %s", frac, p.Product, addrs(top.Count))
	if prev != nil {
		var pk int64
		for _, l := range prev.Labels {
			if l.Product() == p.Product {
				for _, rc := range l.Rules {
					if rc.Rule == top.Rule && rc.Line == top.Line {
						pk += rc.Count
					}
				}
			}
		}
		t += fmt.Sprintf(" this year and %s %s", addrs(pk), lastYear)
	}
	return t + fmt.Sprintf(", match one rule: %s.", r.ruleWords(top))
}

// twoDigits rounds x to two significant digits ("about 13000 hosts").
func twoDigits(x float64) string {
	if x < 100 {
		return fmt.Sprintf("%.0f", x)
	}
	u := math.Pow(10, math.Floor(math.Log10(x))-1)
	return formatNumber(math.Round(x/u)*u, u)
}

func andList(xs []string) string {
	switch len(xs) {
	case 1:
		return xs[0]
	case 2:
		return xs[0] + " and " + xs[1]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

func (r *Report) writeAdvisories(b *strings.Builder) {
	s := r.Summary
	g := s.Greeted()
	for _, a := range r.Advisories {
		name := a.Name
		if name == "" {
			name = a.Label
		}
		t := fmt.Sprintf("%s (%s): %s (%s) %s running affected versions of %s",
			a.ID, a.Range(), addrs(a.Affected), Percent(a.Affected, g), are(a.Affected), name)
		if a.Affected > 0 && s.Population.Known() {
			t += fmt.Sprintf(", about %s in the population (95%% confidence interval: %s)", a.Estimate.About(), a.Estimate.Interval())
		}
		t += "."
		if a.Unknown > 0 {
			t += fmt.Sprintf(" %d more %s running %s gave no version.", a.Unknown, plural(a.Unknown, "address", "addresses"), name)
		}
		bullet(b, t)
	}
	if u := r.AnyAdvisory; u != nil && u.Affected > 0 && len(r.Advisories) > 1 {
		// The seed's conclusion 6: "There are more than half a million
		// SMTP servers with remotely exploitable security holes".
		t := fmt.Sprintf("%s (%s) %s running a version that %s covers",
			addrs(u.Affected), Percent(u.Affected, g), are(u.Affected), orList(u.IDs))
		if s.Population.Known() {
			t = fmt.Sprintf("There are %s SMTP servers with the security holes of %s: %s (%s) %s running a version one of them covers (95%% confidence interval: %s)",
				u.Estimate.MoreThan(), orList(u.IDs), addrs(u.Affected), Percent(u.Affected, g), are(u.Affected), u.Estimate.Interval())
		}
		bullet(b, t+".")
	}
}

// writeChanges prints the outcome and software tallies beside the previous
// survey's.
func (r *Report) writeChanges(b *strings.Builder, prev *Summary, when string) {
	s := r.Summary
	head := fmt.Sprintf("Changes since the previous survey (%s, %s):", dateRange(prev), when)
	if strings.HasPrefix(when, "in ") {
		head = fmt.Sprintf("Changes since the previous survey (%s):", dateRange(prev))
	}
	para(b, head)
	fmt.Fprintf(b, "%8s %8s %8s %s\n", "now", "before", "change", "outcome")
	for _, row := range joinRows(outcomeRows(s), outcomeRows(prev)) {
		fmt.Fprintf(b, "%8d %8d %+8d %s\n", row.now, row.before, row.now-row.before, row.name)
	}
	b.WriteString("\n")
	fmt.Fprintf(b, "%8s %8s %8s %s\n", "now", "before", "change", "software")
	for _, row := range joinRows(labelRows(s), labelRows(prev)) {
		fmt.Fprintf(b, "%8d %8d %+8d %s\n", row.now, row.before, row.now-row.before, row.name)
	}
	b.WriteString("\n")
}

type row struct {
	name        string
	now, before int64
}

func outcomeRows(s *Summary) []row {
	var rs []row
	for _, o := range s.Outcomes {
		rs = append(rs, row{name: o.Words(), now: o.Count})
	}
	return rs
}

func labelRows(s *Summary) []row {
	var rs []row
	for _, l := range s.Labels {
		rs = append(rs, row{name: l.Name, now: l.Count})
	}
	return rs
}

// joinRows puts the previous count beside each current row, in the current
// order, then the rows only the previous survey had.
func joinRows(now, before []row) []row {
	idx := map[string]int{}
	out := append([]row(nil), now...)
	for i, r := range out {
		idx[r.name] = i
	}
	for _, r := range before {
		if i, ok := idx[r.name]; ok {
			out[i].before += r.now
		} else {
			idx[r.name] = len(out)
			out = append(out, row{name: r.name, before: r.now})
		}
	}
	return out
}

// ruleWords names a rule: "rule 1 (line 52)", with its source when known.
func (r *Report) ruleWords(rc RuleCount) string {
	w := ruleWords(rc)
	if r.ruleSource != nil && rc.Rule >= 0 {
		if src := r.ruleSource(rc.Rule); src != "" {
			w += ": " + src
		}
	}
	return w
}

func ruleWords(rc RuleCount) string {
	switch {
	case rc.Rule < 0:
		return "default"
	case rc.Line > 0:
		return fmt.Sprintf("rule %d (line %d)", rc.Rule, rc.Line)
	}
	return fmt.Sprintf("rule %d", rc.Rule)
}

// sampleWords says what n sampled addresses were ("1000000 random IP
// addresses", "a random sample of 500000 addresses from a list of
// 12795635 IP addresses").
func sampleWords(n int64, p Population) string {
	switch p.Kind {
	case IPv4:
		if p.Size != 1<<32 {
			return fmt.Sprintf("%d random IP addresses (of the %d a survey may contact)", n, p.Size)
		}
		return fmt.Sprintf("%d random IP addresses", n)
	case List:
		return fmt.Sprintf("a random sample of %d addresses from a list of %d IP addresses", n, p.Size)
	}
	return fmt.Sprintf("%d addresses", n)
}

// ago says when the previous survey ran, seen from this one: "a year
// ago", "5 years ago", "3 months ago"; "in the previous survey" without
// dates.
func (r *Report) ago(prev *Summary) string {
	s := r.Summary
	if prev == nil || prev.Start.IsZero() || s.Start.IsZero() {
		return "in the previous survey"
	}
	d := s.Start.Sub(prev.Start)
	days := d.Hours() / 24
	switch months := math.Round(days / 30.44); {
	case days < 1:
		return "in the previous survey" // the same day: "0 days ago" says nothing
	case days < 1.5:
		return "a day ago"
	case days < 45:
		return fmt.Sprintf("%.0f days ago", math.Max(days, 0))
	case months < 11:
		return fmt.Sprintf("%.0f months ago", months)
	case math.Round(days/365.25) <= 1:
		return "a year ago"
	}
	return fmt.Sprintf("%.0f years ago", math.Round(days/365.25))
}

// change compares k of n greeted addresses with the previous survey's pk
// of pn: ", down from 434 a year ago". When both surveys sampled the same
// number of addresses from the same population it compares counts, as
// the seed does; otherwise shares.
func (r *Report) change(k, n, pk, pn int64, when string) string {
	return change(k, n, pk, pn, r.sameSample(), when)
}

// sameSample reports whether this survey and the last drew samples of one
// size from one kind of population, so that their counts compare.
func (r *Report) sameSample() bool {
	s, p := r.Summary, r.Last()
	return p != nil && s.Sample > 0 && s.Sample == p.Sample && s.Population == p.Population
}

func change(k, n, pk, pn int64, counts bool, when string) string {
	if pn == 0 {
		return ""
	}
	if counts {
		switch {
		case k < pk:
			return fmt.Sprintf(", down from %d %s", pk, when)
		case k > pk:
			return fmt.Sprintf(", up from %d %s", pk, when)
		}
		return ", the same as " + strings.TrimPrefix(when, "in ")
	}
	a, b := float64(k)/float64(n), float64(pk)/float64(pn)
	switch {
	case a != b && Percent(k, n) == Percent(pk, pn):
		// "69%, up from 69%" says nothing; the shares round alike.
		return ", about the same share as " + strings.TrimPrefix(when, "in ")
	case a < b:
		return fmt.Sprintf(", down from %s %s", Percent(pk, pn), when)
	case a > b:
		return fmt.Sprintf(", up from %s %s", Percent(pk, pn), when)
	}
	return ", the same share as " + strings.TrimPrefix(when, "in ")
}

// trend says how the share k/n of SMTP servers moved since pk/pn: within
// the noise of two samples (a two-proportion z test at 95%) it is "about
// the same"; a change under a tenth is "slight".
func trend(k, n, pk, pn int64, when string) string {
	p1, p0 := float64(k)/float64(n), float64(pk)/float64(pn)
	pool := float64(k+pk) / float64(n+pn)
	se := math.Sqrt(pool * (1 - pool) * (1/float64(n) + 1/float64(pn)))
	when = strings.TrimPrefix(when, "in ")
	if se == 0 || math.Abs(p1-p0)/se < z95 {
		return fmt.Sprintf("That is about the same as %s (%d of %d sampled addresses).", when, pk, pn)
	}
	dir := "an increase"
	if p1 < p0 {
		dir = "a decrease"
	}
	if math.Abs(p1-p0) < 0.1*p0 {
		dir = "a slight " + strings.TrimPrefix(strings.TrimPrefix(dir, "an "), "a ")
	}
	return fmt.Sprintf("That is %s from %s (%d of %d sampled addresses).", dir, when, pk, pn)
}

func dateRange(s *Summary) string {
	if s.Start.IsZero() {
		return "undated"
	}
	a, z := s.Start.UTC().Format(time.DateOnly), s.End.UTC().Format(time.DateOnly)
	if a == z {
		return a
	}
	return a + " to " + z
}

// addrs counts addresses: "1 address", "405 addresses".
func addrs(n int64) string { return fmt.Sprintf("%d %s", n, plural(n, "address", "addresses")) }

func are(n int64) string     { return plural(n, "is", "are") }
func provide(n int64) string { return plural(n, "provides", "provide") }

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func orList(xs []string) string {
	switch len(xs) {
	case 1:
		return xs[0]
	case 2:
		return xs[0] + " or " + xs[1]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

// para writes a paragraph wrapped at width, then a blank line.
func para(b *strings.Builder, text string) {
	wrap(b, text, "", "")
	b.WriteString("\n")
}

// bullet writes a bulleted item as the seed indents it, then a blank line.
func bullet(b *strings.Builder, text string) {
	wrap(b, text, "   * ", "     ")
	b.WriteString("\n")
}

// wrap fills words into lines of at most width bytes (a longer word gets
// a line of its own).
func wrap(b *strings.Builder, text, first, rest string) {
	line := first
	empty := true
	for _, w := range strings.Fields(text) {
		if !empty && len(line)+1+len(w) > width {
			b.WriteString(line + "\n")
			line, empty = rest, true
		}
		if !empty {
			line += " "
		}
		line += w
		empty = false
	}
	b.WriteString(line + "\n")
}
