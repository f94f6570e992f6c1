package report

import (
	"fmt"
	"sort"
	"strings"
)

// Report is a survey's summary with everything derived from it: what every
// output format prints. New builds it; the JSON format is it, verbatim.
type Report struct {
	Summary    *Summary        `json:"summary"`
	Estimates  Estimates       `json:"estimates"`
	OS         OSSplit         `json:"os"`
	Products   []ProductCount  `json:"products"`
	Advisories []AdvisoryCount `json:"advisories,omitempty"`
	// AnyAdvisory counts the addresses any advisory covers, each once.
	AnyAdvisory *AnyAdvisory `json:"any_advisory,omitempty"`
	Relay       *RelayShare  `json:"relay,omitempty"`
	TLS         *TLSShares   `json:"tls,omitempty"` // shares of Summary.TLS with their intervals
	// Previous holds earlier surveys, oldest first; comparisons are with
	// the last one.
	Previous []*Summary `json:"previous,omitempty"`

	byRule     bool
	ruleSource func(int) string
}

// Estimates are the population estimates the seeds make. A nil estimate
// could not be made: the population is unknown, or PTR records were not
// looked up.
type Estimates struct {
	PTR       *Estimate `json:"ptr,omitempty"`       // addresses with PTR records
	Reachable *Estimate `json:"reachable,omitempty"` // addresses of reachable hosts
	SMTP      *Estimate `json:"smtp,omitempty"`      // addresses running SMTP servers
}

// OSSplit divides the greeted addresses by the OS tags of their label.
// UNIX counts labels tagged only UNIX (or Linux, BSD), Windows labels
// tagged only Windows, Both labels tagged with both and nothing else;
// Other is the rest, broken down by tag set in Sets.
type OSSplit struct {
	Greeted int64      `json:"greeted"`
	UNIX    int64      `json:"unix_only"`
	Windows int64      `json:"windows_only"`
	Both    int64      `json:"unix_and_windows"`
	Other   int64      `json:"other"`
	Sets    []OSSetCnt `json:"other_sets,omitempty"`
}

// OSSetCnt counts greeted addresses whose label has one set of OS tags
// ("MacOS/Windows"; "" for labels without tags).
type OSSetCnt struct {
	OS    string `json:"os"`
	Count int64  `json:"count"`
}

// ProductCount groups the labels of one product across OS variants (see
// LabelCount.Product).
type ProductCount struct {
	Product  string   `json:"product"`
	Count    int64    `json:"count"`
	Default  bool     `json:"default"` // the rulebase's default label ("not sure")
	Labels   []string `json:"labels"`  // the tally names it groups
	Estimate Estimate `json:"estimate"`
}

// Advisory is a security advisory as a rulebase declares it:
// `advisory "CVE-2020-7247" opensmtpd < "6.6.2"` affects hosts labelled
// opensmtpd whose captured version v satisfies v < 6.6.2, and
// `advisory "CA-96.20" sendmail >= "8.7" && < "8.7.6"` those with
// 8.7 <= v < 8.7.6.
type Advisory struct {
	ID       string `json:"id"`
	Label    string `json:"label"`
	Op       string `json:"op"`
	Version  string `json:"version"`
	Op2      string `json:"op2,omitempty"` // a range's upper bound
	Version2 string `json:"version2,omitempty"`
}

// Affects reports whether the advisory covers version v (never the
// unknown version "").
func (a Advisory) Affects(v string) bool {
	return Matches(v, a.Op, a.Version) && (a.Op2 == "" || Matches(v, a.Op2, a.Version2))
}

// Range writes the advisory's versions as the rulebase does:
// "sendmail >= 8.7 && < 8.7.6".
func (a Advisory) Range() string {
	t := fmt.Sprintf("%s %s %s", a.Label, a.Op, a.Version)
	if a.Op2 != "" {
		t += fmt.Sprintf(" && %s %s", a.Op2, a.Version2)
	}
	return t
}

// AdvisoryCount is how many greeted addresses an advisory affects.
type AdvisoryCount struct {
	Advisory
	Name     string   `json:"name"`     // the label's product name, "" if no address had the label
	Labelled int64    `json:"labelled"` // addresses with the label
	Affected int64    `json:"affected"` // of them, those on an affected version
	Unknown  int64    `json:"unknown"`  // of them, those whose version is unknown
	Estimate Estimate `json:"estimate"` // Affected scaled to the population
}

// RelayShare is the share of probed greeted addresses that accepted a
// recipient in a foreign domain (--relay-probe).
type RelayShare struct {
	Probed   int64 `json:"probed"`
	Accepted int64 `json:"accepted"`
}

