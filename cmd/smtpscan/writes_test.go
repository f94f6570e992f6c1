package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/cmd/internal/cli"
)

// fullWriter fails every write, as /dev/full does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// A survey whose summary cannot be written to stdout is exit status 1,
// said on stderr, not a silent success.
func TestStdoutWriteFailure(t *testing.T) {
	var e bytes.Buffer
	code := run([]string{"--simulate", "djb2001", "-n", "100"}, strings.NewReader(""), fullWriter{}, &e)
	if code != cli.Problems || !strings.Contains(e.String(), "writing the output: no space left on device") {
		t.Errorf("exit %d, stderr %q", code, e.String())
	}
}

// An archive that cannot be written at close is one message and exit 1,
// not a panic from closing it twice.
func TestArchiveCloseFailure(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	t.Cleanup(func() { os.Remove("/dev/full.survey"); os.Remove("/dev/full.lock") })
	code, _, stderr := runCmd("", "--simulate", "djb2001", "-n", "10", "-q", "-o", "/dev/full")
	if code != cli.Problems || !strings.Contains(stderr, "no space left on device") || strings.Contains(stderr, "panic") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// -o - writes the same header as -o FILE: the simulated 1996 survey's list
// population and dates, so that smtpscan -o - | smtpfp report - has the
// right estimates.
func TestStdoutHeaderIsTheFilesHeader(t *testing.T) {
	code, out, stderr := runCmd("", "--simulate", "djb1996", "-q", "-o", "-")
	if code != cli.OK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	first, _, _ := strings.Cut(out, "\n")
	for _, want := range []string{`"population_size":12795635`, `"started":"1996-11-27`, `"sample_size":500000`} {
		if !strings.Contains(first, want) {
			t.Errorf("header %s lacks %s", first, want)
		}
	}
}

// smtpscan targets writes its -o FILE as every command does
// (pipeline.Create): compressed by name, and a write that fails is said
// with the file's error, exit status 1.
func TestTargetsOutput(t *testing.T) {
	dir := t.TempDir()
	zone := filepath.Join(dir, "test.zone")
	os.WriteFile(zone, []byte("$TTL 3600\n@ IN SOA ns.test. host.test. 1 2 3 4 5\nalpha IN NS ns.alpha\nns.alpha IN A 127.0.5.1\n"), 0o644)
	list := filepath.Join(dir, "list.txt.gz")
	if code, _, stderr := runCmd("", "targets", "--zone", zone, "--no-lookups", "--allow-private", "-o", list); code != cli.OK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open(list)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s is not gzip: %v", list, err)
	}
	if b, err := io.ReadAll(zr); err != nil || string(b) != "127.0.5.1\n" {
		t.Errorf("list %q (%v), want 127.0.5.1", b, err)
	}
	// and reads back as a target list, decompressed by content.
	if code, stdout, stderr := runCmd("", "--targets", list, "--dry-run", "--allow-private"); code != cli.OK || stdout != "127.0.5.1\n" {
		t.Errorf("--targets %s --dry-run: exit %d, stdout %q, stderr %q", list, code, stdout, stderr)
	}
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	code, _, stderr := runCmd("", "targets", "--zone", zone, "--no-lookups", "--allow-private", "-o", "/dev/full")
	if code != cli.Problems || !strings.Contains(stderr, "smtpscan: write /dev/full: no space left on device\n") {
		t.Errorf("exit %d, stderr %q; want exit 1 and the write error", code, stderr)
	}
}
