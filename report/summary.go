package report

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/smtpfp/smtpfp/transcript"
)

// Population is the address space a survey drew its sample from: the
// whole IPv4 space (Kind "ipv4", Size 2^32, or the addresses a survey may
// contact when its header says so) or a list of addresses (Kind "list",
// Size its length). Estimates scale the sample's shares to Size.
type Population struct {
	Kind string `json:"kind"`           // "ipv4" or "list"; "" when unknown
	Size int64  `json:"size"`           // addresses in the population
	List string `json:"list,omitempty"` // the list's name, for a list
	// Streamed: the list came on a pipe, surveyed whole as it came, so
	// its size is its records', and a streamed survey's shards add up.
	Streamed bool `json:"streamed,omitempty"`
}

// Population kinds.
const (
	IPv4 = "ipv4" // random addresses from the whole IPv4 space
	List = "list" // a random sample of a list of addresses
)

// ParsePopulation reads the --population flag: "ipv4" (2^32 addresses),
// "list:N" or plain N (a list of N addresses).
func ParsePopulation(s string) (Population, error) {
	switch {
	case s == IPv4:
		return Population{Kind: IPv4, Size: 1 << 32}, nil
	case strings.HasPrefix(s, "list:"):
		s = s[len("list:"):]
	}
	var n int64
	if _, err := fmt.Sscanf(s, "%d", &n); err != nil || n <= 0 || fmt.Sprint(n) != s {
		return Population{}, fmt.Errorf(`bad population %q (want "ipv4", "list:N" or N)`, s)
	}
	return Population{Kind: List, Size: n}, nil
}

// Known reports whether the population is known, so estimates can be made.
func (p Population) Known() bool { return p.Size > 0 }

// RulebaseID names the rulebase that classified a survey's records.
type RulebaseID struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Hash    string `json:"hash"`
}

func (r RulebaseID) String() string {
	if r.Hash == "" {
		return "no rulebase (unclassified records)"
	}
	h := r.Hash
	if len(h) > 12 {
		h = h[:12]
	}
	return fmt.Sprintf("%s %s (hash %s)", r.Name, r.Version, h)
}

// OutcomeCount is one row of the outcome tally.
type OutcomeCount struct {
	Outcome transcript.Outcome `json:"outcome"`
	Code    int                `json:"code,omitempty"` // the greeting's code, for "rejected"
	Count   int64              `json:"count"`
	// Protocol is what a not-smtp server spoke ("tls", "ssh", "http",
	// "other"): each is a row of its own.
	Protocol string `json:"protocol,omitempty"`
}

// Words is the row's name in the seeds' words ("rejected with code 421",
// "not SMTP (TLS)").
func (o OutcomeCount) Words() string {
	if o.Outcome == transcript.NotSMTP && o.Protocol != "" {
		return o.Outcome.Words(o.Code) + " (" + transcript.ProtocolWords(o.Protocol) + ")"
	}
	return o.Outcome.Words(o.Code)
}

// LabelCount is one row of the software tally: greeted addresses that got
// one label.
type LabelCount struct {
	Label    string         `json:"label"`          // the label's identifier; "" for unclassified records
	Name     string         `json:"name"`           // display name with OS tags, as the tally prints it
	OS       []string       `json:"os,omitempty"`   // OS tags
	Default  bool           `json:"default"`        // the rulebase's default label: no rule matched
	Count    int64          `json:"count"`          // greeted addresses
	Rules    []RuleCount    `json:"rules"`          // the count broken down by the rule that matched
	Versions []VersionCount `json:"versions"`       // the count broken down by captured version ("" for none)
	Probed   int64          `json:"relay_probed"`   // addresses probed for relaying (--relay-probe)
	Relayed  int64          `json:"relay_accepted"` // of them, those that accepted the foreign recipient
}

