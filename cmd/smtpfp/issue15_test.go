package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/smtpfp/smtpfp/cmd/internal/cli"
	"github.com/smtpfp/smtpfp/cmd/internal/clitest"
	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/vm"
)

// The tests of #15: a newcomer's mistakes are answered, not met with
// silence or a flood.

const seedFP = "../../rules/djb2001.fp"

// badFP does not compile: an unclosed group.
const badFP = "rulebase \"b\" version \"1\"\nview raw\nlabel a \"A\"\n/(x/ -> a\n"

func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Item 1: a mistyped flag, a missing value and a bad value print pflag's
// message and the usage line, and exit 2.
func TestIssue15FlagMistakes(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"classify", "--foo"}, "smtpfp classify: unknown flag: --foo\nusage: smtpfp classify "},
		{[]string{"classify", "-j"}, "smtpfp classify: flag needs an argument: 'j' in -j\nusage: smtpfp classify "},
		{[]string{"report", "--jobs", "abc", "x.jsonl"}, "smtpfp report: invalid argument \"abc\" for \"-j, --jobs\" flag: "},
		{[]string{"check", "--werror=maybe", "x.fp"}, "smtpfp check: invalid argument \"maybe\" for \"--werror\" flag: "},
		{[]string{"compile", "-o"}, "smtpfp compile: flag needs an argument: 'o' in -o\nusage: smtpfp compile "},
		{[]string{"lint"}, "smtpfp lint: no rule files given\nusage: smtpfp lint "},
		{[]string{"--foo"}, "smtpfp: unknown flag \"--foo\": flags follow the command"},
	} {
		out, errs, code := runArgs(t, "", tt.args...)
		if code != cli.Usage || out != "" || !strings.HasPrefix(errs, tt.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and stderr starting %q", tt.args, code, out, errs, tt.want)
		}
	}
}

// Item 5 (help): --help of every command goes to stdout, exits 0 and
// lists the exit codes.
func TestIssue15Help(t *testing.T) {
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, args := range append([][]string{{"--help"}, {"help"}}, func() (a [][]string) {
		for _, n := range names {
			a = append(a, []string{n, "--help"})
		}
		return
	}()...) {
		out, errs, code := runArgs(t, "", args...)
		if code != cli.OK || errs != "" || !strings.HasPrefix(out, "usage: smtpfp") || !strings.Contains(out, cli.ExitCodes) {
			t.Errorf("%v: exit %d, stderr %q, stdout:\n%s", args, code, errs, out)
		}
	}
}

// Item 1 (--version): the build and every embedded rulebase's name,
// version and hash.
func TestIssue15Version(t *testing.T) {
	out, errs, code := runArgs(t, "", "--version")
	if code != cli.OK || errs != "" || !strings.HasPrefix(out, "smtpfp ") {
		t.Fatalf("exit %d, stderr %q, stdout %q", code, errs, out)
	}
	for _, name := range []string{"smtp.fp", "djb2001.fp"} {
		rb, err := rulebase.Load("embedded:" + name)
		if err != nil {
			t.Fatal(err)
		}
		want := regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(name) + ` +` + regexp.QuoteMeta(rb.Name()+" "+rb.Version()+" "+rb.Hash()))
		if !want.MatchString(out) {
			t.Errorf("no line for %s %s %s in:\n%s", name, rb.Version(), rb.Hash(), out)
		}
	}
}

