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
		{[]string{"--simulate", "djb2001", "--smtps"}, "smtpscan: --smtps: the simulated world speaks no TLS\n"},
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
	code, stdout, stderr := runCmd(strings.Join(list, "\n")+"\n", append(common, "-i", "-", "--starttls", "-o", out)...)
	// The report at the end of the survey has the TLS section, exactly
	// (but for the cipher suites, which depend on the machine's AES
	// support).
	wantReport := `8 of the 9 greeted servers that answered EHLO offered STARTTLS: 89% (95%
interval 57% to 98%).

The survey sent STARTTLS to 8 servers. The handshake succeeded with 5:
63% (95% interval 31% to 86%); it failed with 2: 25% (95% interval 7% to
59%); 1 refused STARTTLS: 13% (95% interval 2% to 47%).

Of the 5 certificates, 2 verified against the roots: 40% (95% interval
12% to 77%); 1 was self-signed: 20% (95% interval 4% to 62%).

TLS sessions by protocol version:

       4 TLS 1.3
       1 TLS 1.0

Certificate verification (the first check that failed; the name checked
is the PTR name, else the one the server gave):

       2 valid
       1 expired
       1 self-signed
       1 name-mismatch

Where the name checked came from:

       5 EHLO reply

Certificate keys:

       3 ECDSA P-256
       2 RSA 2048

Certificate expiry, from the time of the session:

       1 expired
       1 within 30 days
       2 30 to 90 days
       1 over 2 years

Cipher suites:
`
	if !strings.Contains(stdout, wantReport) {
		t.Errorf("the report lacks\n%s\ngot\n%s", wantReport, stdout)
	}
	if want := "\nTLS:\n       2 handshake ok, certificate valid\n       2 handshake failed\n       1 handshake refused\n" +
		"       1 handshake ok, certificate self-signed\n       1 handshake ok, certificate name-mismatch\n       1 handshake ok, certificate expired\n"; !strings.Contains(stdout, want) {
		t.Errorf("the survey's summary lacks\n%s", want)
	}
	if want := "Failed handshakes by error:\n\n       1 reset\n       1 tls: first record does not look like a TLS handshake\n"; !strings.Contains(stdout, want) {
		t.Errorf("the report lacks\n%s", want)
	}
	if code != 0 {
		t.Fatalf("--starttls: exit %d: %s", code, stderr)
	}
	out465 := filepath.Join(dir, "smtps.jsonl")
	code, stdout465, stderr := runCmd(strings.Join(smtps, "\n")+"\n", append(common, "-i", "-", "--smtps", "-o", out465)...)
	if code != 0 {
		t.Fatalf("--smtps: exit %d: %s", code, stderr)
	}
	if want := "The survey tried implicit TLS (SMTPS) with 1 server. The handshake succeeded with 1: 100%"; !strings.Contains(strings.Join(strings.Fields(stdout465), " "), want) {
		t.Errorf("the --smtps report lacks %q:\n%s", want, stdout465)
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
		eachRecord(t, path, func(_ int, rec *transcript.Record) {
			name := byAddr[rec.Addr+":"+itoa(rec.Port)]
			switch tl := rec.TLS; {
			case tl == nil:
				got[name] = "none"
			case tl.Handshake == transcript.HandshakeOK:
				got[name] = tl.Handshake + " " + tl.Version + " " + tl.Verify
			default:
				got[name] = tl.Handshake + " " + tl.Error
			}
		})
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

// TestResumeKeepsTLS: a survey begun with --starttls is resumed only with
// it.
func TestResumeKeepsTLS(t *testing.T) {
	srvs, roots := startFleet(t)
	list := filepath.Join(t.TempDir(), "list.txt")
	os.WriteFile(list, []byte(srvs[0].Addr.String()+"\n"), 0o644)
	out := filepath.Join(t.TempDir(), "a.jsonl")
	args := []string{"--no-ptr", "--allow-private", "--per24", "0", "--targets", list, "-o", out}
	tls := []string{"--starttls", "--tls-roots", roots}
	if code, _, stderr := runCmd("", append(args, tls...)...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, _, stderr := runCmd("", append(args, "--resume")...)
	if code != exitUsage || !strings.Contains(stderr, "--starttls/--smtps: then starttls, now (default)") {
		t.Errorf("resumed without --starttls: exit %d, %s", code, stderr)
	}
	if code, _, stderr := runCmd("", append(append(args, tls...), "--resume")...); code != 0 {
		t.Errorf("resumed with --starttls: exit %d, %s", code, stderr)
	}
}
