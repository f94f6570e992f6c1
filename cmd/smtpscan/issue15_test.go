package main

import (
	"bufio"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/cmd/internal/cli"
	"github.com/smtpfp/smtpfp/cmd/internal/clitest"
	"github.com/smtpfp/smtpfp/report"
	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/transcript"
)

// The tests of #15 for smtpscan. Every survey here is of the simulated
// world or of refused targets: nothing is contacted.

// Item 1: flag mistakes print pflag's message and the usage line.
func TestIssue15FlagMistakes(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--foo"}, "smtpscan: unknown flag: --foo\nusage: smtpscan "},
		{[]string{"-n"}, "smtpscan: flag needs an argument: 'n' in -n\nusage: smtpscan "},
		{[]string{"--concurrency", "abc"}, "smtpscan: invalid argument \"abc\" for \"--concurrency\" flag: "},
		{[]string{"targets", "--zone"}, "smtpscan targets: flag needs an argument: --zone\nusage: smtpscan targets "},
	} {
		code, out, errs := runCmd("", tt.args...)
		if code != cli.Usage || out != "" || !strings.HasPrefix(errs, tt.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and stderr starting %q", tt.args, code, out, errs, tt.want)
		}
	}
}

// Item 5: --help goes to stdout with the exit codes; --version names the
// embedded rulebases.
func TestIssue15HelpAndVersion(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"targets", "--help"}} {
		code, out, errs := runCmd("", args...)
		if code != cli.OK || errs != "" || !strings.HasPrefix(out, "usage: smtpscan") || !strings.Contains(out, cli.ExitCodes) {
			t.Errorf("%v: exit %d, stderr %q, stdout:\n%s", args, code, errs, out)
		}
	}
	code, out, errs := runCmd("", "--version")
	rb := rulebase.Default()
	if code != cli.OK || errs != "" || !strings.HasPrefix(out, "smtpscan ") ||
		!regexp.MustCompile(`smtp\.fp +`+regexp.QuoteMeta(rb.Name()+" "+rb.Version()+" "+rb.Hash())).MatchString(out) {
		t.Errorf("--version: exit %d, stderr %q, stdout:\n%s", code, errs, out)
	}
}

// Item 3: a second survey into the same archive is refused before
// anything is written, the sidecar included.
func TestIssue15SecondSurveyRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "s.jsonl")
	if code, _, stderr := runCmd("", "--simulate", "djb2001", "-n", "200", "-o", out); code != cli.OK {
		t.Fatal(stderr)
	}
	archive, _ := os.ReadFile(out)
	sidecar, _ := os.ReadFile(out + ".survey")
	code, _, stderr := runCmd("", "--simulate", "djb2001", "-n", "300", "--seed", "5", "-o", out)
	if code != cli.Usage || !strings.Contains(stderr, "already holds a survey: add --resume") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	a2, _ := os.ReadFile(out)
	s2, _ := os.ReadFile(out + ".survey")
	if string(a2) != string(archive) || string(s2) != string(sidecar) {
		t.Errorf("the refused run changed the archive (%d -> %d bytes) or the sidecar (%q -> %q)", len(archive), len(a2), sidecar, s2)
	}
}

