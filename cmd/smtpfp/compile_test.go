package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/corpus"
	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/transcript"
	"github.com/smtpfp/smtpfp/vm"
)

// compileSeed compiles rules/djb2001.fp with smtpfp compile into dir.
func compileSeed(t *testing.T, dir string) (string, []byte) {
	t.Helper()
	path := filepath.Join(dir, "djb2001.fpc")
	out, errs, code := runArgs(t, "", "compile", "-o", path, "../../rules/djb2001.fp")
	if code != exitOK || !strings.HasPrefix(out, path+": rulebase \"djb2001\" version \"2001-10-04\" sha256:") {
		t.Fatalf("compile: exit %d\n%s%s", code, out, errs)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, b
}

// TestCompiledClassifiesLikeSource: a .fpc loads anywhere a .fp does and
// gives every record the same classification, hash included: the corpus
// cases and 2000 generated records, through the library and through
// smtpfp classify.
func TestCompiledClassifiesLikeSource(t *testing.T) {
	dir := t.TempDir()
	fpc, _ := compileSeed(t, dir)
	src, err := rulebase.Load("../../rules/djb2001.fp")
	if err != nil {
		t.Fatal(err)
	}
	bin, err := rulebase.Load(fpc)
	if err != nil {
		t.Fatal(err)
	}
	if bin.Hash() != src.Hash() || bin.Name() != src.Name() || bin.Version() != src.Version() {
		t.Fatalf("compiled %s %s %s, source %s %s %s", bin.Name(), bin.Version(), bin.Hash(), src.Name(), src.Version(), src.Hash())
	}
	recs := corpus.Generate(2001, 2000)
	for _, c := range corpus.DJB2001() {
		recs = append(recs, c.Record)
	}
	srcC, binC := pipeline.NewClassifier(src), pipeline.NewClassifier(bin)
	for i := range recs {
		a, b := recs[i], recs[i]
		srcC.Classify(&a)
		binC.Classify(&b)
		if (a.Class == nil) != (b.Class == nil) || a.Class != nil && !sameClass(a.Class, b.Class) {
			t.Fatalf("record %d (%s): source %+v, compiled %+v", i, recs[i].Addr, a.Class, b.Class)
		}
	}
	archive := writeArchive(t, dir, "all.jsonl", recs)
	want, _, code := runArgs(t, "", "classify", "--json", "--rules", "../../rules/djb2001.fp", archive)
	got, errs, code2 := runArgs(t, "", "classify", "--json", "--rules", fpc, archive)
	if code != exitOK || code2 != exitOK || got != want {
		t.Errorf("classify with the .fpc differs from the .fp (exit %d, %d): %s", code, code2, errs)
	}
}

func sameClass(a, b *transcript.Class) bool {
	return a.Label == b.Label && a.Name == b.Name && strings.Join(a.OS, "/") == strings.Join(b.OS, "/") &&
		a.Version == b.Version && a.Rule == b.Rule && a.Line == b.Line && a.Rulebase == b.Rulebase &&
		a.RulesVer == b.RulesVer && a.Hash == b.Hash
}

// TestCompiledRefused: damaged, truncated and incompatible artifacts are
// refused with an error that says which.
func TestCompiledRefused(t *testing.T) {
	dir := t.TempDir()
	_, good := compileSeed(t, dir)
	header := bytes.Index(good[len(vm.ArtifactMagic):], []byte("\n")) + len(vm.ArtifactMagic) + 1
	n := 0
	edit := func(f func(b []byte) []byte) string {
		n++
		path := filepath.Join(dir, fmt.Sprintf("edited-%d.fpc", n))
		os.WriteFile(path, f(append([]byte(nil), good...)), 0o644)
		return path
	}
	for _, tc := range []struct {
		name string
		path string
		msg  string
	}{
		{"damaged", edit(func(b []byte) []byte { return bytes.Replace(b, []byte("Gordano NTMail"), []byte("Gordano NTMall"), 1) }),
			"bad compiled rulebase: content hash sha256:"},
		{"truncated", edit(func(b []byte) []byte { return b[:len(b)/2] }), "bad compiled rulebase: truncated"},
		{"header only", edit(func(b []byte) []byte { return b[:header] }), "bad compiled rulebase: truncated"},
		{"damaged magic", edit(func(b []byte) []byte { c := append([]byte(nil), b...); c[3] ^= 1; return c }), "bad compiled rulebase: not a compiled rulebase"},
		{"no header", edit(func(b []byte) []byte { return b[:len(vm.ArtifactMagic)+10] }), "bad compiled rulebase: truncated"},
		{"format", edit(func(b []byte) []byte { return bytes.Replace(b, []byte(`"format":1`), []byte(`"format":2`), 1) }),
			"bad compiled rulebase: format 2, this smtpfp reads format 1: recompile it"},
		{"unknown field", edit(func(b []byte) []byte { return bytes.Replace(b, []byte(`"Insts":`), []byte(`"Instrs":`), 1) }),
			`bad compiled rulebase: unknown field "Instrs" in Program`},
		{"bad link", edit(func(b []byte) []byte { return bytes.Replace(b, []byte(`"Next":3,`), []byte(`"Next":3000000,`), 1) }),
			"bad compiled rulebase: instruction 1: bad link"},
	} {
		_, err := rulebase.Load(tc.path)
		if err == nil || !errors.Is(err, vm.ErrArtifact) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.msg)
		}
		if strings.Contains(tc.msg, "content hash") && !strings.HasSuffix(err.Error(), "(damaged)") {
			t.Errorf("%s: %v does not say damaged", tc.name, err)
		}
		_, errs, code := runArgs(t, "", "classify", "--rules", tc.path)
		if code != exitUsage || !strings.Contains(errs, tc.msg) {
			t.Errorf("%s: classify exit %d, stderr %q", tc.name, code, errs)
		}
	}
}

