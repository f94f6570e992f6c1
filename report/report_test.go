package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/transcript"
)

// TestWilson checks the interval against published values: Newcombe,
// "Two-sided confidence intervals for the single proportion: comparison
// of seven methods", Statistics in Medicine 17 (1998), Table I, method 3
// (score interval without continuity correction).
func TestWilson(t *testing.T) {
	for _, tc := range []struct {
		k, n   int64
		lo, hi float64
	}{
		{81, 263, 0.2553, 0.3662},
		{15, 148, 0.0624, 0.1605},
		{0, 20, 0, 0.1611},
		{1, 29, 0.0061, 0.1718},
		{29, 29, 0.8830, 1},
	} {
		lo, hi := Wilson(tc.k, tc.n, z95, 1)
		if math.Abs(lo-tc.lo) > 5e-5 || math.Abs(hi-tc.hi) > 5e-5 {
			t.Errorf("Wilson(%d/%d) = %.4f to %.4f, want %.4f to %.4f", tc.k, tc.n, lo, hi, tc.lo, tc.hi)
		}
	}
}

func TestEstimated(t *testing.T) {
	ipv4 := Population{Kind: IPv4, Size: 1 << 32}
	list := Population{Kind: List, Size: 12795635}
	for _, tc := range []struct {
		name                     string
		k, n                     int64
		pop                      Population
		value, lo, hi            float64 // lo and hi to within 0.05%
		about, atLeast, interval string
	}{
		// Expected values were computed apart from this code (Python,
		// Wilson's formula with z^2 scaled by the finite population
		// correction (N-n)/(N-1)). 2001: 39206 of 1000000 random IPv4
		// addresses had PTR records, 958 greeted.
		{"ptr2001", 39206, 1000000, ipv4, 168388488, 166762463, 170029715, "168 million", "160 million", "166.8 to 170.0 million"},
		{"smtp2001", 958, 1000000, ipv4, 4114579, 3862286, 4383335, "4.1 million", "4 million", "3.86 to 4.38 million"},
		// 1996: 26070 of 500000 from a list of 12795635 greeted, 82696
		// answered; the correction (0.96093) narrows the interval.
		{"smtp1996", 26070, 500000, list, 667164, 659478, 674936, "667000", "660000", "659500 to 674900"},
		{"reach1996", 82696, 500000, list, 2116296, 2103410, 2129244, "2.12 million", "2.1 million", "2.103 to 2.129 million"},
		// The whole list: nothing left to estimate.
		{"census", 5, 10, Population{Kind: List, Size: 10}, 5, 5, 5, "5", "5", "5 to 5"},
		{"none", 0, 1000, ipv4, 0, 0, 16435799, "0", "0", "0.0 to 16.4 million"},
	} {
		e := Estimated(tc.k, tc.n, tc.pop)
		if math.Abs(e.Value-tc.value) > 1 || math.Abs(e.Low-tc.lo) > 1 || math.Abs(e.High-tc.hi) > 1 {
			t.Errorf("%s: %.0f (%.0f to %.0f), want %.0f (%.0f to %.0f)", tc.name, e.Value, e.Low, e.High, tc.value, tc.lo, tc.hi)
		}
		if got := e.About(); got != tc.about {
			t.Errorf("%s: About() = %q, want %q", tc.name, got, tc.about)
		}
		if got := e.AtLeast(); got != tc.atLeast {
			t.Errorf("%s: AtLeast() = %q, want %q", tc.name, got, tc.atLeast)
		}
		if got := e.Interval(); got != tc.interval {
			t.Errorf("%s: Interval() = %q, want %q", tc.name, got, tc.interval)
		}
	}
}

func TestPercent(t *testing.T) {
	for _, tc := range []struct {
		k, n int64
		want string
	}{
		{623, 958, "65%"}, {276, 958, "29%"}, {31, 958, "3%"}, {405, 958, "42%"}, {167, 958, "17%"},
		{20963, 26070, "80%"}, {1, 958, "<1%"}, {0, 958, "0%"}, {0, 0, "0%"}, {958, 958, "100%"}, {26009, 26070, ">99%"},
	} {
		if got := Percent(tc.k, tc.n); got != tc.want {
			t.Errorf("Percent(%d, %d) = %q, want %q", tc.k, tc.n, got, tc.want)
		}
	}
}

