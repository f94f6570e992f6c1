package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/cmd/internal/cli"
)

// A value the survey cannot use is a usage error naming the flag and what
// it allows, never taken silently for a default.
func TestBadValues(t *testing.T) {
	p0 := filepath.Join(t.TempDir(), "p0.txt")
	if err := os.WriteFile(p0, []byte("127.0.0.1:0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--concurrency", "0"}, "--concurrency 0: want at least 1"},
		{[]string{"--concurrency", "-5"}, "--concurrency -5: want at least 1"},
		{[]string{"--dns-concurrency", "0"}, "--dns-concurrency 0: want at least 1"},
		{[]string{"--dns-retries", "-1"}, "--dns-retries -1: want 0 or more"},
		{[]string{"--rate", "-1"}, "--rate -1: want connections per second, 0 (no limit) or more"},
		{[]string{"--rate", "NaN"}, "--rate NaN: want"},
		{[]string{"--per24", "-1"}, "--per24 -1: want"},
		{[]string{"--connect-timeout", "-1s"}, "--connect-timeout -1s: want a duration above 0"},
		{[]string{"--read-timeout", "0"}, "--read-timeout 0s: want a duration above 0"},
		{[]string{"--session-timeout", "-2m"}, "--session-timeout -2m0s: want a duration above 0"},
		{[]string{"--dns-timeout", "0s"}, "--dns-timeout 0s: want a duration above 0"},
		{[]string{"--port", "0"}, "--port 0: want a TCP port, 1 to 65535"},
		{[]string{"--sample", "5"}, "--sample N needs --from-list FILE"},
		{[]string{"--sample", "0", "--from-list", p0}, "--sample 0: want at least 1"},
		{[]string{"-n", "-5"}, "-n -5: want at least 1 (--all surveys every address)"},
		{[]string{"-n", "0"}, "-n 0: want at least 1"},
	} {
		code, stdout, stderr := runCmd("", append([]string{"-n", "5", "--dry-run"}, tt.args...)...)
		if code != cli.Usage || !strings.Contains(stderr, tt.want) || stdout != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q, want %q", tt.args, code, stdout, stderr, tt.want)
		}
	}
	// Port 0 in a target list is no target.
	code, stdout, stderr := runCmd("", "--targets", p0, "--allow-private", "--dry-run")
	if want := `p0.txt:1: port 0 in "127.0.0.1:0": want a TCP port, 1 to 65535`; code != cli.Usage || !strings.Contains(stderr, want) || stdout != "" {
		t.Errorf("port-0 target: exit %d, stdout %q, stderr %q, want %q", code, stdout, stderr, want)
	}
	// The defaults, and djb1996's own --sample, stay usable.
	if code, _, stderr := runCmd("", "-n", "5", "--dry-run"); code != cli.OK {
		t.Errorf("defaults: exit %d, %s", code, stderr)
	}
	if code, _, stderr := runCmd("", "--simulate", "djb1996", "--sample", "3", "--dry-run"); code != cli.OK {
		t.Errorf("djb1996 --sample: exit %d, %s", code, stderr)
	}
}

// A line that is no target is a usage error from a pipe as from a file,
// in a dry run and in a survey; a refused target stays exit 1.
func TestBadTargetLineExitsUsage(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "badport.txt")
	if err := os.WriteFile(bad, []byte("127.0.0.1:99999\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	want := `expected ADDRESS or ADDRESS:PORT, found "127.0.0.1:99999"`
	for _, tt := range []struct {
		stdin string
		args  []string
	}{
		{"", []string{"--targets", bad, "--dry-run"}},
		{"127.0.0.1:99999\n", []string{"--targets", "-", "--dry-run"}},
		{"127.0.0.1:99999\n", []string{"--targets", "-", "--no-ptr", "--allow-private", "-q"}},
	} {
		if code, _, stderr := runCmd(tt.stdin, tt.args...); code != cli.Usage || !strings.Contains(stderr, want) {
			t.Errorf("%v: exit %d, stderr %q", tt.args, code, stderr)
		}
	}
	if code, _, stderr := runCmd("127.0.0.1\n", "--targets", "-", "--dry-run"); code != cli.Problems {
		t.Errorf("refused target: exit %d, stderr %q", code, stderr)
	}
}
