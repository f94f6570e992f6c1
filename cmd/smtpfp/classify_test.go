package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/corpus"
	"github.com/smtpfp/smtpfp/transcript"
)

func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// TestClassifySemantics pins the two semantics the issue says bite.
func TestClassifySemantics(t *testing.T) {
	in := strings.Join([]string{
		// First match wins by rule order, not leftmost match: the
		// "Sendmail for NT" rule comes before "ESMTP Sendmail".
		"192.0.2.1 220 host ESMTP Sendmail for NT 3.0.0; ready",
		// "." is one byte: "ready.M" needs exactly one byte between,
		// and a two-byte UTF-8 character is two.
		"192.0.2.2 220 host Mercury 1.48 ESMTP server ready\xc3\xa9M ",
		"192.0.2.3 220 host Mercury 1.48 ESMTP server ready!M ",
	}, "\n") + "\n"
	code, out, errs := runCmd(t, in, "classify", "--input", "djb", "--rules", "../../rules/djb2001.fp")
	want := "192.0.2.1\tWindows Sendmail\n192.0.2.2\tnot sure\n192.0.2.3\tWindows Mercury\n"
	if code != 0 || out != want {
		t.Errorf("exit %d, got:\n%s\nwant:\n%s\n%s", code, out, want, errs)
	}
}

func archive(t *testing.T, recs []transcript.Record) string {
	var b bytes.Buffer
	w := transcript.NewWriter(&b)
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

// TestClassifyMalformed: bad records are reported by number, counted, and
// skipped; --strict stops at the first.
func TestClassifyMalformed(t *testing.T) {
	cases := corpus.DJB2001()
	good := archive(t, []transcript.Record{cases[1].Record, cases[2].Record})
	lines := strings.Split(strings.TrimSuffix(good, "\n"), "\n")
	in := `{"survey":{"format":1,"population":"ipv4","population_size":4294967296}}` + "\n" +
		lines[0] + "\n" + `{"addr":"192.0.2.9","outcome":` + "\n" + `{"addr":"192.0.2.8","outcome":"timeout"}` + "\n" + lines[1] + "\n"
	code, out, errs := runCmd(t, in, "classify", "--rules", "../../rules/djb2001.fp")
	if code != exitProblems {
		t.Errorf("exit %d, want %d", code, exitProblems)
	}
	if n := strings.Count(out, "\tUNIX qmail\n"); n != 2 {
		t.Errorf("want 2 qmail lines, got:\n%s", out)
	}
	for _, w := range []string{"<stdin>: record 3: ", "1 malformed record(s) skipped; 2 classified"} {
		if !strings.Contains(errs, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errs)
		}
	}
	code, out, errs = runCmd(t, in, "classify", "--strict", "--rules", "../../rules/djb2001.fp")
	if code != exitProblems || strings.Count(out, "\n") != 1 || !strings.Contains(errs, "record 3") {
		t.Errorf("--strict: exit %d, out %q, err %q", code, out, errs)
	}
}

// TestClassifyOutputs: --json carries the rulebase's identity; --tally is
// the seed's table; -j 2 writes exactly what -j 1 writes.
func TestClassifyOutputs(t *testing.T) {
	recs := corpus.Generate(5, 3000)
	in := archive(t, recs)
	_, one, _ := runCmd(t, in, "classify", "-j", "1")
	code, two, errs := runCmd(t, in, "classify", "-j", "2")
	if code != 0 || one != two || strings.Count(one, "\n") != len(recs) {
		t.Fatalf("-j 2 differs from -j 1 (exit %d, %s)", code, errs)
	}
	_, js, _ := runCmd(t, in, "classify", "--json")
	first := strings.SplitN(js, "\n", 2)[0]
	var got struct {
		Addr string `json:"addr"`
		transcript.Class
	}
	if err := json.Unmarshal([]byte(first), &got); err != nil {
		t.Fatal(err)
	}
	if got.Addr != recs[0].Addr || got.Rulebase == "" || got.RulesVer == "" || !strings.HasPrefix(got.Hash, "sha256:") || got.Name == "" {
		t.Errorf("--json line lacks fields: %s", first)
	}
	_, tally, _ := runCmd(t, in, "classify", "--tally")
	total := 0
	for _, l := range strings.Split(strings.TrimSuffix(tally, "\n"), "\n") {
		var n int
		var name string
		if _, err := fmt.Sscanf(l, "%d %s", &n, &name); err != nil || l[:8] != fmt.Sprintf("%8d", n) {
			t.Fatalf("tally line %q", l)
		}
		total += n
	}
	if total != len(recs) {
		t.Errorf("tally counts %d of %d", total, len(recs))
	}
}

