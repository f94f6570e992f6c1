package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/corpus"
	"github.com/smtpfp/smtpfp/pipeline"
)

// TestClassifyOutput: classify -o FILE writes what it writes to stdout,
// compressed by the file's name; read back through the pipeline (which
// tells compression by content) it is the same bytes, and the file
// really is compressed.
func TestClassifyOutput(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.jsonl")
	if err := os.WriteFile(path, []byte(archive(t, corpus.Sample2001()[:200])), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, form := range [][]string{nil, {"--json"}, {"--csv"}, {"--tally"}} {
		args := append([]string{"classify", "--rules", "embedded:djb2001.fp"}, form...)
		code, want, errs := runCmd(t, "", append(args, path)...)
		if code != exitOK || want == "" {
			t.Fatalf("%v: exit %d, %s", form, code, errs)
		}
		for _, name := range []string{"out.txt", "out.txt.gz", "out.txt.zst"} {
			out := filepath.Join(dir, name)
			code, stdout, errs := runCmd(t, "", append(args, "-o", out, path)...)
			if code != exitOK || stdout != "" {
				t.Fatalf("%v -o %s: exit %d, stdout %q, stderr %s", form, name, code, stdout, errs)
			}
			raw, _ := os.ReadFile(out)
			if compressed := !bytes.Equal(raw, []byte(want)); compressed != pipeline.Compressed(out) {
				t.Errorf("%v -o %s: compressed %v, want %v", form, name, compressed, pipeline.Compressed(out))
			}
			in, err := pipeline.Open(out, nil)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(in.R)
			in.Close()
			if err != nil || string(got) != want {
				t.Errorf("%v -o %s read back (%v):\n%s\nwant:\n%s", form, name, err, got, want)
			}
		}
	}
}

// TestClassifyOutputWriteFailure: -o FILE that cannot be written (a
// full disk) is said once with the file's error, exit status 1, for a
// plain file and through a compressor (whose write comes at Close).
func TestClassifyOutputWriteFailure(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "a.jsonl")
	os.WriteFile(path, []byte(archive(t, corpus.Sample2001()[:50])), 0o644)
	gz := filepath.Join(dir, "full.gz")
	if err := os.Symlink("/dev/full", gz); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{"/dev/full", gz} {
		code, stdout, errs := runCmd(t, "", "classify", "--rules", "embedded:djb2001.fp", "-o", out, path)
		if want := "smtpfp: classify: write " + out + ": no space left on device\n"; code != exitProblems || errs != want || stdout != "" {
			t.Errorf("-o %s: exit %d, stdout %q, stderr %q; want exit 1 and %q", out, code, stdout, errs, want)
		}
	}
}

// TestClassifyOutputIsInput: -o naming an input, by its path or another
// name for the file, is a usage error, and the input is left whole:
// creating the output first would have emptied it.
func TestClassifyOutputIsInput(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.jsonl")
	arch := archive(t, corpus.Sample2001()[:20])
	os.WriteFile(path, []byte(arch), 0o644)
	link := filepath.Join(dir, "link.jsonl")
	os.Symlink(path, link)
	rules := filepath.Join(dir, "r.fp")
	b, _ := os.ReadFile("../../rules/djb2001.fp")
	os.WriteFile(rules, b, 0o644)
	for _, tc := range []struct {
		out  string
		args []string
		in   string
	}{
		{path, []string{path}, path},
		{filepath.Join(dir, ".", "a.jsonl"), []string{path}, path},
		{link, []string{"-", path}, path},
		{rules, []string{path}, rules},
	} {
		args := append([]string{"classify", "--rules", rules, "-o", tc.out}, tc.args...)
		code, _, errs := runCmd(t, "", args...)
		if want := "smtpfp classify: -o " + tc.out + " would overwrite the input " + tc.in + "\n"; code != exitUsage || !strings.HasPrefix(errs, want) {
			t.Errorf("-o %s: exit %d, stderr %q; want exit 2 and %q", tc.out, code, errs, want)
		}
	}
	if got, _ := os.ReadFile(path); string(got) != arch {
		t.Errorf("the input changed: %d bytes, was %d", len(got), len(arch))
	}
	if got, _ := os.ReadFile(rules); !bytes.Equal(got, b) {
		t.Error("the rulebase changed")
	}
}

// TestFileOutputs: every smtpfp command that writes a file writes it as
// classify -o does (cli.WriteFile): compressed by name (and a compressed
// rulebase is read as one), and a write that fails is said with the
// file's error, exit status 1.
func TestFileOutputs(t *testing.T) {
	dir := t.TempDir()
	arch := filepath.Join(dir, "a.jsonl")
	os.WriteFile(arch, []byte(archive(t, corpus.Sample2001()[:50])), 0o644)
	for _, tc := range []struct {
		name string
		args func(out string) []string
		has  string // in the written file
	}{
		{"import-awk", func(out string) []string { return []string{"import-awk", "-o", out, "../../testdata/djb2001.awk"} }, "rulebase"},
		{"report", func(out string) []string { return []string{"report", "--html", out, arch} }, "<svg"},
		{"compile", func(out string) []string { return []string{"compile", "-o", out, "../../rules/djb2001.fp"} }, "djb2001"},
	} {
		out := filepath.Join(dir, tc.name+".gz")
		if _, errs, code := runArgs(t, "", tc.args(out)...); code != exitOK {
			t.Fatalf("%s: exit %d: %s", tc.name, code, errs)
		}
		// Read back with gzip itself: the pipeline would take the HTML
		// page for Nmap's XML.
		raw, _ := os.ReadFile(out)
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("%s: %s is not gzip: %v", tc.name, out, err)
		}
		if b, err := io.ReadAll(zr); err != nil || !bytes.Contains(b, []byte(tc.has)) {
			t.Errorf("%s: %s read back (%v): %.80q", tc.name, out, err, b)
		}
		if tc.name != "report" {
			// A compressed rulebase reads back wherever one is read.
			if msg, errs, code := runArgs(t, "", "check", out); code != exitOK || !strings.Contains(msg, "ok") {
				t.Errorf("check %s: exit %d: %s%s", out, code, msg, errs)
			}
		}
		if _, err := os.Stat("/dev/full"); err != nil {
			continue
		}
		_, errs, code := runArgs(t, "", tc.args("/dev/full")...)
		if code != exitProblems || !strings.Contains(errs, "write /dev/full: no space left on device\n") {
			t.Errorf("%s to /dev/full: exit %d, stderr %q; want exit 1 and the write error", tc.name, code, errs)
		}
	}
}
