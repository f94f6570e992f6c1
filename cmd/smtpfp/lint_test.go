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