// TestClassifyLongLine: a line too long to hold is skipped with its
// number, and the records after it are classified.
func TestClassifyLongLine(t *testing.T) {
	if testing.Short() {
		t.Skip("a 64 MB line")
	}
	long := strings.Repeat("a", transcript.MaxLine+10)
	in := "192.0.2.1 220 x ESMTP Exim 3.1M \n" + "192.0.2.2 " + long + "\n" + "192.0.2.3 220 y ESMTP Exim 3.2M \n" +
		"nospace\n" + "192.0.2.4 " + long + "\n"
	for _, j := range []string{"1", "2"} {
		code, out, errs := runCmd(t, in, "classify", "--input", "djb", "-j", j)
		if code != exitProblems || out != "192.0.2.1\tUNIX Exim\n192.0.2.3\tUNIX Exim\n" ||
			!strings.Contains(errs, "<stdin>: record 2: line longer than") || !strings.Contains(errs, "<stdin>: record 4: expected") ||
			!strings.Contains(errs, "<stdin>: record 5: line longer than") {
			t.Errorf("-j %s: exit %d, out %q, err %q", j, code, out, errs)
		}
	}
}

// TestClassifyJoinable: --json and --csv carry what a user joins on
// (address, port, time, outcome) and what the label says (vendor,
// product, version, and the CPE with the version filled in); --all
// lists the records that were not greeted too.
func TestClassifyJoinable(t *testing.T) {
	const exim = "../../testdata/transcripts/real/exim-default.jsonl"
	out, errs, code := runArgs(t, "", "classify", "--json", exim)
	var got struct {
		Addr, Time, Outcome, Vendor, Product, Version, CPE string
		Port                                               int
	}
	if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil {
		t.Fatalf("exit %d, %v: %s %s", code, err, out, errs)
	}
	if got.Addr != "127.0.0.1" || got.Port == 0 || got.Time == "" || got.Outcome != "greeted" || got.Product != "Exim" ||
		got.Vendor == "" || got.Version != "4.96" || got.CPE != "cpe:2.3:a:exim:exim:4.96:*:*:*:*:*:*:*" {
		t.Errorf("--json: %s", out)
	}
	csvOut, _, _ := runArgs(t, "", "classify", "--csv", exim)
	rows := strings.Split(strings.TrimSpace(csvOut), "\n")
	if len(rows) != 2 || !strings.HasPrefix(rows[0], "addr,port,time,outcome,label,name,vendor,product,version,cpe,") ||
		!strings.Contains(rows[1], ",Exim,4.96,cpe:2.3:a:exim:exim:4.96:") {
		t.Errorf("--csv:\n%s", csvOut)
	}
	in := archive(t, []transcript.Record{{Addr: "192.0.2.5", Outcome: transcript.Refused}, corpus.DJB2001()[1].Record})
	plain, _, _ := runArgs(t, in, "classify", "--rules", "../../rules/djb2001.fp")
	all, _, _ := runArgs(t, in, "classify", "--all", "--rules", "../../rules/djb2001.fp")
	allJSON, _, _ := runArgs(t, in, "classify", "--all", "--json", "--rules", "../../rules/djb2001.fp")
	if strings.Count(plain, "\n") != 1 || !strings.HasPrefix(all, "192.0.2.5\t(connection refused)\n") ||
		!strings.HasPrefix(allJSON, `{"addr":"192.0.2.5","port":25,"outcome":"refused"}`) {
		t.Errorf("--all:\n%s\n%s\n%s", plain, all, allJSON)
	}
}

// fullWriter fails every write, as /dev/full does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestWriteFailureExit: output that could not be written is exit status
// 1, said once on stderr, for classify (file or stream) and the demo.
func TestWriteFailureExit(t *testing.T) {
	dir := t.TempDir()
	arch := archive(t, corpus.Sample2001()[:50])
	path := filepath.Join(dir, "a.jsonl")
	if err := os.WriteFile(path, []byte(arch), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
	}{
		{"demo", "", nil},
		{"classify file", "", []string{"classify", "--rules", "embedded:djb2001.fp", path}},
		{"classify stdin", arch, []string{"classify", "--rules", "embedded:djb2001.fp"}},
		{"classify tally", "", []string{"classify", "--tally", path}},
	} {
		var errb bytes.Buffer
		code := run(tc.args, strings.NewReader(tc.stdin), fullWriter{}, &errb)
		if code != exitProblems || strings.Count(errb.String(), "no space left on device") != 1 {
			t.Errorf("%s: exit %d, stderr %q; want exit 1 and the write error once", tc.name, code, errb.String())
		}
	}
}

