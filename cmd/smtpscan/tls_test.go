package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/scan/tlsfleet"
	"github.com/smtpfp/smtpfp/transcript"
)

func TestTLSUsageErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-n", "1", "--starttls", "--smtps"}, "smtpscan: --starttls and --smtps exclude each other\n"},
		{[]string{"-n", "1", "--tls-roots", "x.pem"}, "smtpscan: --tls-roots needs --starttls or --smtps\n"},
	} {
		code, _, stderr := runCmd("", tt.args...)
		if code != exitUsage || stderr != tt.want {
			t.Errorf("%v: exit %d, stderr %q; want exit 2, %q", tt.args, code, stderr, tt.want)
		}
	}
	bad := filepath.Join(t.TempDir(), "roots.pem")
	os.WriteFile(bad, []byte("not a certificate\n"), 0o644)
	code, _, stderr := runCmd("", "-n", "1", "--starttls", "--tls-roots", bad)
	if code != exitFail || stderr != "smtpscan: "+bad+": no PEM certificate in it\n" {
		t.Errorf("bad roots: exit %d, stderr %q", code, stderr)
	}
}

// startFleet starts the loopback TLS fleet and writes its root to a PEM
// file; it returns the servers and the file.
func startFleet(t *testing.T) ([]*tlsfleet.Server, string) {
	t.Helper()
	ca, err := tlsfleet.NewCA()
	if err != nil {
		t.Fatal(err)
	}
	cases, err := tlsfleet.Cases(ca)
	if err != nil {
		t.Fatal(err)
	}
	var srvs []*tlsfleet.Server
	for _, c := range cases {
		s, err := tlsfleet.Start(c)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Close)
		srvs = append(srvs, s)
	}
	roots := filepath.Join(t.TempDir(), "roots.pem")
	if err := os.WriteFile(roots, ca.RootPEM, 0o644); err != nil {
		t.Fatal(err)
	}
	return srvs, roots
}

// TestSurveyTLSFleet surveys the fleet with --starttls (and its SMTPS
// server with --smtps) and checks each archived record's TLS verdict.
func TestSurveyTLSFleet(t *testing.T) {
	srvs, roots := startFleet(t)
	dir := t.TempDir()
	var list, smtps []string
	for _, s := range srvs {
		if s.Implicit {
			smtps = append(smtps, s.Addr.String())
		} else {
			list = append(list, s.Addr.String())
		}
	}
	common := []string{"--no-ptr", "--allow-private", "--per24", "0", "--read-timeout", "3s", "--tls-roots", roots}
	out := filepath.Join(dir, "tls.jsonl")
	code, _, stderr := runCmd(strings.Join(list, "\n")+"\n", append(common, "-i", "-", "--starttls", "-o", out)...)
	if code != 0 {
		t.Fatalf("--starttls: exit %d: %s", code, stderr)
	}
	out465 := filepath.Join(dir, "smtps.jsonl")
	code, _, stderr = runCmd(strings.Join(smtps, "\n")+"\n", append(common, "-i", "-", "--smtps", "-o", out465)...)
	if code != 0 {
		t.Fatalf("--smtps: exit %d: %s", code, stderr)
	}
	want := map[string]string{
		"valid": "ok TLS 1.3 valid", "expired": "ok TLS 1.3 expired", "self-signed": "ok TLS 1.3 self-signed",
		"wrong-name": "ok TLS 1.3 name-mismatch", "tls10": "ok TLS 1.0 valid", "reset": "failed reset",
		"garbage": "failed tls: first record does not look like a TLS handshake", "refused": "refused reply 454",
		"no-starttls": "none", "smtps": "ok TLS 1.3 valid",
	}
	byAddr := map[string]string{}
	for _, s := range srvs {
		byAddr[s.Addr.String()] = s.Name
	}
	got := map[string]string{}
	for _, path := range []string{out, out465} {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		r := transcript.NewReader(path, f)
		var rec transcript.Record
		for r.Read(&rec) == nil {
			name := byAddr[rec.Addr+":"+itoa(rec.Port)]
			switch tl := rec.TLS; {
			case tl == nil:
				got[name] = "none"
			case tl.Handshake == transcript.HandshakeOK:
				got[name] = tl.Handshake + " " + tl.Version + " " + tl.Verify
			default:
				got[name] = tl.Handshake + " " + tl.Error
			}
		}
		f.Close()
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: got %q, want %q", name, got[name], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d records, want %d: %v", len(got), len(want), got)
	}
	h, err := os.ReadFile(out)
	if err != nil || !strings.Contains(strings.SplitN(string(h), "\n", 2)[0], `"tls":"starttls"`) {
		t.Errorf("the header does not say --starttls: %.200s", h)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