// Product is the display name without its OS tags: "UNIX Sendmail" and
// "Windows Sendmail" are both Sendmail. The report groups software across
// OS variants by it.
func (l *LabelCount) Product() string {
	if len(l.OS) > 0 {
		if p, ok := strings.CutPrefix(l.Name, strings.Join(l.OS, "/")+" "); ok {
			return p
		}
	}
	return l.Name
}

// RuleCount is how many addresses one rule labelled.
type RuleCount struct {
	Rule  int   `json:"rule"`           // rule index, -1 for the default
	Line  int   `json:"line,omitempty"` // its source line
	Count int64 `json:"count"`
}

// VersionCount is how many addresses reported one product version.
type VersionCount struct {
	Version string `json:"version"`
	Count   int64  `json:"count"`
}

// Summary is what a survey's archives say, as counts. It is the input of
// every report format, and a JSON report carries it whole, so a report
// can stand in for its archives as a previous survey.
type Summary struct {
	Files       []string       `json:"files,omitempty"` // the archives read
	Survey      string         `json:"survey,omitempty"`
	Shards      []int          `json:"shards,omitempty"`    // shard numbers read, from the headers
	ShardsOf    int            `json:"shards_of,omitempty"` // shards in the survey, from the headers
	Population  Population     `json:"population"`
	Sample      int64          `json:"sample"`         // addresses in the archives, each one record
	Start       time.Time      `json:"start,omitzero"` // first connection attempt
	End         time.Time      `json:"end,omitzero"`   // last one
	PTRLookedUp int64          `json:"ptr_looked_up"`  // addresses whose PTR was looked up
	PTRFound    int64          `json:"ptr_found"`      // of them, those with a PTR record
	Outcomes    []OutcomeCount `json:"outcomes"`       // most frequent first
	Labels      []LabelCount   `json:"labels"`         // greeted addresses, most frequent first
	Rulebase    *RulebaseID    `json:"rulebase"`       // nil when no greeted record was classified
	RelayProbe  bool           `json:"relay_probe"`    // some greeted addresses were probed for relaying
	HelpAsked   int64          `json:"help_asked"`     // greeted addresses sent HELP
	HelpOK      int64          `json:"help_answered"`  // of them, those that answered 2xx
	Bad         int64          `json:"bad_records"`    // malformed lines skipped
	BadExamples []string       `json:"bad_examples,omitempty"`
	// Drew is what an unfinished survey's header said it would draw
	// (0 when the archive holds all of it): the report covers the
	// records there are, a smaller random sample of the same population.
	Drew int64 `json:"drew,omitempty"`
	// TLS is what came of STARTTLS and certificates (tls.go); nil when
	// the survey tried no TLS.
	TLS *TLSSummary `json:"tls,omitempty"`
}

// Count returns the number of addresses with outcome o (any code).
func (s *Summary) Count(o transcript.Outcome) int64 {
	var n int64
	for _, oc := range s.Outcomes {
		if oc.Outcome == o {
			n += oc.Count
		}
	}
	return n
}

// Greeted is the number of addresses that sent a greeting and were tallied.
func (s *Summary) Greeted() int64 { return s.Count(transcript.Greeted) }

// Contacted is the number of addresses the scanner tried to connect to.
func (s *Summary) Contacted() int64 { return s.Sample - s.Count(transcript.Skipped) }

// Reachable is the number of addresses where a host answered at all: it
// greeted, rejected, refused, reset or dropped the connection, or accepted
// it without a greeting, or answered in another protocol. Unreachable-host errors come from routers, so
// they do not count.
func (s *Summary) Reachable() int64 {
	var n int64
	for _, o := range reachable {
		n += s.Count(o)
	}
	return n
}

var reachable = []transcript.Outcome{transcript.Greeted, transcript.Rejected, transcript.Refused,
	transcript.Reset, transcript.Dropped, transcript.NoGreeting, transcript.NotSMTP}

// tally accumulates a Summary's counts in maps while records stream in.
type tally struct {
	outcomes map[OutcomeCount]int64 // key has Count 0
	labels   map[labelKey]*labelTally
}

