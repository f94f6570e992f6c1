package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompressedArchive: -o FILE.gz and FILE.zst write the archive
// compressed, header first, and its report (read back by content) is
// the plain archive's; --resume is refused for them.
func TestCompressedArchive(t *testing.T) {
	dir := t.TempDir()
	var reports []string
	for _, name := range []string{"s.jsonl", "s.jsonl.gz", "s.jsonl.zst"} {
		out := filepath.Join(dir, name)
		code, stdout, stderr := runCmd("", "--simulate", "djb2001", "-n", "3000", "-o", out)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", name, code, stderr)
		}
		raw, _ := os.ReadFile(out)
		if plain := bytes.HasPrefix(raw, []byte(`{"survey"`)); plain != (name == "s.jsonl") {
			t.Errorf("%s: starts %q", name, raw[:min(len(raw), 12)])
		}
		_, rep, _ := strings.Cut(stdout, "Report (")
		reports = append(reports, rep[strings.IndexByte(rep, '\n'):])
	}
	if reports[1] != reports[0] || reports[2] != reports[0] || !strings.Contains(reports[0], "Sendmail") {
		t.Errorf("reports differ:\n%s\n---\n%s\n---\n%s", reports[0], reports[1], reports[2])
	}
	code, _, stderr := runCmd("", "--simulate", "djb2001", "-n", "10", "-o", filepath.Join(dir, "s.jsonl.gz"), "--resume")
	if code != exitUsage || !strings.Contains(stderr, "--resume needs a plain archive") {
		t.Errorf("--resume on .gz: exit %d, %s", code, stderr)
	}
	// Compressed content under a plain name is told by its content, and
	// left whole.
	hidden := filepath.Join(dir, "hidden.jsonl")
	z, _ := os.ReadFile(filepath.Join(dir, "s.jsonl.gz"))
	os.WriteFile(hidden, z, 0o644)
	code, _, stderr = runCmd("", "--simulate", "djb2001", "-n", "3000", "-o", hidden, "--resume")
	if want := "--resume needs a plain archive: " + hidden + " is compressed (gzip, by its content)"; code != exitUsage || !strings.Contains(stderr, want) {
		t.Errorf("--resume on gzip content: exit %d, %s; want %q", code, stderr, want)
	}
	if b, _ := os.ReadFile(hidden); !bytes.Equal(b, z) {
		t.Errorf("%s changed: %d bytes, was %d", hidden, len(b), len(z))
	}
}