func TestCompareVersions(t *testing.T) {
	// Each row is in increasing order.
	for _, row := range [][]string{
		{"", "8.9.3", "8.9.3p1", "8.9.3p2", "8.10.0", "8.12.8", "8.12.10"},
		{"4.9", "4.87", "4.91", "4.92", "4.94", "4.94.2", "4.95"},
		{"6.6.1p1", "6.6.2rc1", "6.6.2", "6.6.2p1", "6.7.0"},
		{"3.5-beta", "3.5", "3.5.1", "3.5.10"},
		{"2.0a1", "2.0b2", "2.0", "2.0a"},
		{"1.0", "1.0.0.1"},
	} {
		for i := range row {
			for j := range row {
				want := 0
				if i < j {
					want = -1
				} else if i > j {
					want = 1
				}
				if got := CompareVersions(row[i], row[j]); got != want {
					t.Errorf("CompareVersions(%q, %q) = %d, want %d", row[i], row[j], got, want)
				}
			}
		}
	}
	for _, eq := range [][2]string{{"1.07", "1.7"}, {"4.94.2", "4.94-2"}, {"8.9.3", "8.9.3"}} {
		if c := CompareVersions(eq[0], eq[1]); c != 0 {
			t.Errorf("CompareVersions(%q, %q) = %d, want 0", eq[0], eq[1], c)
		}
	}
}

func TestMatches(t *testing.T) {
	for _, tc := range []struct {
		v, op, want string
		ok          bool
	}{
		{"6.6.1p1", "<", "6.6.2", true}, {"6.6.2p1", "<", "6.6.2", false}, {"6.6.2", "<=", "6.6.2", true},
		{"4.91", "<", "4.92", true}, {"4.92", "=", "4.92", true}, {"4.92", ">", "4.92", false},
		{"4.94.2", ">=", "4.92", true}, {"", "<", "9", false}, {"1", "!=", "2", false},
	} {
		if got := Matches(tc.v, tc.op, tc.want); got != tc.ok {
			t.Errorf("Matches(%q %s %q) = %v, want %v", tc.v, tc.op, tc.want, got, tc.ok)
		}
	}
}

// rec builds a record for archive tests.
func rec(addr string, o transcript.Outcome, class *transcript.Class) *transcript.Record {
	return &transcript.Record{Addr: addr, Outcome: o, Class: class, PTRStatus: "nxdomain"}
}

func class(label, name, hash string, os ...string) *transcript.Class {
	return &transcript.Class{Label: label, Name: name, OS: os, Rule: 1, Rulebase: "rb", RulesVer: hash, Hash: hash}
}

func archive(header string, recs ...*transcript.Record) string {
	var b bytes.Buffer
	if header != "" {
		b.WriteString(header + "\n")
	}
	w := transcript.NewWriter(&b)
	for _, r := range recs {
		w.Write(r)
	}
	return b.String()
}