type labelKey struct{ label, name string }

type labelTally struct {
	lc       LabelCount
	rules    map[RuleCount]int64
	versions map[string]int64
}

func newTally() *tally {
	return &tally{outcomes: map[OutcomeCount]int64{}, labels: map[labelKey]*labelTally{}}
}

func (t *tally) label(label, name string, os []string, def bool) *labelTally {
	k := labelKey{label, name}
	lt := t.labels[k]
	if lt == nil {
		lt = &labelTally{lc: LabelCount{Label: label, Name: name, OS: os, Default: def},
			rules: map[RuleCount]int64{}, versions: map[string]int64{}}
		t.labels[k] = lt
	}
	return lt
}

// addSummary adds the counts of s.
func (t *tally) addSummary(s *Summary) {
	for _, o := range s.Outcomes {
		t.outcomes[OutcomeCount{Outcome: o.Outcome, Code: o.Code, Protocol: o.Protocol}] += o.Count
	}
	for i := range s.Labels {
		l := &s.Labels[i]
		lt := t.label(l.Label, l.Name, l.OS, l.Default)
		lt.lc.Count += l.Count
		lt.lc.Probed += l.Probed
		lt.lc.Relayed += l.Relayed
		for _, r := range l.Rules {
			lt.rules[RuleCount{Rule: r.Rule, Line: r.Line}] += r.Count
		}
		for _, v := range l.Versions {
			lt.versions[v.Version] += v.Count
		}
	}
}

// fill sets s.Outcomes and s.Labels from the tally, in report order.
func (t *tally) fill(s *Summary) {
	s.Outcomes = s.Outcomes[:0]
	for k, n := range t.outcomes {
		k.Count = n
		s.Outcomes = append(s.Outcomes, k)
	}
	sortOutcomes(s.Outcomes)
	s.Labels = s.Labels[:0]
	for _, lt := range t.labels {
		l := lt.lc
		l.Rules = nil
		for k, n := range lt.rules {
			k.Count = n
			l.Rules = append(l.Rules, k)
		}
		sort.Slice(l.Rules, func(i, j int) bool {
			a, b := l.Rules[i], l.Rules[j]
			if a.Count != b.Count {
				return a.Count > b.Count
			}
			return a.Rule < b.Rule
		})
		l.Versions = nil
		for v, n := range lt.versions {
			l.Versions = append(l.Versions, VersionCount{v, n})
		}
		sort.Slice(l.Versions, func(i, j int) bool {
			return CompareVersions(l.Versions[i].Version, l.Versions[j].Version) < 0
		})
		s.Labels = append(s.Labels, l)
	}
	SortLabels(s.Labels)
}

