package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/cmd/internal/cli"
	"github.com/smtpfp/smtpfp/transcript"
	"github.com/smtpfp/smtpfp/world"
)

// startSurvey writes a small simulated survey to a fresh archive.
func startSurvey(t *testing.T, args ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "s.jsonl")
	if code, _, stderr := runCmd("", append([]string{"--simulate", "djb2001", "-q", "-o", out}, args...)...); code != cli.OK {
		t.Fatal(stderr)
	}
	return out
}

// Without its .survey file, --resume compares the archive's own header:
// a larger -n is another survey, which smtpfp report would refuse.
func TestResumeNoSidecarComparesHeader(t *testing.T) {
	out := startSurvey(t, "-n", "100")
	if err := os.Remove(out + ".survey"); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(out)
	code, _, stderr := runCmd("", "--simulate", "djb2001", "-q", "-n", "200", "-o", out, "--resume")
	if code != cli.Usage || !strings.Contains(stderr, "sample_size: then 100, now 200") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if after, _ := os.ReadFile(out); string(after) != string(before) {
		t.Errorf("the refused run changed the archive (%d -> %d bytes)", len(before), len(after))
	}
	// The same survey resumes, and gets its sidecar back.
	if code, _, stderr := runCmd("", "--simulate", "djb2001", "-q", "-n", "100", "-o", out, "--resume"); code != cli.OK {
		t.Errorf("same survey: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(out + ".survey"); err != nil {
		t.Error(err)
	}
	// Records without a header or a sidecar: nothing to compare with.
	bare := filepath.Join(t.TempDir(), "bare.jsonl")
	lines := strings.SplitAfterN(string(before), "\n", 2)
	if err := os.WriteFile(bare, []byte(lines[1]), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCmd("", "--simulate", "djb2001", "-q", "-n", "100", "-o", bare, "--resume")
	if code != cli.Usage || !strings.Contains(stderr, "cannot tell which survey it holds") {
		t.Errorf("headerless: exit %d, stderr %q", code, stderr)
	}
}

// The rulebase, the relay probe and the PTR flags are part of a survey:
// resuming with others is refused, naming the flag.
func TestResumeRefusesOtherFlags(t *testing.T) {
	out := startSurvey(t, "-n", "50")
	sidecar, _ := os.ReadFile(out + ".survey")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--rules", "embedded:djb2001.fp"}, `--rules: then (default), now "embedded:djb2001.fp"`},
		{[]string{"--relay-probe"}, "--relay-probe: then (default), now true"},
		{[]string{"--require-ptr=false"}, "--require-ptr: then (default), now false"},
		{[]string{"-n", "60"}, "-n: then 50, now 60"},
	} {
		args := []string{"--simulate", "djb2001", "-q", "-n", "50", "-o", out, "--resume"}
		code, _, stderr := runCmd("", append(args, tt.args...)...)
		if code != cli.Usage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", tt.args, code, stderr, tt.want)
		}
	}
	if s2, _ := os.ReadFile(out + ".survey"); string(s2) != string(sidecar) {
		t.Errorf("refused runs changed the sidecar: %q -> %q", sidecar, s2)
	}
	// The same flags, spelled out, resume.
	if code, _, stderr := runCmd("", "--simulate", "djb2001", "-q", "-n", "50", "-o", out, "--resume", "--require-ptr"); code != cli.OK {
		t.Errorf("same flags: exit %d, stderr %q", code, stderr)
	}
}

// A sidecar with --no-ptr refuses a resume without it, and the other way.
func TestResumeKeyNoPTR(t *testing.T) {
	o := &options{n: 5, seed: 1, port: 25, noPTR: true}
	diffs := keyDiff(surveyKey(o), surveyFields(&options{n: 5, seed: 1, port: 25}))
	if len(diffs) != 1 || diffs[0] != "--no-ptr: then true, now (default)" {
		t.Errorf("diffs %q", diffs)
	}
	// Quoted values with spaces and '=' parse back.
	o = &options{n: 5, seed: 1, port: 25, targets: `my list=1 "x".txt`}
	if diffs := keyDiff(surveyKey(o), surveyFields(o)); len(diffs) != 0 {
		t.Errorf("a key differs from itself: %q", diffs)
	}
}

// -o naming a directory says so.
func TestOutputDirectory(t *testing.T) {
	dir := t.TempDir()
	for _, out := range []string{dir, filepath.Join(dir, "d.gz")} {
		os.MkdirAll(out, 0o755)
		code, _, stderr := runCmd("", "--simulate", "djb2001", "-q", "-n", "5", "-o", out)
		if code != cli.Usage || !strings.Contains(stderr, "is a directory") || strings.Contains(stderr, "already holds") {
			t.Errorf("-o %s: exit %d, stderr %q", out, code, stderr)
		}
	}
}

// A resumed simulated survey dates its records after those the archive
// already has: the i-th record of the survey, not the i-th of this run.
func TestResumeDatesCountOn(t *testing.T) {
	out := startSurvey(t, "-n", "400")
	b, _ := os.ReadFile(out)
	lines := strings.SplitAfter(string(b), "\n")
	// The header and the first 200 records, as a kill would leave them.
	if err := os.WriteFile(out, []byte(strings.Join(lines[:201], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCmd("", "--simulate", "djb2001", "-q", "-n", "400", "-o", out, "--resume"); code != cli.OK {
		t.Fatal(stderr)
	}
	w, err := world.Worlds["djb2001"](2001)
	if err != nil {
		t.Fatal(err)
	}
	half := w.Start.Add(w.Span / 2)
	n := 0
	eachRecord(t, out, func(_ int, rec *transcript.Record) {
		if n >= 200 && rec.Time.Before(half) {
			t.Fatalf("resumed record %d (%s) dated %v, before the survey's midpoint %v", n, rec.Addr, rec.Time, half)
		}
		n++
	})
	if n != 400 {
		t.Errorf("%d records, want 400", n)
	}
}