func read(t *testing.T, name, text string, opt Options) *Summary {
	t.Helper()
	s, err := ReadArchive(name, strings.NewReader(text), opt)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestMergeShards: shards merged are the archive read whole.
func TestMergeShards(t *testing.T) {
	var recs []*transcript.Record
	for i := 0; i < 40; i++ {
		addr := fmt.Sprintf("192.0.2.%d", i)
		switch i % 4 {
		case 0:
			recs = append(recs, rec(addr, transcript.Greeted, class("sendmail", "UNIX Sendmail", "h1", "UNIX")))
		case 1:
			recs = append(recs, rec(addr, transcript.Greeted, class("exim", "UNIX Exim", "h1", "UNIX")))
		case 2:
			recs = append(recs, rec(addr, transcript.TimedOut, nil))
		default:
			r := rec(addr, transcript.Rejected, nil)
			r.Code = 421 + i%2*151
			recs = append(recs, r)
		}
	}
	hdr := `{"survey":{"format":1,"id":"s","population":"ipv4","shard":%d,"shards":3}}`
	whole := read(t, "whole", archive(`{"survey":{"format":1,"id":"s","population":"ipv4"}}`, recs...), Options{})
	a := read(t, "a", archive(fmt.Sprintf(hdr, 1), recs[:7]...), Options{})
	b := read(t, "b", archive(fmt.Sprintf(hdr, 2), recs[7:30]...), Options{})
	c := read(t, "c", archive(fmt.Sprintf(hdr, 3), recs[30:]...), Options{})
	m, err := Merge(c, a, b)
	if err != nil {
		t.Fatal(err)
	}
	m.Files, whole.Files, m.Shards, whole.Shards, m.ShardsOf = nil, nil, nil, nil, 0
	if !reflect.DeepEqual(m, whole) {
		t.Errorf("merged:\n%+v\nwhole:\n%+v", m, whole)
	}

	if _, err := Merge(a, a); err == nil || !strings.Contains(err.Error(), "shard 1 given twice") {
		t.Errorf("same shard twice: %v", err)
	}
	list := read(t, "l", archive(`{"survey":{"format":1,"id":"s","population":"list","population_size":99,"shard":4}}`, recs[:3]...), Options{})
	var pe *PopulationError
	if _, err := Merge(a, list); !errors.As(err, &pe) {
		t.Errorf("different populations: %v", err)
	}
	other := read(t, "o", archive(`{"survey":{"format":1,"id":"t","population":"ipv4","shard":2}}`, recs[:3]...), Options{})
	if _, err := Merge(a, other); err == nil || !strings.Contains(err.Error(), "different surveys") {
		t.Errorf("different surveys: %v", err)
	}
}

func TestMixedRulebases(t *testing.T) {
	a := archive("", rec("192.0.2.1", transcript.Greeted, class("sendmail", "UNIX Sendmail", "h1", "UNIX")))
	b := archive("", rec("192.0.2.2", transcript.Greeted, class("sendmail", "UNIX Sendmail", "h2", "UNIX")))
	var me *MixedRulebaseError
	if _, err := Merge(read(t, "a", a, Options{}), read(t, "b", b, Options{})); !errors.As(err, &me) {
		t.Fatalf("shards of two rulebases merged: %v", err)
	} else if me.FileA != "a" || me.FileB != "b" || me.A.Hash != "h1" || me.B.Hash != "h2" {
		t.Errorf("error %+v", me)
	}
	// Within one archive, and classified records beside unclassified ones.
	if _, err := ReadArchive("ab", strings.NewReader(a+b), Options{}); !errors.As(err, &me) {
		t.Errorf("one archive, two rulebases: %v", err)
	}
	u := archive("", rec("192.0.2.3", transcript.Greeted, nil))
	if _, err := ReadArchive("au", strings.NewReader(a+u), Options{}); !errors.As(err, &me) {
		t.Errorf("classified beside unclassified: %v", err)
	}
	// Reclassified, they merge; unclassified ones are classified
	// without Reclassify too.
	re, err := rulebase.Compile("all-exim.fp", "rulebase \"t\" version \"1\"\nview raw\nlabel exim \"Exim\" os unix\ndefault -> exim\n")
	if err != nil {
		t.Fatal(err)
	}
	m, err := Merge(read(t, "a", a, Options{Rulebase: re, Reclassify: true}), read(t, "b", b, Options{Rulebase: re, Reclassify: true}),
		read(t, "u", u, Options{Rulebase: re}))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Labels) != 1 || m.Labels[0].Name != "UNIX Exim" || m.Labels[0].Count != 3 || m.Rulebase.Hash != re.Hash() {
		t.Errorf("reclassified: %+v", m.Labels)
	}
	// Without Reclassify, a record keeps the class it was read with.
	if _, err := Merge(read(t, "a", a, Options{Rulebase: re}), read(t, "u", u, Options{Rulebase: re})); !errors.As(err, &me) {
		t.Errorf("classified records were reclassified without Reclassify: %v", err)
	}
}

