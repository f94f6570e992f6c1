package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTestSeedRulebase runs smtpfp test on the shipped rulebase, whose
// cases are the corpus transcripts and the classify goldens.
func TestTestSeedRulebase(t *testing.T) {
	for _, args := range [][]string{{"test", "../../rules/djb2001.fp"}, {"test", "-v", "../../rules/djb2001.fp"}} {
		out, errs, code := runArgs(t, "", args...)
		if code != exitOK || !strings.HasSuffix(out, "ok: 72 cases, 72 transcripts, rulebase \"djb2001\" version \"2001-10-04\"\n") {
			t.Fatalf("%v: exit %d\n%s%s", args, code, out, errs)
		}
		if args[1] == "-v" && !strings.Contains(out, "ok   01-qmail: rule 1 line 66: UNIX qmail\n") {
			t.Errorf("-v does not list passing cases:\n%s", out)
		}
	}
}

// TestTestModernRulebase: the default rulebase's cases are the recorded
// and documented transcripts, found one directory down.
func TestTestModernRulebase(t *testing.T) {
	out, errs, code := runArgs(t, "", "test", "-v", "../../rules/smtp.fp")
	real, _ := filepath.Glob("../../testdata/transcripts/real/*.jsonl")
	documented, _ := filepath.Glob("../../testdata/transcripts/documented/*.jsonl")
	want := fmt.Sprintf("ok: %d cases", len(real)+len(documented))
	if code != exitOK || !strings.Contains(out, "ok   real/postfix-default: ") || !strings.Contains(out, want) {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
}

// TestTestConvention: cases in FILE.tests/ beside the rulebase, goldens
// in the full form or as a tally name, a failing case, --update.
func TestTestConvention(t *testing.T) {
	dir := t.TempDir()
	rules := filepath.Join(dir, "tiny.fp")
	src, err := os.ReadFile(explainDir + "/tiny.fp")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(rules, src, 0o644)
	cases := filepath.Join(dir, "tiny.tests")
	os.Mkdir(cases, 0o755)
	archive, err := os.ReadFile(explainDir + "/tiny.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(archive), "\n")
	os.WriteFile(filepath.Join(cases, "postfix.jsonl"), []byte(lines[0]), 0o644)
	os.WriteFile(filepath.Join(cases, "postfix.golden"), []byte("rule 0 line 8: UNIX Postfix\n"), 0o644)
	os.WriteFile(filepath.Join(cases, "rest.jsonl"), []byte(lines[1]+lines[2]+lines[3]), 0o644)
	os.WriteFile(filepath.Join(cases, "rest.golden"), []byte("some SMTP server\nnot greeted: refused\nrule -1 line 0: unclassified\n"), 0o644)
	out, errs, code := runArgs(t, "", "test", rules)
	if code != exitOK || out != "ok: 2 cases, 4 transcripts, rulebase \"tiny\" version \"1\"\n" {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	// A wrong expectation fails, naming the case and the record.
	os.WriteFile(filepath.Join(cases, "rest.golden"), []byte("some SMTP server\nnot greeted: refused\nUNIX Postfix\n"), 0o644)
	out, _, code = runArgs(t, "", "test", rules)
	want := "FAIL rest: record 3: got \"rule -1 line 0: unclassified\", want \"UNIX Postfix\"\nFAIL: 1 of 2 cases (4 transcripts)\n"
	if code != exitProblems || out != want {
		t.Errorf("exit %d\ngot:\n%s\nwant:\n%s", code, out, want)
	}
	// --update rewrites the goldens from the answers; then they pass.
	if _, errs, code := runArgs(t, "", "test", "--update", rules); code != exitOK {
		t.Fatalf("--update: exit %d: %s", code, errs)
	}
	b, _ := os.ReadFile(filepath.Join(cases, "rest.golden"))
	if string(b) != "rule 3 line 11: some SMTP server\nnot greeted: refused\nrule -1 line 0: unclassified\n" {
		t.Errorf("--update wrote:\n%s", b)
	}
	if _, _, code := runArgs(t, "", "test", rules); code != exitOK {
		t.Errorf("after --update: exit %d", code)
	}
	// --cases and --expect name directories explicitly; a case without
	// a golden fails.
	os.Remove(filepath.Join(cases, "postfix.golden"))
	out, _, code = runArgs(t, "", "test", "--cases", cases, rules)
	if code != exitProblems || !strings.Contains(out, "FAIL postfix: no expected labels") {
		t.Errorf("missing golden: exit %d\n%s", code, out)
	}
	if _, errs, code := runArgs(t, "", "test", "--cases", t.TempDir(), rules); code != exitUsage || !strings.Contains(errs, "no *.jsonl cases") {
		t.Errorf("empty cases dir: exit %d %s", code, errs)
	}
	if _, errs, code := runArgs(t, "", "test", explainDir+"/../lint/clean.fp"); code != exitUsage || !strings.Contains(errs, "no golden transcripts") {
		t.Errorf("no cases: exit %d %s", code, errs)
	}
}
