package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sebdah/goldie/v2"

	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/transcript"
)

// The report inputs live beside their goldens: two shards of a small
// survey (with survey headers, unclassified records, versions and relay
// probes) and a survey a year earlier; tiny.fp classifies them and
// declares advisories.
const (
	goldenDir = "../../testdata/golden/report"
	shard1    = goldenDir + "/tiny-shard-1.jsonl"
	shard2    = goldenDir + "/tiny-shard-2.jsonl"
	prev2000  = goldenDir + "/tiny-2000.jsonl"
	tinyRules = "../../report/testdata/tiny.fp"
)

var reportHashRE = regexp.MustCompile(`sha256:[0-9a-f]+`)

func runReportT(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"report"}, args...), strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

func TestReportGoldens(t *testing.T) {
	g := goldie.New(t, goldie.WithFixtureDir(goldenDir))
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"tiny-text", []string{"--rules", tinyRules, "--previous", prev2000, "--by", "rule", shard1, shard2}},
		{"tiny-json", []string{"--json", "--rules", tinyRules, "--previous", prev2000, shard1, shard2}},
		{"tiny-csv", []string{"--csv", "--rules", tinyRules, "--previous", prev2000, "--by", "rule", shard1, shard2}},
		{"tiny-no-previous", []string{"--rules", tinyRules, shard2, shard1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errs, code := runReportT(t, "", tc.args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			// Rulebase hashes change whenever the compiler's output does.
			g.Assert(t, tc.name, reportHashRE.ReplaceAll([]byte(out), []byte("sha256:HASH")))
		})
	}
}

func TestReportStatements(t *testing.T) {
	out, errs, code := runReportT(t, "", "--rules", tinyRules, "--previous", prev2000, shard1, shard2)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{
		// 5 of 11 greeted run Sendmail (UNIX 4, Windows 1); a year ago 4 of 7.
		"5 addresses (45%) are running Sendmail, down from 57% a year ago.",
		"2 addresses (18%) are running OpenSMTPD, up from 0% a year ago.",
		// Advisories: 4.91 < 4.92; 6.6.1p1 < 6.6.2 but 6.6.2p1 is not; 8.9.3 and 8.11.6 < 8.12.8,
		// the NT Sendmail is another label, and one UNIX Sendmail gave no version.
		"CVE-2019-10149 (exim < 4.92): 1 address (9%) is running affected versions of Exim",
		"CVE-2020-7247 (opensmtpd < 6.6.2): 1 address (9%) is running affected versions of OpenSMTPD",
		"CVE-2002-1337 (sendmail < 8.12.8): 2 addresses (18%) are running affected versions of Sendmail",
		"1 more address running Sendmail gave no version.",
		// 4 of 11 could be a fifth or two thirds of the population: "about half".
		"About half of the SMTP servers allow uncontrolled mail relaying: 4 of the 11 servers probed for relaying (36%) accepted a recipient in a foreign domain",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("report does not say %q", want)
		}
	}
}