// Item 5: refused targets are named, the run ends with status 1, and a
// private or loopback one points at --allow-private.
func TestIssue15RefusedTarget(t *testing.T) {
	code, _, stderr := runCmd("127.0.0.1\n", "--targets", "-", "--no-ptr")
	if code != cli.Problems || !strings.Contains(stderr, "not contacting 127.0.0.1: loopback") ||
		!strings.Contains(stderr, "contacted only with --allow-private") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	// A documentation address is never contacted: no hint.
	code, _, stderr = runCmd("192.0.2.1\n", "--targets", "-", "--no-ptr")
	if code != cli.Problems || strings.Contains(stderr, "--allow-private") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// Item 5: an input that cannot be read is 2, as in smtpfp.
func TestIssue15Unreadable(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing")
	for _, args := range [][]string{
		{"--targets", missing, "--dry-run"},
		{"--from-list", missing, "--sample", "1", "--dry-run"},
		{"-n", "1", "--blocklist", missing, "--dry-run"},
		{"--simulate", "djb2001", "-n", "1", "--rules", missing},
		{"targets", "--zone", missing, "--no-lookups"},
		{"targets", "--zone", missing + ".zone", "--blocklist", missing, "--no-lookups"},
	} {
		code, _, stderr := runCmd("", args...)
		if code != cli.Usage || !strings.Contains(stderr, "no such file") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}

// Item 9: "-" is standard input for every input, once a run.
func TestIssue15Stdin(t *testing.T) {
	code, out, stderr := runCmd("127.0.0.1\n127.0.0.2\n127.0.0.3\n", "--from-list", "-", "--sample", "2", "--allow-private", "--dry-run")
	if code != cli.OK || strings.Count(out, "\n") != 2 {
		t.Errorf("--from-list -: exit %d, %q %q", code, out, stderr)
	}
	code, out, stderr = runCmd("0.0.0.0/1\n", "-n", "20", "--blocklist", "-", "--dry-run")
	if code != cli.OK || strings.Count(out, "\n") != 20 {
		t.Errorf("--blocklist -: exit %d, %q %q", code, out, stderr)
	}
	for _, a := range strings.Fields(out) {
		if ip := net.ParseIP(a).To4(); ip == nil || ip[0] < 128 {
			t.Errorf("--blocklist - 0.0.0.0/1: target %s", a)
		}
	}
	zone := "$TTL 3600\n@ IN SOA ns.test. host.test. 1 2 3 4 5\nalpha IN NS ns.alpha\nns.alpha IN A 127.0.5.1\n"
	code, out, stderr = runCmd(zone, "targets", "--zone", "-", "--origin", "test", "--no-lookups", "--allow-private")
	if code != cli.OK || out != "127.0.5.1\n" {
		t.Errorf("targets --zone -: exit %d, %q %q", code, out, stderr)
	}
	src, err := os.ReadFile("../../rules/djb2001.fp")
	if err != nil {
		t.Fatal(err)
	}
	code, out, stderr = runCmd(string(src), "--simulate", "djb2001", "-n", "50", "--rules", "-")
	if code != cli.OK || !strings.Contains(out, "50 addresses recorded") {
		t.Errorf("--rules -: exit %d, %q %q", code, out, stderr)
	}
	code, _, stderr = runCmd("127.0.0.1\n", "--targets", "-", "--blocklist", "-", "--dry-run")
	if code != cli.Usage || !strings.Contains(stderr, "standard input is already read by --blocklist") {
		t.Errorf("two inputs from stdin: exit %d, %q", code, stderr)
	}
}

// Item 9: -o - starts with the survey header, so that
// smtpscan -o - | smtpfp report - has the survey's estimates.
func TestIssue15StdoutHasHeader(t *testing.T) {
	code, out, stderr := runCmd("", "--simulate", "djb2001", "-n", "300", "-o", "-")
	if code != cli.OK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	first, _, _ := strings.Cut(out, "\n")
	var h struct{ Survey *transcript.Header }
	if err := json.Unmarshal([]byte(first), &h); err != nil || h.Survey == nil || h.Survey.SampleSize != 300 || h.Survey.Population != "ipv4" {
		t.Fatalf("first line %q is not the survey header (%v)", first, err)
	}
	sum, err := report.ReadArchive("<stdin>", strings.NewReader(out), report.Options{Rulebase: rulebase.Default()})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Population.Size != 1<<32 {
		t.Errorf("the report of -o - has no population: %+v", sum.Population)
	}
	if !strings.Contains(stderr, "300 addresses recorded") {
		t.Errorf("the summary goes to stderr with -o -: %q", stderr)
	}
}

// Item 9: --quiet prints nothing but errors.
func TestIssue15Quiet(t *testing.T) {
	path := filepath.Join(t.TempDir(), "q.jsonl")
	code, out, stderr := runCmd("", "--simulate", "djb2001", "-n", "100", "-q", "-o", path)
	b, _ := os.ReadFile(path)
	if code != cli.OK || out != "" || stderr != "" || strings.Count(string(b), "\n") != 101 {
		t.Errorf("exit %d, stdout %q, stderr %q, %d lines", code, out, stderr, strings.Count(string(b), "\n"))
	}
}

// Item 9: on a terminal, the progress line fits its width.
func TestIssue15ProgressWidth(t *testing.T) {
	const cols = 40
	tty, output := clitest.PTY(t, cols)
	path := filepath.Join(t.TempDir(), "p.jsonl")
	code := run([]string{"--simulate", "djb2001", "-n", "3000", "-o", path}, strings.NewReader(""), discardWriter{}, tty)
	if code != cli.OK {
		t.Fatalf("exit %d", code)
	}
	got := output()
	if got == "" {
		t.Fatal("no progress line on the terminal")
	}
	sc := bufio.NewScanner(strings.NewReader(strings.ReplaceAll(got, "\r", "\n")))
	for sc.Scan() {
		if n := len(sc.Text()); n > cols-1 {
			t.Errorf("progress line of %d columns on a %d-column terminal: %q", n, cols, sc.Text())
		}
	}
}

type discardWriter struct{}

func (discardWriter) Write(p []byte) (int, error) { return len(p), nil }
