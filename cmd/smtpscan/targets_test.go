package main

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/miekg/dns"

	"github.com/smtpfp/smtpfp/cmd/internal/cli"
)

func TestTargetsFromZone(t *testing.T) {
	dir := t.TempDir()
	zone := filepath.Join(dir, "test.zone")
	os.WriteFile(zone, []byte(`$TTL 3600
@      IN SOA ns.test. host.test. 1 2 3 4 5
@      IN NS  ns.test.
alpha  IN NS  ns.alpha
ns.alpha IN A 127.0.5.1
beta   IN NS  ns.alpha
docs   IN NS  ns.docs
ns.docs IN A  192.0.2.1
`), 0o644)
	code, out, stderr := runCmd("", "targets", "--zone", zone, "--no-lookups", "--allow-private")
	if code != 0 || out != "127.0.5.1\n" {
		t.Errorf("glue: exit %d, out %q, stderr %q", code, out, stderr)
	}

	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &dns.Server{PacketConn: pc, Handler: dns.HandlerFunc(func(w dns.ResponseWriter, q *dns.Msg) {
		m := new(dns.Msg)
		m.SetReply(q)
		hdr := dns.RR_Header{Name: q.Question[0].Name, Rrtype: q.Question[0].Qtype, Class: dns.ClassINET, Ttl: 60}
		switch {
		case q.Question[0].Qtype == dns.TypeMX && q.Question[0].Name == "beta.test.":
			m.Answer = append(m.Answer, &dns.MX{Hdr: hdr, Preference: 5, Mx: "mail.beta.test."})
		case q.Question[0].Qtype == dns.TypeA && q.Question[0].Name == "mail.beta.test.":
			m.Answer = append(m.Answer, &dns.A{Hdr: hdr, A: net.ParseIP("127.0.6.1").To4()})
		case q.Question[0].Qtype == dns.TypeA && q.Question[0].Name == "alpha.test.":
			m.Answer = append(m.Answer, &dns.A{Hdr: hdr, A: net.ParseIP("127.0.5.1").To4()})
		}
		w.WriteMsg(m)
	})}
	go srv.ActivateAndServe()
	defer srv.Shutdown()
	list := filepath.Join(dir, "list.txt")
	code, _, stderr = runCmd("", "targets", "--zone", zone, "--resolver", pc.LocalAddr().String(), "--allow-private", "-o", list)
	b, _ := os.ReadFile(list)
	if code != 0 || string(b) != "127.0.5.1\n127.0.6.1\n" {
		t.Errorf("lookups: exit %d, list %q, stderr %q", code, b, stderr)
	}
	// The list feeds a survey.
	code, out, _ = runCmd("", "--targets", list, "--allow-private", "--dry-run")
	if code != 0 || out != "127.0.5.1\n127.0.6.1\n" {
		t.Errorf("dry run of the list: %q", out)
	}
}

// Lookups that fail are said and counted, and the run exits 1: the list
// is written but lacks what they would have found.
func TestTargetsLookupsFail(t *testing.T) {
	zone := filepath.Join(t.TempDir(), "test.zone")
	os.WriteFile(zone, []byte(`$TTL 3600
@      IN SOA ns.test. host.test. 1 2 3 4 5
@      IN NS  ns.test.
alpha  IN NS  ns.alpha
ns.alpha IN A 127.0.5.1
beta   IN NS  ns.alpha
`), 0o644)
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &dns.Server{PacketConn: pc, Handler: dns.HandlerFunc(func(w dns.ResponseWriter, q *dns.Msg) {
		m := new(dns.Msg)
		m.SetRcode(q, dns.RcodeServerFailure)
		w.WriteMsg(m)
	})}
	go srv.ActivateAndServe()
	defer srv.Shutdown()
	code, out, stderr := runCmd("", "targets", "--zone", zone, "--resolver", pc.LocalAddr().String(), "--allow-private")
	want := "4 of 4 MX/A lookups through " + pc.LocalAddr().String() + " failed (servfail 4)"
	if code != cli.Problems || out != "127.0.5.1\n" || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, out %q, stderr %q, want %q", code, out, stderr, want)
	}
}

// smtpscan targets refuses lookup settings it cannot use, as a survey does.
func TestTargetsBadValues(t *testing.T) {
	for _, tt := range []struct{ flag, value, want string }{
		{"--dns-concurrency", "0", "--dns-concurrency 0: want at least 1"},
		{"--dns-timeout", "-1s", "--dns-timeout -1s: want a duration above 0"},
		{"--dns-retries", "-1", "--dns-retries -1: want 0 or more"},
	} {
		code, _, stderr := runCmd("", "targets", "--zone", "x.zone", "--no-lookups", tt.flag, tt.value)
		if code != cli.Usage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s %s: exit %d, stderr %q", tt.flag, tt.value, code, stderr)
		}
	}
}