func TestReadArchiveErrors(t *testing.T) {
	good := archive("", rec("192.0.2.1", transcript.TimedOut, nil))
	for _, tc := range []struct {
		name, text, want string
	}{
		{"late header", good + `{"survey":{"format":1,"population":"ipv4"}}` + "\n", "record 2: survey header after the first record"},
		{"format", `{"survey":{"format":2,"population":"ipv4"}}` + "\n", "survey header format 2"},
		{"population", `{"survey":{"format":1,"population":"ipv6"}}` + "\n", `unknown population "ipv6"`},
		{"list size", `{"survey":{"format":1,"population":"list"}}` + "\n", "list population without population_size"},
		{"sample size", `{"survey":{"format":1,"population":"ipv4","sample_size":1}}` + "\n" + good + good, "header says the survey drew 1 addresses, the archive holds 2"},
	} {
		_, err := ReadArchive("x.jsonl", strings.NewReader(tc.text), Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
	// An unfinished survey reports the records it has, and says so.
	part := read(t, "x.jsonl", `{"survey":{"format":1,"population":"ipv4","sample_size":5}}`+"\n"+good, Options{})
	if part.Sample != 1 || part.Drew != 5 {
		t.Errorf("unfinished: sample %d, drew %d", part.Sample, part.Drew)
	}
	var tb strings.Builder
	if err := New(part, Config{}).WriteText(&tb); err != nil || !strings.Contains(tb.String(), "holds 1 of the 5 addresses") {
		t.Errorf("unfinished survey not said: %v\n%s", err, tb.String())
	}
	// Malformed lines are skipped and counted.
	s := read(t, "x.jsonl", good+"{\"addr\":\n"+`{"addr":"192.0.2.9","outcome":"lost"}`+"\n"+good, Options{})
	if s.Sample != 2 || s.Bad != 2 || len(s.BadExamples) != 2 || !strings.Contains(s.BadExamples[1], `x.jsonl: record 3: unknown outcome "lost"`) {
		t.Errorf("sample %d, bad %d %q", s.Sample, s.Bad, s.BadExamples)
	}
}

func TestParsePopulation(t *testing.T) {
	for in, want := range map[string]Population{
		"ipv4": {Kind: IPv4, Size: 1 << 32}, "list:12795635": {Kind: List, Size: 12795635}, "500": {Kind: List, Size: 500},
	} {
		if got, err := ParsePopulation(in); err != nil || got != want {
			t.Errorf("ParsePopulation(%q) = %+v, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "ipv6", "list:", "list:-3", "0", "12x"} {
		if _, err := ParsePopulation(in); err == nil {
			t.Errorf("ParsePopulation(%q) accepted", in)
		}
	}
}

// TestPrevious: the 2001 post's comparisons with a survey a year earlier.
func TestPrevious(t *testing.T) {
	r := New(summary2001(), Config{Previous: []*Summary{summary2000()}})
	var b strings.Builder
	r.WriteText(&b)
	wantContains(t, b.String(),
		"For comparison: the previous survey, a year ago, found 25777 addresses with PTR records out of 1000000 random IP addresses.",
		"405 addresses (42%) are running Sendmail, down from 434 a year ago.",
		"qmail has by far the largest increase, up to 167 addresses (17%) from 82 addresses last year.",
		"623 addresses (65%) are running UNIX-only software, up from 512 a year ago.",
		"That is about the same as a year ago (958 of 1000000 sampled addresses).",
		"Changes since the previous survey (2000-10-01 to 2000-10-03, a year ago):",
		"401 430 -29 UNIX Sendmail",
		"23 0 +23 UNIX smap",
		"8 192 -184 not sure",
	)
	// Several previous surveys: the last one, by date, is compared with.
	older := summary2000()
	older.Start, older.End = older.Start.AddDate(-4, 0, 0), older.End.AddDate(-4, 0, 0)
	older.Labels[0].Count = 900
	r = New(summary2001(), Config{Previous: []*Summary{summary2000(), older}})
	if r.Last().Start != summary2000().Start || r.Previous[0] != older {
		t.Errorf("previous surveys not in date order: %v, %v", r.Previous[0].Start, r.Previous[1].Start)
	}
	for _, tc := range []struct {
		years int
		want  string
	}{{0, "5 days ago"}, {-1, "a year ago"}, {-5, "5 years ago"}} {
		p := summary2000()
		p.Start = summary2001().Start.AddDate(tc.years, 0, -5)
		if got := New(summary2001(), Config{}).ago(p); got != tc.want {
			t.Errorf("%d years: %q, want %q", tc.years, got, tc.want)
		}
	}
	same := summary2000()
	same.Start = summary2001().Start.Add(-3 * time.Hour)
	if got := New(summary2001(), Config{}).ago(same); got != "in the previous survey" {
		t.Errorf("same day: %q", got)
	}
}

// TestPreviousJSON: a JSON report reads back as its summary.
func TestPreviousJSON(t *testing.T) {
	s := summary2000()
	s.Files = []string{"2000.json"}
	var b bytes.Buffer
	if err := New(s, Config{}).WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	got, err := ReadPrevious("2000.json", &b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, s) {
		t.Errorf("read back:\n%+v\nwrote:\n%+v", got, s)
	}
	// An archive is read as an archive.
	a := archive("", rec("192.0.2.1", transcript.TimedOut, nil))
	if s, err := ReadPrevious("a.jsonl", strings.NewReader(a), Options{}); err != nil || s.Sample != 1 {
		t.Errorf("archive as previous: %+v, %v", s, err)
	}
}

func TestAdvisories(t *testing.T) {
	s := &Summary{Sample: 100, Population: Population{Kind: List, Size: 1000}, Labels: []LabelCount{
		{Label: "exim", Name: "UNIX Exim", OS: []string{"UNIX"}, Count: 10, Versions: []VersionCount{
			{"", 2}, {"4.87", 3}, {"4.91", 1}, {"4.92", 2}, {"4.94.2", 2}}},
		{Label: "opensmtpd", Name: "OpenSMTPD", Count: 4, Versions: []VersionCount{{"6.6.1p1", 1}, {"6.6.2p1", 3}}},
	}}
	r := New(s, Config{Advisories: []Advisory{
		{ID: "CVE-2019-10149", Label: "exim", Op: "<", Version: "4.92"},
		{ID: "old-exim", Label: "exim", Op: "<=", Version: "4.87"},
		{ID: "exact", Label: "exim", Op: "=", Version: "4.92"},
		{ID: "new-exim", Label: "exim", Op: ">", Version: "4.92"},
		{ID: "CVE-2020-7247", Label: "opensmtpd", Op: "<", Version: "6.6.2"},
		{ID: "nobody", Label: "postfix", Op: "<", Version: "3"},
		// A range: both bounds hold (4.87 <= v < 4.92: 4.87 and 4.91).
		{ID: "range", Label: "exim", Op: ">=", Version: "4.87", Op2: "<", Version2: "4.92"},
		{ID: "range-incl", Label: "exim", Op: ">", Version: "4.87", Op2: "<=", Version2: "4.92"},
	}})
	want := []struct {
		affected, unknown, labelled int64
	}{{4, 2, 10}, {3, 2, 10}, {2, 2, 10}, {2, 2, 10}, {1, 0, 4}, {0, 0, 0}, {4, 2, 10}, {3, 2, 10}}
	for i, a := range r.Advisories {
		if a.Affected != want[i].affected || a.Unknown != want[i].unknown || a.Labelled != want[i].labelled {
			t.Errorf("%s: affected %d unknown %d of %d, want %+v", a.ID, a.Affected, a.Unknown, a.Labelled, want[i])
		}
	}
	if e := r.Advisories[0].Estimate; e.Value != 40 || e.Count != 4 || e.Of != 100 {
		t.Errorf("estimate %+v, want 40 of the 1000", e)
	}
}

func TestRelayShare(t *testing.T) {
	yes, no := true, false
	mk := func(addr, label string, relay *bool) *transcript.Record {
		r := rec(addr, transcript.Greeted, class(label, "UNIX "+label, "h", "UNIX"))
		r.Relay = relay
		return r
	}
	s := read(t, "r", archive("",
		mk("192.0.2.1", "sendmail", &yes), mk("192.0.2.2", "sendmail", &no), mk("192.0.2.3", "sendmail", &yes),
		mk("192.0.2.4", "exim", &no), mk("192.0.2.5", "exim", nil), rec("192.0.2.6", transcript.TimedOut, nil)), Options{})
	r := New(s, Config{})
	if r.Relay == nil || r.Relay.Probed != 4 || r.Relay.Accepted != 2 {
		t.Fatalf("relay %+v, want 2 of 4", r.Relay)
	}
	var b strings.Builder
	r.WriteText(&b)
	wantContains(t, b.String(),
		"2 of the 4 servers probed for relaying (50%) accepted a recipient in a foreign domain.",
		"2 of 3 UNIX sendmail", "0 of 1 UNIX exim")
	// Without probes there is no relay share.
	if New(read(t, "n", archive("", rec("192.0.2.1", transcript.Greeted, class("a", "A", "h"))), Options{}), Config{}).Relay != nil {
		t.Error("relay share without --relay-probe")
	}
}

func TestOSSplit(t *testing.T) {
	s := summary2001()
	o := osSplit(s)
	if o.UNIX != 623 || o.Windows != 276 || o.Both != 31 || o.Other != 28 {
		t.Errorf("split %+v", o)
	}
	want := []OSSetCnt{{"MacOS", 3}, {"VMS", 3}, {"MacOS/Windows", 1}, {"", 21}}
	if !reflect.DeepEqual(o.Sets, want) {
		t.Errorf("other sets %v, want %v", o.Sets, want)
	}
}

func TestProducts(t *testing.T) {
	ps := products(summary2001())
	if ps[0].Product != "Sendmail" || ps[0].Count != 405 || !reflect.DeepEqual(ps[0].Labels, []string{"UNIX Sendmail", "Windows Sendmail"}) {
		t.Errorf("first product %+v", ps[0])
	}
	for _, p := range ps {
		if p.Product == "qmail" && p.Count != 167 {
			t.Errorf("qmail %d", p.Count)
		}
		if p.Product == "not sure" && !p.Default {
			t.Error("not sure is not the default")
		}
	}
}

// TestDegenerate: empty archives and archives without a greeting report
// without dividing by zero, in every format.
func TestDegenerate(t *testing.T) {
	for name, text := range map[string]string{
		"empty":        "",
		"header":       `{"survey":{"format":1,"population":"ipv4"}}` + "\n",
		"no greeting":  archive(`{"survey":{"format":1,"population":"list","population_size":10}}`, rec("192.0.2.1", transcript.TimedOut, nil)),
		"unclassified": archive("", rec("192.0.2.1", transcript.Greeted, nil)),
	} {
		s := read(t, name, text, Options{})
		r := New(s, Config{Previous: []*Summary{s}, Advisories: []Advisory{{ID: "A-1", Label: "x", Op: "<", Version: "1"}}})
		var b bytes.Buffer
		for _, f := range []func(io.Writer) error{r.WriteText, r.WriteJSON, r.WriteCSV, r.WriteHTML} {
			if err := f(&b); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
		if strings.Contains(b.String(), "NaN") || strings.Contains(b.String(), "Inf") {
			t.Errorf("%s: NaN or Inf in the output", name)
		}
	}
}

// A bound is claimed only where the 95% interval's lower end supports it;
// otherwise the estimate is "about" (the seeds' numbers, with their
// intervals).
func TestClaim(t *testing.T) {
	for _, tc := range []struct {
		v, lo, hi   float64
		more, least string
	}{
		{4.114e6, 3.86e6, 4.38e6, "about 4.1 million", "about 4.1 million"}, // 2001: the post says "more than 4 million"
		{667155, 659500, 674900, "more than 650000", "at least 650000"},     // 1996: the post says "more than 660000"
		{536462, 529500, 543500, "more than half a million", "at least half a million"},
		{2.116e6, 2.103e6, 2.129e6, "more than 2.1 million", "at least 2.1 million"},
		{22.2e6, 21.61e6, 22.82e6, "more than 20 million", "at least 20 million"},
		{0, 0, 30, "about 0", "about 0"},
	} {
		e := Estimate{Value: tc.v, Low: tc.lo, High: tc.hi}
		if got := e.MoreThan(); got != tc.more {
			t.Errorf("%v (%v to %v): MoreThan %q, want %q", tc.v, tc.lo, tc.hi, got, tc.more)
		}
		if got := e.AtLeastWords(); got != tc.least {
			t.Errorf("%v (%v to %v): AtLeastWords %q, want %q", tc.v, tc.lo, tc.hi, got, tc.least)
		}
	}
}

// An empty or one-record archive says so, and claims nothing.
func TestTinyArchives(t *testing.T) {
	greeted := rec("192.0.2.1", transcript.Greeted, &transcript.Class{Label: "x", Name: "X", Rule: 0, Rulebase: "t", RulesVer: "1", Hash: "h"})
	for _, tc := range []struct {
		name, text, want string
	}{
		{"empty", archive(`{"survey":{"format":1,"population":"ipv4","sample_size":0}}`), "The archive holds no records: there is no survey to report."},
		{"one greeted", archive("", greeted), "The archive holds one record, too few for estimates or comparisons: one address, which produced a greeting message; the software was guessed as X."},
		{"one timeout", archive("", rec("192.0.2.1", transcript.TimedOut, nil)), "one connection attempt, which did not lead to a greeting message (timed out)."},
	} {
		s := read(t, tc.name, tc.text, Options{})
		var b strings.Builder
		if err := New(s, Config{}).WriteText(&b); err != nil {
			t.Fatal(err)
		}
		text := b.String()
		wantContains(t, text, tc.want)
		for _, never := range []string{"Every connection attempt", "Evidently", "more than", "at least"} {
			if strings.Contains(text, never) {
				t.Errorf("%s: report says %q:\n%s", tc.name, never, text)
			}
		}
	}
}
