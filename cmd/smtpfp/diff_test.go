package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sebdah/goldie/v2"

	"github.com/smtpfp/smtpfp/corpus"
	"github.com/smtpfp/smtpfp/transcript"
)

// writeArchive writes records as a JSON-lines archive in dir.
func writeArchive(t *testing.T, dir, name string, recs []transcript.Record) string {
	t.Helper()
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := transcript.NewWriter(f)
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// editedDJB2001 is rules/djb2001.fp as a maintainer might change it: a
// new label for Exchange 5 above the general Microsoft rules, and the
// NAVGW rule removed.
func editedDJB2001(t *testing.T, dir string) string {
	b, err := os.ReadFile("../../rules/djb2001.fp")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(b), `version "2001-10-04"`, `version "2001-10-05"`, 1)
	src = strings.Replace(src, "label notsure ", "label exchange5 \"Microsoft Exchange 5\" os windows\nlabel notsure ", 1)
	src = strings.Replace(src, "/^[^ ]* 554[ -]/ -> failed554\n", "/^[^ ]* 554[ -]/ -> failed554\n/ Microsoft ESMTP MAIL Service, Version: 5/ -> exchange5\n", 1)
	src = strings.Replace(src, "/ SMTP NAVGW / -> norton\n", "", 1)
	path := filepath.Join(dir, "djb2001-edited.fp")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// diffHashRE matches rulebase hashes, which change whenever the
// compiler's output does.
var diffHashRE = regexp.MustCompile(`sha256:[0-9a-f]+`)

func TestDiffGolden(t *testing.T) {
	dir := t.TempDir()
	edited := editedDJB2001(t, dir)
	archive := writeArchive(t, dir, "gen.jsonl", corpus.Generate(2001, 2000))
	out, errs, code := runArgs(t, "", "diff", "../../rules/djb2001.fp", edited, archive)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	g := goldie.New(t, goldie.WithFixtureDir("../../testdata/golden/diff"))
	g.Assert(t, "djb2001-edited", diffHashRE.ReplaceAll([]byte(out), []byte("sha256:HASH")))
	if _, _, code := runArgs(t, "", "diff", "--exit-code", "../../rules/djb2001.fp", edited, archive); code != exitProblems {
		t.Errorf("--exit-code with changes: exit %d, want %d", code, exitProblems)
	}
	out, _, code = runArgs(t, "", "diff", "--exit-code", "../../rules/djb2001.fp", "../../rules/djb2001.fp", archive)
	if code != exitOK || !strings.Contains(out, "2000 transcripts classified, 0 change label\n") {
		t.Errorf("same rulebase: exit %d\n%s", code, out)
	}
}

func TestDiffErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"diff", "a.fp", "b.fp"}, exitUsage, "want OLD.fp NEW.fp"},
		{[]string{"diff", "../../rules/djb2001.fp", "missing.fp", "-"}, exitUsage, "no such file"},
		{[]string{"diff", "--input", "djb", "../../rules/djb2001.fp", explainDir + "/tiny.fp", "-"}, exitUsage, "djb view"},
	} {
		_, errs, code := runArgs(t, "", tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, stderr %q", tc.args, code, errs)
		}
	}
}
