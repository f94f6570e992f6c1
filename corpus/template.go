package corpus

import (
	"regexp"
	"strings"
	"sync"
)

// A template is a case with its variable parts cut out: the server's host
// name, the scanner's address as the server echoes it, dates, and version
// strings that have stand-ins which keep the case's rule winning. The
// generator fills the holes afresh for every record.
type template struct {
	c      *Case
	steps  []stepTmpl
	weight int // the case's share of its tally row's count, times 100
}

type stepTmpl struct {
	cmd   string
	err   string
	parts []part
}

type holeKind uint8

const (
	holeNone    holeKind = iota // lit only
	holeHost                    // the server's own name (the case's PTR)
	holeClient                  // the scanner's address
	holeDate                    // an RFC 822 date without zone
	holeDateZ                   // an RFC 822 date with a numeric zone
	holeVersion                 // versions[ver]: one of the stand-ins
)

type part struct {
	lit  string
	hole holeKind
	ver  int // index into the case's versions, for holeVersion
}

// versionAlts lists, for a case, version strings found in its replies and
// the stand-ins that may replace them (every occurrence alike). Each
// stand-in keeps the case's winning pattern true: the patterns that name a
// version (IMail 7, MDaemon 4, PMDF V5, Mercury 1.x, 8.6.12) keep it.
var versionAlts = map[string][][]string{
	"04-ntmail":          {{"v4.30.0012", "v4.30.0015", "v4.11.0007", "v5.06.0016"}},
	"05-mercur":          {{"v3.30.03", "v3.20.02", "v3.30.05"}},
	"07-sims":            {{"5.1 (built May  7 2001)", "5.0 (built Jul 29 2000)", "5.1 HotFix 0.3 (built Jun 22 2001)"}},
	"10-microsoft":       {{"5.5.2653.13", "5.5.2650.21", "5.5.2448.0"}},
	"11-mercury":         {{"1.48", "1.47", "1.43"}},
	"15-raptor":          {{"4.2.1.0", "4.3.5.0", "4.1.2.0"}},
	"16-mdaemon":         {{"v3.5.6", "v3.5.7", "v3.1.2"}},
	"19-james":           {{"1.2.1", "1.2", "1.2.2"}},
	"21-vopmail":         {{"3.5.0.5", "3.5.1.2", "3.0.2.7"}},
	"23-firstclass":      {{"v5.770", "v5.506", "v6.010"}},
	"24-microsoft":       {{"5.0.2195.2966", "5.0.2195.1600", "5.0.2195.3779"}},
	"25-imail":           {{"7.05 265211-1", "7.04 182047-3", "7.10 97562-1"}},
	"26-imail":           {{"6.06 70420-1", "6.05 34721-2", "6.00 2001-1"}},
	"27-imail":           {{"5.08 11205-1", "5.05 4077-1"}},
	"28-imail":           {{"4.06 20199-2", "4.03 8001-1"}},
	"29-microsoft":       {{"5.5.1877.197.19", "5.5.1877.447.44", "5.5.1877.537.53"}},
	"30-groupwise":       {{"5.5.5.1", "5.5.4.1", "5.2"}},
	"32-worldmail":       {{"1.3.167", "1.3.144", "2.0.012"}},
	"33-pmdf":            {{"V5.2-32 #40472", "V5.2-31 #36114", "V5.1-12 #28113"}},
	"34-lotusdomino":     {{"5.0.8", "5.0.7", "5.0.5", "4.6.7a"}},
	"37-winroute":        {{"4.1.24", "4.1.18", "4.2.3"}},
	"38-dmail":           {{"v2.8j", "v2.8b", "v2.7q"}},
	"39-argosoft":        {{"1.61 (1.6.1.6)", "1.70 (1.7.0.2)", "1.60 (1.6.0.9)"}},
	"40-sendmail":        {{"8.9.3", "8.8.8", "8.9.1", "8.8.7"}},
	"43-slmail":          {{"3.2.3113", "3.2.3110", "4.0.3412"}},
	"44-analogx":         {{"4.07", "4.10", "4.04"}},
	"46-ims":             {{"0.84", "0.86", "0.81"}},
	"47-mailmax":         {{"3.520", "3.014", "4.110"}},
	"48-sendmailwindows": {{"3.0.2", "3.0.1", "2.5.3"}},
	"50-sendmailwindows": {{"2.0.3", "2.0.2", "1.1.1"}},
	"51-ucx":             {{"V4.2-21", "V4.1-12", "V5.0A-10"}, {"V7.2", "V7.1", "V6.2"}},
	"52-mdaemon":         {{"4.0.5", "4.0.2", "4.0.0"}},
	"54-sendmail":        {{"8.11.6", "8.11.4", "8.11.2", "8.10.2", "8.11.3"}},
	"55-postoffice":      {{"v3.5.3 release 223", "v3.1 release 0", "v3.5.2 release 221"}},
	"56-postfix":         {{"Release-20010228", "Snapshot-20010714", "1.0.0"}},
	"57-exim":            {{"3.22 #1", "3.33 #2", "3.12 #1", "3.03 #1"}},
	"59-smail":           {{"3.2.0.111 #3", "3.2.0.109 #1", "3.1.29.1 #14"}},
	"65-sendmail":        {{"8.11.6", "8.11.4", "8.10.2"}},
	"66-sendmail":        {{"8.9.3", "8.8.8", "8.9.1"}},
}

