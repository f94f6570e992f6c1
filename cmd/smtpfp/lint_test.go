package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runArgs(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

const lintDir = "../../testdata/golden/lint"

// TestLintCommand runs smtpfp lint on each lint golden case: its output
// is the golden's findings (pinned by compiler.TestLintGolden) with the
// path as given, and a summary line.
func TestLintCommand(t *testing.T) {
	files, _ := filepath.Glob(lintDir + "/*.fp")
	if len(files) == 0 {
		t.Fatal("no lint cases")
	}
	for _, path := range files {
		golden, err := os.ReadFile(strings.TrimSuffix(path, ".fp") + ".golden")
		if err != nil {
			t.Fatal(err)
		}
		out, errs, code := runArgs(t, "", "lint", path)
		if code != exitOK {
			t.Errorf("%s: exit %d: %s", path, code, errs)
		}
		// The golden ends "N finding(s), M silenced"; the command says it
		// on one line with the file name.
		g := string(golden)
		body := g[:strings.LastIndex(strings.TrimSuffix(g, "\n"), "\n")+1]
		body = strings.ReplaceAll(body, filepath.Base(path)+":", path+":")
		if !strings.HasPrefix(out, body) {
			t.Errorf("%s: got:\n%s\nwant findings:\n%s", path, out, body)
		}
		_, code = runLintFail(t, path)
		if clean := strings.HasPrefix(g, "0 finding"); clean != (code == exitOK) {
			t.Errorf("%s: --fail-on-warnings exit %d", path, code)
		}
	}
}

func runLintFail(t *testing.T, path string) (string, int) {
	out, _, code := runArgs(t, "", "lint", "--fail-on-warnings", path)
	return out, code
}

// TestLintShippedRulebases: every shipped rulebase lints clean (CI runs
// smtpfp lint --fail-on-warnings rules/*.fp). For the seed's this is
// pinned exactly: every one of its 71 rules wins a recorded transcript, so
// none may be reported dead.
func TestLintShippedRulebases(t *testing.T) {
	out, errs, code := runArgs(t, "", "lint", "--fail-on-warnings", "../../rules/djb2001.fp")
	if code != exitOK || out != "../../rules/djb2001.fp: 71 rules, 0 findings, 0 silenced\n" {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
	files, _ := filepath.Glob("../../rules/*.fp")
	for _, path := range files {
		out, errs, code := runArgs(t, "", "lint", "--fail-on-warnings", path)
		if code != exitOK {
			t.Errorf("%s: exit %d\n%s%s", path, code, out, errs)
		}
	}
}

func TestLintErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.fp")
	os.WriteFile(bad, []byte("rulebase \"b\" version \"1\"\nview raw\nlabel a \"A\"\n/(x/ -> a\n"), 0o644)
	out, errs, code := runArgs(t, "", "lint", bad)
	if code != exitProblems || !strings.Contains(out, "error[bad_regex]") || !strings.Contains(errs, "does not compile") {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
	if _, _, code := runArgs(t, "", "lint"); code != exitUsage {
		t.Errorf("no files: exit %d", code)
	}
	if _, _, code := runArgs(t, "", "lint", filepath.Join(dir, "missing.fp")); code != exitUsage {
		t.Errorf("missing file: exit %d", code)
	}
}

// TestExitCodesAsDocumented pins the exit codes README's table and each
// command's --help state for rulebase findings: lint's findings and
// check's warnings are warnings (0, 1 only with --fail-on-warnings or
// --werror); fmt formats a file that parses but does not compile (0) and
// refuses one that does not parse or is empty (1), while check exits 1.
func TestExitCodesAsDocumented(t *testing.T) {
	dead := lintDir + "/dead-rule.fp"
	undefined := writeFile(t, "undefined.fp", []byte("rulebase \"x\" version \"1\"\nview raw\n/foo/   ->   nolabel\n"))
	empty := writeFile(t, "empty.fp", []byte("\n"))
	for _, tt := range []struct {
		args   []string
		want   int
		stdout string // a substring of stdout, if any
		stderr string // a substring of stderr, if any
	}{
		{[]string{"lint", dead}, exitOK, "dead_rule", ""},
		{[]string{"lint", "--fail-on-warnings", dead}, exitProblems, "dead_rule", ""},
		{[]string{"fmt", undefined}, exitOK, "/foo/ -> nolabel\n", ""},
		{[]string{"check", undefined}, exitProblems, "undefined_label", ""},
		{[]string{"fmt", empty}, exitProblems, "", "empty rule file"},
		{[]string{"fmt", "-l", empty}, exitProblems, "", "empty rule file"},
		{[]string{"check", empty}, exitProblems, "missing_header", ""},
	} {
		out, errs, code := runArgs(t, "", tt.args...)
		if code != tt.want || !strings.Contains(out, tt.stdout) || !strings.Contains(errs, tt.stderr) {
			t.Errorf("%v: exit %d (want %d)\nstdout %q (want %q)\nstderr %q (want %q)", tt.args, code, tt.want, out, tt.stdout, errs, tt.stderr)
		}
	}
	// The help of each says so.
	for cmd, want := range map[string]string{
		"lint":  "Findings are warnings: they exit 0, or 1 with --fail-on-warnings",
		"check": "warnings alone exit 0, or 1 with --werror",
		"fmt":   "a file that parses but does not compile (an undefined label, say) is formatted, exit 0",
	} {
		out, _, _ := runArgs(t, "", cmd, "--help")
		if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("smtpfp %s --help does not say %q:\n%s", cmd, want, out)
		}
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(readme, []byte("warnings with `check --werror` or `lint --fail-on-warnings` (without them, warnings alone exit 0)")) {
		t.Error("README's exit-code table does not say when warnings exit 1")
	}
}