// TestReportPreviousJSON: a JSON report stands in for its archive as a
// previous survey.
func TestReportPreviousJSON(t *testing.T) {
	js, errs, code := runReportT(t, "", "--json", "--rules", tinyRules, prev2000)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	file := filepath.Join(t.TempDir(), "2000.json")
	if err := os.WriteFile(file, []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	fromArchive, _, _ := runReportT(t, "", "--rules", tinyRules, "--previous", prev2000, shard1, shard2)
	fromJSON, errs, code := runReportT(t, "", "--rules", tinyRules, "--previous", file, shard1, shard2)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if fromJSON != fromArchive {
		t.Errorf("with --previous REPORT.json:\n%s\nwith the archive:\n%s", fromJSON, fromArchive)
	}
}

// classified writes the records of an archive classified by rb.
func classified(t *testing.T, src string, rb *rulebase.Rulebase) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := transcript.NewWriter(&out)
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if strings.HasPrefix(line, `{"survey"`) {
			out.WriteString(line + "\n")
			continue
		}
		if err := pipeline.Each(&pipeline.Input{Name: src, R: strings.NewReader(line)}, func(_ int, rec *transcript.Record) error {
			pipeline.Classify(rb, rec)
			return w.Write(rec)
		}); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.WriteFile(file, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

func TestReportMixedRulebases(t *testing.T) {
	tiny, err := rulebase.Load(tinyRules)
	if err != nil {
		t.Fatal(err)
	}
	a := classified(t, shard1, rulebase.Default())
	b := classified(t, shard2, tiny)
	_, errs, code := runReportT(t, "", a, b)
	if code != exitUsage || !strings.Contains(errs, "different rulebases") || !strings.Contains(errs, "--reclassify") {
		t.Errorf("exit %d, stderr %q; want a refusal naming --reclassify", code, errs)
	}
	out, errs, code := runReportT(t, "", "--reclassify", "--rules", tinyRules, a, b)
	if code != exitOK {
		t.Fatalf("--reclassify: exit %d: %s", code, errs)
	}
	want, _, _ := runReportT(t, "", "--rules", tinyRules, shard1, shard2)
	if out != want {
		t.Errorf("reclassified:\n%s\nwant as if classified by tiny.fp:\n%s", out, want)
	}
}

func TestReportInputs(t *testing.T) {
	dir := t.TempDir()
	want, _, _ := runReportT(t, "", "--rules", tinyRules, shard1, shard2)

	// A gzipped shard and a shard on standard input.
	raw, err := os.ReadFile(shard1)
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(raw)
	zw.Close()
	gzFile := filepath.Join(dir, "shard-1.jsonl.gz")
	os.WriteFile(gzFile, gz.Bytes(), 0o644)
	if out, errs, code := runReportT(t, "", "--rules", tinyRules, gzFile, shard2); code != exitOK || out != want {
		t.Errorf("gzipped shard: exit %d, %s\n%s", code, errs, out)
	}
	s2, _ := os.ReadFile(shard2)
	if out, errs, code := runReportT(t, string(s2), "--rules", tinyRules, shard1, "-"); code != exitOK || out != want {
		t.Errorf("shard on stdin: exit %d, %s\n%s", code, errs, out)
	}

	// The same shard twice (in two files) is refused.
	copy1 := filepath.Join(dir, "copy-of-shard-1.jsonl")
	os.WriteFile(copy1, raw, 0o644)
	if _, errs, code := runReportT(t, "", "--rules", tinyRules, shard1, copy1); code != exitUsage || !strings.Contains(errs, "shard 1 given twice") {
		t.Errorf("shard twice: exit %d, %q", code, errs)
	}

	// A malformed line is skipped, reported, and makes the exit status 1.
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, append(append([]byte{}, s2...), "{\"addr\":\"192.0.2.99\",\"outcome\":\"tim"...), 0o644)
	out, errs, code := runReportT(t, "", "--rules", tinyRules, shard1, bad)
	if code != exitProblems || !strings.Contains(errs, "1 malformed records skipped") || !strings.Contains(out, "1 malformed archive lines were skipped") {
		t.Errorf("malformed line: exit %d, stderr %q", code, errs)
	}

	// --html writes the page beside the text report.
	page := filepath.Join(dir, "report.html")
	if out, errs, code := runReportT(t, "", "--rules", tinyRules, "--html", page, shard1, shard2); code != exitOK || out != want {
		t.Errorf("--html: exit %d, %s", code, errs)
	}
	if b, err := os.ReadFile(page); err != nil || !bytes.Contains(b, []byte(`<svg class="chart wide" id="chart-software"`)) || !bytes.Contains(b, []byte(`<svg class="chart narrow" id="chart-software-narrow"`)) {
		t.Errorf("--html page: %v\n%.300s", err, b)
	}
	// --html - writes the page alone to standard output.
	out, errs, code = runReportT(t, "", "--rules", tinyRules, "--html", "-", shard1, shard2)
	if b, _ := os.ReadFile(page); code != exitOK || out != string(b) {
		t.Errorf("--html -: exit %d, %s\n%.300s", code, errs, out)
	}
	if _, errs, code := runReportT(t, "", "--json", "--html", "-", shard1); code != exitUsage || !strings.Contains(errs, "--html -") {
		t.Errorf("--json --html -: exit %d, %s", code, errs)
	}
}

func TestReportUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "no archives given"},
		{[]string{"--json", "--csv", shard1}, "exclude each other"},
		{[]string{"--by", "os", shard1}, `unknown --by "os"`},
		{[]string{"--population", "lots", shard1}, `bad population "lots"`},
		{[]string{"nonexistent.jsonl"}, "nonexistent.jsonl"},
	} {
		_, errs, code := runReportT(t, "", tc.args...)
		if code != exitUsage || !strings.Contains(errs, tc.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", tc.args, code, errs, tc.want)
		}
	}
}