// caseShares splits a tally row among its cases where they were not
// equally common: the post says 110 of the 167 qmail addresses were
// Critical Path's cpmta; the rest are guesses at 2001's mix (a stock
// " ESMTP Sendmail " banner far more common than a hidden one, IIS 5 than
// the Exchange POP3 oddity). A case not listed has share 1.
var caseShares = map[string]int{
	"01-qmail": 110, "02-qmail": 50, "03-qmail": 7,
	"54-sendmail": 20, "40-sendmail": 10, "65-sendmail": 4, "66-sendmail": 4,
	"24-microsoft": 8, "10-microsoft": 5, "29-microsoft": 4,
	"25-imail": 3, "26-imail": 4, "27-imail": 2,
	"41-postfix": 6, "56-postfix": 3,
}

func share(name string) int {
	if n, ok := caseShares[name]; ok {
		return n
	}
	return 1
}

// scannerAddr is the scanner's address in the recorded cases.
const scannerAddr = "198.51.100.77"

var dateRE = regexp.MustCompile(`(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [ 0-9]?[0-9] (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2}( [-+][0-9]{4})?`)

// templateSet is every case as a template, with what the generator needs
// to pick and aim: tally weights and the compiled seed patterns.
type templateSet struct {
	all     []template
	rules   []*regexp.Regexp // djbPatterns compiled, for near misses
	cum     []int            // cumulative weights over all
	total   int
	maxVers int
}

var (
	tsetOnce sync.Once
	tset     *templateSet
)

func templates() *templateSet {
	tsetOnce.Do(func() { tset = buildTemplates() })
	return tset
}

func buildTemplates() *templateSet {
	ts := &templateSet{}
	cs := djbCases()
	perRow := map[string]int{}
	for _, c := range cs {
		perRow[c.Want] += share(c.Name)
	}
	count := map[string]int{}
	for _, r := range Tally2001 {
		count[r.Name] = r.Count
	}
	for i := range cs {
		c := &cs[i]
		t := template{c: c, weight: max(1, count[c.Want]*100*share(c.Name)/perRow[c.Want])}
		vers := versionAlts[c.Name]
		ts.maxVers = max(ts.maxVers, len(vers))
		for _, s := range c.Record.Steps {
			t.steps = append(t.steps, stepTmpl{cmd: s.Cmd, err: s.Err, parts: cut(string(s.Reply), c.Record.PTR, vers)})
		}
		ts.all = append(ts.all, t)
		ts.total += t.weight
		ts.cum = append(ts.cum, ts.total)
	}
	for _, p := range djbPatterns {
		// The seed view holds no newline, so (?s) changes nothing there;
		// it keeps '.' matching every byte as awk's does.
		ts.rules = append(ts.rules, regexp.MustCompile("(?s)"+p))
	}
	return ts
}

// cut splits a reply into literal parts and holes.
func cut(s, host string, vers [][]string) []part {
	var out []part
	lit := func(x string) {
		if x == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].hole == holeNone {
			out[n-1].lit += x
			return
		}
		out = append(out, part{lit: x})
	}
	for s != "" {
		// Find the earliest hole; the longest wins a tie.
		at, n, h, v := len(s), 0, holeNone, 0
		try := func(i, l int, kind holeKind, ver int) {
			if i >= 0 && (i < at || i == at && l > n) {
				at, n, h, v = i, l, kind, ver
			}
		}
		if host != "" {
			try(strings.Index(s, host), len(host), holeHost, 0)
		}
		try(strings.Index(s, scannerAddr), len(scannerAddr), holeClient, 0)
		if m := dateRE.FindStringSubmatchIndex(s); m != nil {
			k := holeDate
			if m[6] >= 0 {
				k = holeDateZ
			}
			try(m[0], m[1]-m[0], k, 0)
		}
		for i, alts := range vers {
			try(strings.Index(s, alts[0]), len(alts[0]), holeVersion, i)
		}
		if h == holeNone {
			lit(s)
			break
		}
		lit(s[:at])
		out = append(out, part{lit: s[at : at+n], hole: h, ver: v})
		s = s[at+n:]
	}
	return out
}
