package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportAWKCommand converts the seed's script and runs the result
// through smtpfp test against the seed's golden transcripts: every case
// gets the tally name rules/djb2001.fp gives it.
func TestImportAWKCommand(t *testing.T) {
	dir := t.TempDir()
	fp := filepath.Join(dir, "djb2001.fp")
	_, errs, code := runArgs(t, "", "import-awk", "--version", "2001-10-04", "-o", fp, "../../testdata/djb2001.awk")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	golden, err := os.ReadFile("../../testdata/golden/import-awk/djb2001.golden")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(fp)
	if string(got) != strings.Replace(string(golden), `version "imported"`, `version "2001-10-04"`, 1) {
		t.Errorf("import-awk -o differs from the golden")
	}
	// The goldens hold "rule N line L: NAME"; the imported file has other
	// line numbers, so compare tally names: the golden dir rewritten.
	expect := filepath.Join(dir, "expect")
	os.Mkdir(expect, 0o755)
	files, _ := filepath.Glob("../../testdata/golden/classify/djb2001/*.golden")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		_, name, _ := strings.Cut(strings.TrimSpace(string(b)), ": ")
		os.WriteFile(filepath.Join(expect, filepath.Base(f)), []byte(name+"\n"), 0o644)
	}
	out, errs, code := runArgs(t, "", "test", "--cases", "../../corpus/djb2001", "--expect", expect, fp)
	if code != exitOK || !strings.HasPrefix(out, "ok: 72 cases") {
		t.Errorf("test of the imported rulebase: exit %d\n%s%s", code, out, errs)
	}
}

func TestImportAWKCommandErrors(t *testing.T) {
	out, errs, code := runArgs(t, "BEGIN { a = \"A\" }\n/x/ { print a }\n/y/ { print a; next }\n", "import-awk", "-")
	if code != exitProblems || out != "" || !strings.Contains(errs, "<stdin>:2:1: error[awk_unsupported]: a rule whose action does not end with \"next\"") {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
	if _, _, code := runArgs(t, "", "import-awk"); code != exitUsage {
		t.Errorf("no script: exit %d", code)
	}
	out, _, code = runArgs(t, "/x/ { print \"X\"; next }\n", "import-awk", "--name", "tiny", "-")
	if code != exitOK || !strings.HasPrefix(out, "rulebase \"tiny\" version \"imported\"\nview djb\n\nlabel x \"X\"\n\n/x/ -> x\n") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

// TestImportAWKStdinName: a script on standard input without --name makes
// rulebase "stdin", a name that can stand in every result (not "<stdin>").
func TestImportAWKStdinName(t *testing.T) {
	out, errs, code := runArgs(t, "/x/ { print \"X\"; next }\n", "import-awk", "-")
	if code != exitOK || !strings.HasPrefix(out, "rulebase \"stdin\" version \"imported\"\n") {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
}