// sortOutcomes orders the outcome tally most frequent first; ties go in
// the order of transcript.Outcomes, then by code.
func sortOutcomes(os []OutcomeCount) {
	rank := map[transcript.Outcome]int{}
	for i, o := range transcript.Outcomes {
		rank[o] = i
	}
	sort.Slice(os, func(i, j int) bool {
		a, b := os[i], os[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.Outcome != b.Outcome {
			return rank[a.Outcome] < rank[b.Outcome]
		}
		if a.Code != b.Code {
			return a.Code > b.Code
		}
		return a.Protocol < b.Protocol
	})
}

// SortLabels orders the software tally as the seed's `sort -rn` did: most
// frequent first, ties in descending byte order of the printed name (then
// of the label). It is the one order of every software tally: the
// report's and smtpfp classify --tally's.
func SortLabels(ls []LabelCount) {
	sort.Slice(ls, func(i, j int) bool {
		a, b := ls[i], ls[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.Name != b.Name {
			return a.Name > b.Name
		}
		return a.Label > b.Label
	})
}

// MixedRulebaseError is returned when records or shards were classified by
// different rulebases: their labels cannot be tallied together. Classify
// them all anew with one rulebase instead (a Classifier in Options).
type MixedRulebaseError struct {
	A, B         RulebaseID
	FileA, FileB string
}

func (e *MixedRulebaseError) Error() string {
	return fmt.Sprintf("records classified by different rulebases: %s in %s, %s in %s", e.A, e.FileA, e.B, e.FileB)
}

// PopulationError is returned when shards disagree about the population.
type PopulationError struct {
	A, B         Population
	FileA, FileB string
}

func (e *PopulationError) Error() string {
	return fmt.Sprintf("archives sample different populations: %s in %s, %s in %s",
		e.A.describe(), e.FileA, e.B.describe(), e.FileB)
}

func (p Population) describe() string {
	switch p.Kind {
	case IPv4:
		return "random IPv4 addresses"
	case List:
		if p.List != "" {
			return fmt.Sprintf("a list of %d addresses (%s)", p.Size, p.List)
		}
		return fmt.Sprintf("a list of %d addresses", p.Size)
	}
	return "an unknown population"
}

// MissingShards lists the shards of the survey (from 1) that no archive
// read holds.
func (s *Summary) MissingShards() []int {
	var out []int
	for i := 1; i <= s.ShardsOf; i++ {
		if !slices.Contains(s.Shards, i) {
			out = append(out, i)
		}
	}
	return out
}

// Merge adds the summaries of one survey's shards into one. It refuses
// shards classified by different rulebases (*MixedRulebaseError), shards
// of different populations (*PopulationError) and a shard given twice.
func Merge(ss ...*Summary) (*Summary, error) {
	m := &Summary{}
	t := newTally()
	seen := map[int]string{}
	var rbFile, popFile string
	for _, s := range ss {
		file := strings.Join(s.Files, ", ")
		if s.Survey != "" {
			if m.Survey != "" && m.Survey != s.Survey {
				return nil, fmt.Errorf("archives of different surveys: %q in %s, %q in %s", m.Survey, popFile, s.Survey, file)
			}
			m.Survey = s.Survey
		}
		m.ShardsOf = max(m.ShardsOf, s.ShardsOf)
		for _, sh := range s.Shards {
			if f, dup := seen[sh]; dup {
				return nil, fmt.Errorf("shard %d given twice: in %s and in %s", sh, f, file)
			}
			seen[sh] = file
			m.Shards = append(m.Shards, sh)
		}
		if p := s.Population; p.Streamed && m.Population.Streamed && p.Kind == m.Population.Kind && p.List == m.Population.List {
			m.Population.Size += p.Size
		} else if s.Population.Known() {
			if m.Population.Known() && m.Population != s.Population {
				return nil, &PopulationError{m.Population, s.Population, popFile, file}
			}
			m.Population, popFile = s.Population, file
		}
		if s.Rulebase != nil {
			if m.Rulebase != nil && *m.Rulebase != *s.Rulebase {
				return nil, &MixedRulebaseError{*m.Rulebase, *s.Rulebase, rbFile, file}
			}
			rb := *s.Rulebase
			m.Rulebase, rbFile = &rb, file
		}
		m.Files = append(m.Files, s.Files...)
		m.Sample += s.Sample
		m.PTRLookedUp += s.PTRLookedUp
		m.PTRFound += s.PTRFound
		m.RelayProbe = m.RelayProbe || s.RelayProbe
		m.HelpAsked += s.HelpAsked
		m.HelpOK += s.HelpOK
		m.Bad += s.Bad
		m.Drew += s.Drew
		m.TLS = mergeTLS(m.TLS, s.TLS)
		m.BadExamples = append(m.BadExamples, s.BadExamples...)
		if !s.Start.IsZero() && (m.Start.IsZero() || s.Start.Before(m.Start)) {
			m.Start = s.Start
		}
		if s.End.After(m.End) {
			m.End = s.End
		}
		t.addSummary(s)
	}
	sort.Ints(m.Shards)
	if len(m.BadExamples) > maxBadExamples {
		m.BadExamples = m.BadExamples[:maxBadExamples]
	}
	t.fill(m)
	return m, nil
}