// knownArtifactGaps are the bytes of an artifact a flip of which still
// loads, each with its reason. (None: the header's keys, name and version
// are checked against the program since vm.LoadArtifact was tightened.)
var knownArtifactGaps = map[string]string{}

// TestCompiledBitFlips flips one bit at a time across the artifact
// (every byte of the header, every 997th byte of the program): each
// damaged file must be refused, except in the header fields listed in
// knownArtifactGaps.
func TestCompiledBitFlips(t *testing.T) {
	_, good := compileSeed(t, t.TempDir())
	header := bytes.Index(good[len(vm.ArtifactMagic):], []byte("\n")) + len(vm.ArtifactMagic) + 1
	inGap := func(i int) bool {
		for s := range knownArtifactGaps {
			if k := bytes.Index(good[:header], []byte(s)); k >= 0 && i >= k && i < k+len(s) {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(good)-1; i++ {
		if i >= header && i%997 != 0 {
			continue
		}
		b := append([]byte(nil), good...)
		b[i] ^= 0x01
		if i < len(vm.ArtifactMagic) {
			// No magic: rulebase.Load reads it as source, which fails.
			if rulebase.IsArtifact(b) {
				t.Errorf("flip at %d: still an artifact", i)
			}
			continue
		}
		if _, err := vm.LoadArtifact(b); err == nil && !inGap(i) {
			t.Errorf("flip at %d (%q) loads", i, good[max(0, i-8):min(len(good), i+8)])
		}
	}
}

// TestCompiledCheckLintTest: check loads and verifies a .fpc (saying it
// is compiled, with its name, version and hash) and refuses a damaged
// one; lint refuses one in one line; test finds the cases beside it
// (FILE.tests/) and otherwise says a .fpc records no source.
func TestCompiledCheckLintTest(t *testing.T) {
	dir := t.TempDir()
	fpc, b := compileSeed(t, dir)
	rb, err := rulebase.Load("../../rules/djb2001.fp")
	if err != nil {
		t.Fatal(err)
	}
	out, errs, code := runArgs(t, "", "check", fpc)
	want := fmt.Sprintf("%s: ok: compiled rulebase \"djb2001\" version \"2001-10-04\", 71 rules, 71 patterns, 49 labels, %s\n", fpc, rb.Hash())
	if code != exitOK || out != want || errs != "" {
		t.Errorf("check: exit %d\ngot  %q\nwant %q\n%s", code, out, want, errs)
	}
	damaged := filepath.Join(dir, "damaged.fpc")
	os.WriteFile(damaged, b[:len(b)/2], 0o644)
	if out, errs, code := runArgs(t, "", "check", damaged); code != exitProblems || out != "" || !strings.Contains(errs, "damaged.fpc: bad compiled rulebase") {
		t.Errorf("check damaged: exit %d\n%s%s", code, out, errs)
	}

	out, errs, code = runArgs(t, "", "lint", fpc)
	if code != exitUsage || out != "" || errs != "smtpfp: lint: "+fpc+": a compiled rulebase has no source to lint: lint the .fp\n" {
		t.Errorf("lint: exit %d\n%s%s", code, out, errs)
	}

	_, errs, code = runArgs(t, "", "test", fpc)
	if code != exitUsage || !strings.Contains(errs, "a .fpc does not record its source; test the .fp, or give --cases DIR") {
		t.Errorf("test without cases: exit %d: %s", code, errs)
	}
	cases := filepath.Join(dir, "djb2001.tests")
	os.Mkdir(cases, 0o755)
	os.WriteFile(filepath.Join(cases, "qmail.jsonl"), []byte(archive(t, corpus.Sample2001()[:1])), 0o644)
	os.WriteFile(filepath.Join(cases, "qmail.golden"), []byte("no such label\n"), 0o644)
	out, errs, code = runArgs(t, "", "test", fpc)
	if code != exitProblems || !strings.HasPrefix(out, "FAIL qmail: record 1: got \"rule ") {
		t.Errorf("test with a wrong case beside it: exit %d\n%s%s", code, out, errs)
	}
	runArgs(t, "", "test", "--update", fpc)
	out, errs, code = runArgs(t, "", "test", fpc)
	if code != exitOK || out != "ok: 1 cases, 1 transcript, rulebase \"djb2001\" version \"2001-10-04\"\n" {
		t.Errorf("test with cases beside it: exit %d\n%s%s", code, out, errs)
	}
}

// TestCompileWriteFailure: an artifact that cannot be written is said on
// stderr with the file's error, exit status 1, and no success line.
func TestCompileWriteFailure(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	out, errs, code := runArgs(t, "", "compile", "-o", "/dev/full", "../../rules/djb2001.fp")
	if want := "smtpfp: compile: write /dev/full: no space left on device\n"; code != exitProblems || errs != want || out != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and %q", code, out, errs, want)
	}
}