// Item 4: an --html that cannot be written fails the run.
func TestIssue15ReportHTMLUnwritable(t *testing.T) {
	out, errs, code := runArgs(t, "", "report", "--rules", tinyRules, "--html", "/nonexistent/x.html", shard1)
	if code != cli.Problems || !strings.Contains(errs, "/nonexistent/x.html") || out == "" {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

// Item 5: one exit-code table. A rulebase that does not compile is a
// finding (1) for the commands that examine rulebases, and unusable input
// (2) for those that use one; an unreadable file is 2 everywhere.
func TestIssue15ExitCodes(t *testing.T) {
	bad := writeFile(t, "bad.fp", []byte(badFP))
	archive := writeFile(t, "a.jsonl", nil)
	missing := filepath.Join(t.TempDir(), "missing")
	for _, tt := range []struct {
		args []string
		want int
	}{
		{[]string{"check", bad}, cli.Problems},
		{[]string{"lint", bad}, cli.Problems},
		{[]string{"compile", "-o", filepath.Join(t.TempDir(), "x.fpc"), bad}, cli.Problems},
		{[]string{"fmt", "-l", writeFile(t, "syntax.fp", []byte("rulebase (\n"))}, cli.Problems},
		{[]string{"classify", "--rules", bad, archive}, cli.Usage},
		{[]string{"report", "--rules", bad, archive}, cli.Usage},
		{[]string{"explain", "--rules", bad, archive}, cli.Usage},
		{[]string{"diff", bad, seedFP, archive}, cli.Usage},
		{[]string{"test", bad}, cli.Usage},
		{[]string{"check", missing}, cli.Usage},
		{[]string{"lint", missing}, cli.Usage},
		{[]string{"fmt", missing}, cli.Usage},
		{[]string{"compile", "-o", "-", missing}, cli.Usage},
		{[]string{"classify", missing}, cli.Usage},
		{[]string{"report", missing}, cli.Usage},
		{[]string{"explain", missing}, cli.Usage},
		{[]string{"classify", "--rules", missing, archive}, cli.Usage},
	} {
		_, errs, code := runArgs(t, "", tt.args...)
		if code != tt.want {
			t.Errorf("%v: exit %d, want %d\n%s", tt.args, code, tt.want, errs)
		}
	}
}

// Item 6 (rulebases): a binary file given as a rulebase is refused in one
// line, and a text file full of mistakes shows cli.MaxDiags diagnostics
// and a count; neither sends raw control bytes to the terminal.
func TestIssue15BinaryRules(t *testing.T) {
	archive := writeFile(t, "a.jsonl", nil)
	var elf bytes.Buffer
	elf.WriteString("\x7fELF\x02\x01\x01\x00\x00\x00")
	for i := 0; i < 300; i++ {
		elf.WriteString("\x00\x01\x02\xff\xfe\x1b[31m junk\n")
	}
	bin := writeFile(t, "ls", elf.Bytes())
	var junk bytes.Buffer
	for i := 0; i < 300; i++ {
		junk.WriteString("\x7f\x01\x02\xff\xfe \x1b[2J junk\n")
	}
	text := writeFile(t, "junk.fp", junk.Bytes())
	for _, tt := range []struct {
		args     []string
		maxLines int
	}{
		{[]string{"classify", "--rules", bin, archive}, 1},
		{[]string{"classify", "--rules", text, archive}, 3*cli.MaxDiags + 1},
		{[]string{"check", text}, 3 * 51},
		{[]string{"check", bin}, 1},
		{[]string{"lint", bin}, 1},
		{[]string{"fmt", bin}, 1},
	} {
		out, errs, code := runArgs(t, "", tt.args...)
		all := out + errs
		if code == cli.OK || strings.Count(all, "\n") > tt.maxLines {
			t.Errorf("%v: exit %d, %d lines (want at most %d):\n%s", tt.args, code, strings.Count(all, "\n"), tt.maxLines, all)
		}
		if i := strings.IndexFunc(all, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r == 0xfffd }); i >= 0 {
			t.Errorf("%v: raw byte %q at %d:\n%q", tt.args, all[i], i, all[:min(len(all), i+40)])
		}
	}
	_, errs, _ := runArgs(t, "", "classify", "--rules", bin, archive)
	if want := "smtpfp: " + bin + ": not a rulebase: binary data (a NUL byte at offset 7)\n"; errs != want {
		t.Errorf("stderr %q, want %q", errs, want)
	}
}

// Item 9: "-" is standard input for every input, and compile -o - writes
// the artifact to standard output; standard input is read once a run.
func TestIssue15Stdin(t *testing.T) {
	src, err := os.ReadFile(seedFP)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"check", "-"}, {"lint", "-"}, {"fmt", "-l", "-"}, {"test", "-", "--cases", "../../corpus/djb2001", "--expect", "../../testdata/golden/classify/djb2001"}} {
		out, errs, code := runArgs(t, string(src), args...)
		if code != cli.OK || !strings.Contains(out+errs, "") {
			t.Errorf("%v: exit %d\n%s%s", args, code, out, errs)
		}
		if args[0] == "check" && !strings.HasPrefix(out, "<stdin>: ok: rulebase \"djb2001\"") {
			t.Errorf("check -: %q", out)
		}
	}
	out, errs, code := runArgs(t, string(src), "compile", "-o", "-", "-")
	if code != cli.OK || !strings.HasPrefix(errs, "-: rulebase \"djb2001\"") {
		t.Fatalf("compile -o - -: exit %d, stderr %q", code, errs)
	}
	rb, err := rulebase.Read("x.fpc", []byte(out))
	if err != nil || rb.Name() != "djb2001" {
		t.Fatalf("compile -o - wrote no artifact: %v", err)
	}
	if !strings.HasPrefix(out, vm.ArtifactMagic) {
		t.Errorf("stdout is not an artifact: %q", out[:min(len(out), 20)])
	}
	// The rulebase from stdin, the records from a file.
	archive := writeFile(t, "a.jsonl", []byte(`{"addr":"192.0.2.1","outcome":"greeted","steps":[{"cmd":"","reply":"220 ESMTP qmail\r\n"}]}`+"\n"))
	out, errs, code = runArgs(t, string(src), "classify", "--rules", "-", archive)
	if code != cli.OK || !strings.HasPrefix(out, "192.0.2.1\t") {
		t.Errorf("classify --rules - FILE: exit %d, %q %q", code, out, errs)
	}
	// Both from stdin: refused, not an empty read.
	_, errs, code = runArgs(t, string(src), "classify", "--rules", "-", "-")
	if code != cli.Usage || !strings.Contains(errs, "standard input is already read by --rules") {
		t.Errorf("classify --rules - -: exit %d, %q", code, errs)
	}
	_, errs, code = runArgs(t, string(src), "diff", "-", "-", archive)
	if code != cli.Usage || !strings.Contains(errs, "standard input is already read") {
		t.Errorf("diff - -: exit %d, %q", code, errs)
	}
}