// TestReportPopulationFlag: without a survey header there are no
// estimates until --population says what was sampled.
func TestReportPopulationFlag(t *testing.T) {
	out, _, _ := runReportT(t, "", "--rules", tinyRules, prev2000)
	if !strings.Contains(out, "do not say what population was sampled") {
		t.Errorf("no header, no --population:\n%s", out)
	}
	out, _, _ = runReportT(t, "", "--rules", tinyRules, "--population", "list:1200", prev2000)
	if !strings.Contains(strings.Join(strings.Fields(out), " "), "a random sample of 12 addresses from a list of 1200 IP addresses") {
		t.Errorf("--population list:1200:\n%s", out)
	}
}

// An archive classified by a shipped rulebase other than the default
// (a simulated 1996 survey, classified by djb1996) gets that rulebase's
// advisories without --rules, and the union of them.
func TestReportShippedRulebaseAdvisories(t *testing.T) {
	rb, err := rulebase.Load("embedded:djb1996.fp")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.WriteString(`{"survey":{"format":1,"population":"list","population_size":1000,"sample_size":3}}` + "\n")
	w := transcript.NewWriter(&b)
	for i, g := range []string{"Sendmail 8.7.5/8.6.9 ready", "Sendmail 5.65/4.7 ready", "Sendmail 8.8.2/8.8.2 ready"} {
		rec := transcript.Record{Addr: "192.0.2." + string(rune('1'+i)), Outcome: transcript.Greeted, Code: 220,
			Steps: []transcript.Step{{Reply: []byte("220 mx.example " + g + "\r\n")}}}
		pipeline.Classify(rb, &rec)
		if err := w.Write(&rec); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "s.jsonl")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runReportT(t, "", path)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{
		"CA-96.20 (sendmail >= 8.7 && < 8.7.6): 1 address (33%) is running affected versions of Sendmail",
		"CA-95.08 (sendmail >= 5 && < 6): 1 address (33%) is running affected versions of Sendmail",
		"with the security holes of CA-95.05, CA-95.08 or CA-96.20: 2 addresses (67%) are running a version one of them covers",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("report does not say %q:\n%s", want, out)
		}
	}
}

// TestReportArchiveTwice: one archive named twice, by its path or by a
// link to it, would be counted twice; it is refused, as a repeated shard is.
func TestReportArchiveTwice(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "link.jsonl")
	abs, err := filepath.Abs(prev2000)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(abs, link); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{prev2000, prev2000},
		{prev2000, "./" + prev2000},
		{prev2000, link},
	} {
		out, errs, code := runReportT(t, "", args...)
		if code != exitUsage || out != "" || !strings.Contains(errs, "twice") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and \"twice\"", args, code, out, errs)
		}
	}
}

// TestReportMissingShardExit: a report of some shards of a survey says
// which are missing on stderr and exits 1; all of them exit 0.
func TestReportMissingShardExit(t *testing.T) {
	out, errs, code := runReportT(t, "", "--rules", tinyRules, shard1)
	if code != exitProblems || !strings.Contains(errs, "shards [2] of the survey's 2 are missing") || !strings.Contains(out, "missing") {
		t.Errorf("one shard of two: exit %d, stderr %q", code, errs)
	}
	if _, errs, code := runReportT(t, "", "--rules", tinyRules, shard1, shard2); code != exitOK {
		t.Errorf("both shards: exit %d: %s", code, errs)
	}
}