// TestSeedLineNeedsAnAddress: with --input djb a line must start with an
// IP address and a space; a JSON archive or binary garbage given as seed
// lines is malformed records (the first 5 shown, then a count; exit 1),
// not addresses to label; --strict stops at the first.
func TestSeedLineNeedsAnAddress(t *testing.T) {
	var in strings.Builder
	in.WriteString("192.0.2.1 220 host ESMTP Sendmail for NT 3.0.0; ready\n")
	in.WriteString("2001:db8::25 220 host ESMTP Sendmail for NT 3.0.0; ready\n")
	for i := range 7 {
		fmt.Fprintf(&in, `{"addr":"192.0.2.%d", "outcome":"greeted"}`+"\n", i)
	}
	in.WriteString("\x7fELF\x02\x01 \x00\x00garbage\n")
	code, out, errs := runCmd(t, in.String(), "classify", "--input", "djb", "--rules", "../../rules/djb2001.fp")
	if want := "192.0.2.1\tWindows Sendmail\n2001:db8::25\tWindows Sendmail\n"; code != exitProblems || out != want {
		t.Errorf("exit %d, got:\n%s\nwant:\n%s", code, out, want)
	}
	for _, want := range []string{
		`smtpfp: <stdin>: record 3: expected "ADDRESS TRANSCRIPT", found "{\"addr\":\"192.0.2.0\"," before the first space, not an IP address` + "\n",
		"smtpfp: ... and 3 more malformed records (8 in all), not shown\n",
		"smtpfp: classify: 8 malformed record(s) skipped; 2 classified\n",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if n := strings.Count(errs, "not an IP address"); n != 5 {
		t.Errorf("%d messages shown, want 5:\n%s", n, errs)
	}
	code, out, errs = runCmd(t, in.String(), "classify", "--input", "djb", "--strict", "--rules", "../../rules/djb2001.fp")
	if code != exitProblems || strings.Count(errs, "not an IP address") != 1 || strings.Contains(out, "192.0.2.0") {
		t.Errorf("--strict: exit %d\n%s%s", code, out, errs)
	}
}

// TestJobsAndHelpCommand: -j 0 is every core, a negative -j a usage error
// (classify and report); smtpfp help COMMAND prints COMMAND --help.
func TestJobsAndHelpCommand(t *testing.T) {
	in := "192.0.2.1 220 host ESMTP Sendmail for NT 3.0.0; ready\n"
	if code, out, errs := runCmd(t, in, "classify", "--input", "djb", "-j", "0"); code != exitOK || out != "192.0.2.1\tWindows Sendmail\n" {
		t.Errorf("-j 0: exit %d\n%s%s", code, out, errs)
	}
	for _, args := range [][]string{
		{"classify", "--input", "djb", "-j", "-1"},
		{"report", "-j", "-1", "../../testdata/golden/report/tiny-2000.jsonl"},
	} {
		code, out, errs := runCmd(t, in, args...)
		if code != exitUsage || out != "" || !strings.Contains(errs, "-j -1: want a number") || !strings.Contains(errs, "usage: smtpfp "+args[0]) {
			t.Errorf("%v: exit %d\n%s%s", args, code, out, errs)
		}
	}
	for _, name := range []string{"classify", "report", "lint"} {
		_, want, _ := runCmd(t, "", name, "--help")
		code, out, errs := runCmd(t, "", "help", name)
		if code != exitOK || out != want || errs != "" || !strings.HasPrefix(out, "usage: smtpfp "+name) {
			t.Errorf("help %s: exit %d\n%s%s", name, code, out, errs)
		}
	}
	if code, out, errs := runCmd(t, "", "help", "nope"); code != exitUsage || out != "" || !strings.Contains(errs, `unknown command "nope"`) {
		t.Errorf("help nope: exit %d\n%s%s", code, out, errs)
	}
}

// TestTallyOrderAgrees: classify --tally and report print the software
// tally in one order (report.SortLabels): most frequent first, ties in
// descending byte order of the name, as the seed's `sort -rn` gave them.
// The 2001 sample has many ties.
func TestTallyOrderAgrees(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sample.jsonl")
	if err := os.WriteFile(path, []byte(archive(t, corpus.Sample2001())), 0o644); err != nil {
		t.Fatal(err)
	}
	code, tally, errs := runCmd(t, "", "classify", "--rules", "embedded:djb2001.fp", "--tally", path)
	if code != exitOK {
		t.Fatalf("classify: exit %d: %s", code, errs)
	}
	code, rep, errs := runCmd(t, "", "report", "--reclassify", "--rules", "embedded:djb2001.fp", "--population", "ipv4", path)
	if code != exitOK {
		t.Fatalf("report: exit %d: %s", code, errs)
	}
	_, rows, ok := strings.Cut(rep, "Here are the software tallies:\n\n")
	rows, _, _ = strings.Cut(rows, "\n\n")
	if !ok || rows+"\n" != tally {
		t.Errorf("report's tally:\n%s\nclassify's:\n%s", rows, tally)
	}
	lines := strings.Split(strings.TrimSuffix(tally, "\n"), "\n")
	ties := 0
	for i := 1; i < len(lines); i++ {
		var n0, n1 int
		var a, b string
		fmt.Sscanf(lines[i-1], "%d", &n0)
		fmt.Sscanf(lines[i], "%d", &n1)
		a, b = strings.TrimSpace(lines[i-1])[len(fmt.Sprint(n0))+1:], strings.TrimSpace(lines[i])[len(fmt.Sprint(n1))+1:]
		if n0 < n1 || n0 == n1 && a <= b {
			t.Errorf("rows out of order: %q before %q", lines[i-1], lines[i])
		}
		if n0 == n1 {
			ties++
		}
	}
	if ties < 5 {
		t.Errorf("only %d ties: the test does not test tie order", ties)
	}
}