// Item 7: compile without -o writes nothing (it used to write
// rules/*.fpc into the checkout).
func TestIssue15CompileNeedsOutput(t *testing.T) {
	dir := t.TempDir()
	src, _ := os.ReadFile(seedFP)
	path := filepath.Join(dir, "djb2001.fp")
	os.WriteFile(path, src, 0o644)
	_, errs, code := runArgs(t, "", "compile", path)
	if code != cli.Usage || !strings.Contains(errs, "give -o OUT.fpc") {
		t.Errorf("exit %d, %q", code, errs)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("compile without -o wrote into %s: %v", dir, ents)
	}
}

// Item 9: commands that read standard input by default refuse, rather
// than wait silently, when it is a terminal and no file is named; compile
// -o - refuses to write binary to a terminal.
func TestIssue15NoWaitOnTerminal(t *testing.T) {
	for _, args := range [][]string{{"explain"}, {"classify"}, {"fmt"}} {
		tty, _ := clitest.PTY(t, 80)
		var out, errb bytes.Buffer
		done := make(chan int, 1)
		go func() { done <- run(args, tty, &out, &errb) }()
		select {
		case code := <-done:
			if code != cli.Usage || !strings.Contains(errb.String(), cli.ErrNoInput.Error()) {
				t.Errorf("%v: exit %d, %q", args, code, errb.String())
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%v waits on the terminal", args)
		}
	}
	tty, _ := clitest.PTY(t, 80)
	var errb bytes.Buffer
	code := run([]string{"compile", "-o", "-", seedFP}, strings.NewReader(""), tty, &errb)
	if code != cli.Usage || !strings.Contains(errb.String(), "standard output is a terminal") {
		t.Errorf("compile -o - to a terminal: exit %d, %q", code, errb.String())
	}
}
