package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/scan"
)

// TestSecondWriterRefused: while a survey holds its archive, a second
// survey writing to it, or resuming it, is refused at once, told who holds
// it, and the archive and its .survey file are left as they were.
func TestSecondWriterRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "a.jsonl")
	if code, _, stderr := runCmd("", "--simulate", "djb2001", "-n", "50", "-o", out); code != 0 {
		t.Fatal(stderr)
	}
	before, _ := os.ReadFile(out)
	survey, _ := os.ReadFile(out + ".survey")
	held, err := scan.LockArchive(out) // the first survey, still running
	if err != nil {
		t.Fatal(err)
	}
	defer held.Unlock()
	for _, args := range [][]string{
		{"--simulate", "djb2001", "-n", "50", "-o", out},
		{"--simulate", "djb2001", "-n", "50", "-o", out, "--resume"},
		{"--simulate", "djb2001", "-n", "70", "--seed", "3", "-o", out},
	} {
		code, _, stderr := runCmd("", args...)
		want := fmt.Sprintf("smtpscan: %s is in use by pid %d on ", out, os.Getpid())
		if code != exitFail || !strings.HasPrefix(stderr, want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 1 and %q...", args, code, stderr, want)
		}
	}
	after, _ := os.ReadFile(out)
	surveyAfter, _ := os.ReadFile(out + ".survey")
	if string(after) != string(before) || string(survey) != string(surveyAfter) {
		t.Error("a refused survey changed the archive or its .survey file")
	}
	held.Unlock()
	if code, _, stderr := runCmd("", "--simulate", "djb2001", "-n", "50", "-o", out, "--resume"); code != 0 {
		t.Errorf("after the first let go: %s", stderr)
	}
}

// TestResumeSkipsMalformedMiddleLine: --resume goes on past a malformed
// line in the middle of the archive, naming it by line number, and scans
// the address it lost again.
func TestResumeSkipsMalformedMiddleLine(t *testing.T) {
	out := filepath.Join(t.TempDir(), "m.jsonl")
	args := []string{"--simulate", "djb2001", "--require-ptr=false", "-n", "100", "-o", out}
	if code, _, stderr := runCmd("", args...); code != 0 {
		t.Fatal(stderr)
	}
	b, _ := os.ReadFile(out)
	lines := strings.SplitAfter(string(b), "\n")
	lines[50] = `{"addr":"broken` + "\n"
	os.WriteFile(out, []byte(strings.Join(lines, "")), 0o644)
	code, stdout, stderr := runCmd("", append(args, "--resume")...)
	if code != 0 || !strings.Contains(stderr, "smtpscan: --resume: skipping "+out+": record 51: ") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stdout, "1 addresses recorded") || !strings.Contains(stdout, "99 already in the archive") {
		t.Errorf("stdout %s", stdout)
	}
}

// TestMemoryTooSmall: a budget one session could exhaust is refused.
func TestMemoryTooSmall(t *testing.T) {
	code, _, stderr := runCmd("", "--simulate", "djb2001", "-n", "5", "--memory", "1000")
	want := "smtpscan: --memory 1000: one session may need 606208 bytes with --max-reply 65536; give at least 622592\n"
	if code != exitUsage || stderr != want {
		t.Errorf("exit %d, stderr %q, want %q", code, stderr, want)
	}
}