// Config says what a report adds to a summary.
type Config struct {
	Previous   []*Summary // earlier surveys, in any order
	Advisories []Advisory // from the rulebase
	ByRule     bool       // break the software tally down by rule
	// RuleSource, when set, gives the source of rule i of the rulebase
	// that classified the summary, for the by-rule breakdown.
	RuleSource func(i int) string
}

// New derives a report from a survey's summary.
func New(s *Summary, cfg Config) *Report {
	r := &Report{Summary: s, byRule: cfg.ByRule, ruleSource: cfg.RuleSource}
	pop := s.Population
	if pop.Known() {
		if s.PTRLookedUp > 0 {
			e := Estimated(s.PTRFound, s.PTRLookedUp, pop)
			r.Estimates.PTR = &e
		}
		if s.Sample > 0 {
			e := Estimated(s.Reachable(), s.Sample, pop)
			r.Estimates.Reachable = &e
			e2 := Estimated(s.Greeted(), s.Sample, pop)
			r.Estimates.SMTP = &e2
		}
	}
	r.OS = osSplit(s)
	r.Products = products(s)
	for _, a := range cfg.Advisories {
		r.Advisories = append(r.Advisories, countAdvisory(s, a))
	}
	r.AnyAdvisory = anyAdvisory(s, cfg.Advisories)
	if s.RelayProbe {
		rs := &RelayShare{}
		for _, l := range s.Labels {
			rs.Probed += l.Probed
			rs.Accepted += l.Relayed
		}
		r.Relay = rs
	}
	r.TLS = tlsShares(s.TLS)
	r.Previous = append([]*Summary(nil), cfg.Previous...)
	sort.SliceStable(r.Previous, func(i, j int) bool {
		a, b := r.Previous[i].Start, r.Previous[j].Start
		return !a.IsZero() && !b.IsZero() && a.Before(b)
	})
	return r
}

// Last is the previous survey that comparisons are made with, or nil.
func (r *Report) Last() *Summary {
	if len(r.Previous) == 0 {
		return nil
	}
	return r.Previous[len(r.Previous)-1]
}

var unixLike = map[string]bool{"UNIX": true, "Linux": true, "BSD": true}

func osSplit(s *Summary) OSSplit {
	o := OSSplit{Greeted: s.Greeted()}
	sets := map[string]int64{}
	for _, l := range s.Labels {
		var unix, win, other bool
		for _, t := range l.OS {
			switch {
			case unixLike[t]:
				unix = true
			case t == "Windows":
				win = true
			default:
				other = true
			}
		}
		switch {
		case unix && !win && !other:
			o.UNIX += l.Count
		case win && !unix && !other:
			o.Windows += l.Count
		case unix && win && !other:
			o.Both += l.Count
		default:
			o.Other += l.Count
			sets[strings.Join(l.OS, "/")] += l.Count
		}
	}
	for k, n := range sets {
		o.Sets = append(o.Sets, OSSetCnt{k, n})
	}
	sort.Slice(o.Sets, func(i, j int) bool {
		a, b := o.Sets[i], o.Sets[j]
		if (a.OS == "") != (b.OS == "") {
			return b.OS == "" // untagged last
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.OS < b.OS
	})
	return o
}

func products(s *Summary) []ProductCount {
	idx := map[string]int{}
	var ps []ProductCount
	for _, l := range s.Labels {
		name := l.Product()
		i, ok := idx[name]
		if !ok {
			i = len(ps)
			idx[name] = i
			ps = append(ps, ProductCount{Product: name, Default: true})
		}
		ps[i].Count += l.Count
		ps[i].Default = ps[i].Default && l.Default
		ps[i].Labels = append(ps[i].Labels, l.Name)
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Count > ps[j].Count })
	for i := range ps {
		ps[i].Estimate = Estimated(ps[i].Count, s.Sample, s.Population)
	}
	return ps
}

// productCount is the count of one product in s (0 if absent).
func productCount(s *Summary, product string) int64 {
	var n int64
	for _, l := range s.Labels {
		if l.Product() == product {
			n += l.Count
		}
	}
	return n
}

func countAdvisory(s *Summary, a Advisory) AdvisoryCount {
	ac := AdvisoryCount{Advisory: a}
	for _, l := range s.Labels {
		if l.Label != a.Label {
			continue
		}
		ac.Name = l.Product()
		ac.Labelled += l.Count
		for _, v := range l.Versions {
			switch {
			case v.Version == "":
				ac.Unknown += v.Count
			case a.Affects(v.Version):
				ac.Affected += v.Count
			}
		}
	}
	ac.Estimate = Estimated(ac.Affected, s.Sample, s.Population)
	return ac
}
