package scan

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/netip"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/smtpfp/smtpfp/scan/tlsfleet"
	"github.com/smtpfp/smtpfp/transcript"
)

// renderTLS prints what a record says of TLS: the commands (a * marks
// those inside TLS), the outcome and error, and the TLS record without
// its chain's bytes.
func renderTLS(rec *transcript.Record) string {
	var b strings.Builder
	fmt.Fprintf(&b, "outcome=%s", rec.Outcome)
	if rec.Error != "" {
		fmt.Fprintf(&b, " error=%q", rec.Error)
	}
	b.WriteString("\nsteps:")
	for _, s := range rec.Steps {
		c := verb(s.Cmd)
		if c == "" {
			c = "greeting"
		}
		if s.TLS {
			c += "*"
		}
		b.WriteString(" " + c)
	}
	if t := rec.TLS; t != nil {
		fmt.Fprintf(&b, "\ntls: mode=%s handshake=%s", t.Mode, t.Handshake)
		if t.Error != "" {
			fmt.Fprintf(&b, " error=%q", t.Error)
		}
		if t.Handshake == transcript.HandshakeOK {
			fmt.Fprintf(&b, " version=%q sni=%q chain=%d self_signed=%v verify=%s name=%s(%s)",
				t.Version, t.SNI, len(t.Chain), t.SelfSigned, t.Verify, t.Name, t.NameFrom)
		}
	}
	return b.String()
}

// TestTLSFleet surveys every server of the loopback TLS fleet and checks
// what is recorded of each, exactly, and that it survives the archive.
func TestTLSFleet(t *testing.T) {
	ca, err := tlsfleet.NewCA()
	if err != nil {
		t.Fatal(err)
	}
	cases, err := tlsfleet.Cases(ca)
	if err != nil {
		t.Fatal(err)
	}
	const plain = "greeting EHLO STARTTLS EHLO* HELO* MAIL* HELP* VRFY* QUIT*"
	want := map[string]string{
		"valid": "outcome=greeted\nsteps: " + plain +
			"\ntls: mode=starttls handshake=ok version=\"TLS 1.3\" sni=\"mx.fleet.test\" chain=2 self_signed=false verify=valid name=mx.fleet.test(ehlo)",
		"expired": "outcome=greeted\nsteps: " + plain +
			"\ntls: mode=starttls handshake=ok version=\"TLS 1.3\" sni=\"mx.fleet.test\" chain=2 self_signed=false verify=expired name=mx.fleet.test(ehlo)",
		"self-signed": "outcome=greeted\nsteps: " + plain +
			"\ntls: mode=starttls handshake=ok version=\"TLS 1.3\" sni=\"mx.fleet.test\" chain=1 self_signed=true verify=self-signed name=mx.fleet.test(ehlo)",
		"wrong-name": "outcome=greeted\nsteps: " + plain +
			"\ntls: mode=starttls handshake=ok version=\"TLS 1.3\" sni=\"mx.fleet.test\" chain=2 self_signed=false verify=name-mismatch name=mx.fleet.test(ehlo)",
		"tls10": "outcome=greeted\nsteps: " + plain +
			"\ntls: mode=starttls handshake=ok version=\"TLS 1.0\" sni=\"mx.fleet.test\" chain=2 self_signed=false verify=valid name=mx.fleet.test(ehlo)",
		"reset": "outcome=greeted error=\"STARTTLS: handshake: reset\"\nsteps: greeting EHLO STARTTLS" +
			"\ntls: mode=starttls handshake=failed error=\"reset\"",
		"garbage": "outcome=greeted error=\"STARTTLS: handshake: tls: first record does not look like a TLS handshake\"\nsteps: greeting EHLO STARTTLS" +
			"\ntls: mode=starttls handshake=failed error=\"tls: first record does not look like a TLS handshake\"",
		"refused": "outcome=greeted\nsteps: greeting EHLO STARTTLS HELO MAIL HELP VRFY QUIT" +
			"\ntls: mode=starttls handshake=refused error=\"reply 454\"",
		"no-starttls": "outcome=greeted\nsteps: greeting EHLO HELO MAIL HELP VRFY QUIT",
		"smtps": "outcome=greeted\nsteps: greeting* EHLO* HELO* MAIL* HELP* VRFY* QUIT*" +
			"\ntls: mode=implicit handshake=ok version=\"TLS 1.3\" sni=\"\" chain=2 self_signed=false verify=valid name=mx.fleet.test(greeting)",
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			srv, err := tlsfleet.Start(c)
			if err != nil {
				t.Fatal(err)
			}
			defer srv.Close()
			s := testScanner()
			s.Limits.Read = 5 * testLimits.Read // handshakes on a loaded machine
			s.TLS = TLSConfig{Mode: StartTLS, Roots: ca.Pool()}
			if c.Implicit {
				s.TLS.Mode = ImplicitTLS
			}
			rec, _ := scanOne(t, s, srv.Addr)
			if got := renderTLS(rec); got != want[c.Name] {
				t.Errorf("got\n%s\nwant\n%s\n%s", got, want[c.Name], render(rec))
			}
			if rec.TLS != nil && rec.TLS.Handshake == transcript.HandshakeOK && rec.TLS.Verify != transcript.VerifyValid && rec.TLS.VerifyErr == "" {
				t.Errorf("verdict %s without its error", rec.TLS.Verify)
			}
			// The record round-trips through the archive.
			back := roundTrip(t, rec)
			if !reflect.DeepEqual(&back, rec) {
				t.Errorf("archive round trip:\n%+v\nwant\n%+v", back.TLS, rec.TLS)
			}
		})
	}
}

// TestTLSNameFromPTR: with a PTR name, the certificate is checked against
// it and it is the SNI sent, whatever the server calls itself.
func TestTLSNameFromPTR(t *testing.T) {
	ca, err := tlsfleet.NewCA()
	if err != nil {
		t.Fatal(err)
	}
	cases, err := tlsfleet.Cases(ca)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := tlsfleet.Start(cases[0]) // valid, for mx.fleet.test
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ts := &tlsSession{cfg: &TLSConfig{Mode: StartTLS}, ehloName: tlsfleet.Name}
	rec := &transcript.Record{PTR: "Other.Fleet.Test."}
	if n, from := ts.name(rec); n != "other.fleet.test" || from != transcript.NamePTR {
		t.Errorf("name = %q (%s), want other.fleet.test (ptr)", n, from)
	}
	s := testScanner()
	s.Limits.Read = 5 * testLimits.Read
	s.TLS = TLSConfig{Mode: StartTLS, Roots: ca.Pool()}
	s.Resolver = fixedPTR("other.fleet.test.")
	s.SpecialPTR = true
	rec, _ = scanOne(t, s, srv.Addr)
	got := renderTLS(rec)
	want := "outcome=greeted\nsteps: greeting EHLO STARTTLS EHLO* HELO* MAIL* HELP* VRFY* QUIT*" +
		"\ntls: mode=starttls handshake=ok version=\"TLS 1.3\" sni=\"other.fleet.test\" chain=2 self_signed=false verify=name-mismatch name=other.fleet.test(ptr)"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestOffersSTARTTLS(t *testing.T) {
	for _, c := range []struct {
		reply string
		want  bool
	}{
		{"250-mx hello\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 8BITMIME\r\n", true},
		{"250-mx hello\r\n250 starttls\r\n", true},
		{"250-mx hello\r\n250-STARTTLSX\r\n250 8BITMIME\r\n", false},
		{"250-mx STARTTLS\r\n250 8BITMIME\r\n", false}, // the first line is the greeting text, not a keyword
		{"502 STARTTLS\r\n", false},
		{"250-mx\n250 STARTTLS\n", true},
		{"", false},
	} {
		if got := offersSTARTTLS([]byte(c.reply)); got != c.want {
			t.Errorf("offersSTARTTLS(%q) = %v, want %v", c.reply, got, c.want)
		}
	}
}

func TestReplyName(t *testing.T) {
	for _, c := range []struct{ reply, want string }{
		{"250-MX.Example.COM hello\r\n250 PIPELINING\r\n", "mx.example.com"},
		{"220 mx.example.com. ESMTP\r\n", "mx.example.com"},
		{"250-[192.0.2.1]\r\n", ""},
		{"250-192.0.2.1 hi\r\n", ""},
		{"220 localhost ESMTP\r\n", ""},
		{"220 bad!name.example ESMTP\r\n", ""},
		{"hello\r\n", ""},
	} {
		if got := replyName([]byte(c.reply)); got != c.want {
			t.Errorf("replyName(%q) = %q, want %q", c.reply, got, c.want)
		}
	}
}

// fixedPTR is a Resolver that names every address the same.
type fixedPTR string

func (f fixedPTR) LookupPTR(context.Context, netip.Addr) PTR {
	return PTR{Name: strings.TrimSuffix(string(f), "."), Status: "ok"}
}

// TestTLSRelayProbe: the relay probe's RCPT is still found after the
// STARTTLS and EHLO the dialogue gained.
func TestTLSRelayProbe(t *testing.T) {
	ca, err := tlsfleet.NewCA()
	if err != nil {
		t.Fatal(err)
	}
	cases, err := tlsfleet.Cases(ca)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := tlsfleet.Start(cases[0])
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	s := testScanner()
	s.Limits.Read = 5 * testLimits.Read
	s.Dialogue = Standard("scanner.test", "probe@example.com")
	s.TLS = TLSConfig{Mode: StartTLS, Roots: ca.Pool()}
	rec, _ := scanOne(t, s, srv.Addr)
	want := "outcome=greeted\nsteps: greeting EHLO STARTTLS EHLO* HELO* MAIL* RCPT* RSET* HELP* VRFY* QUIT*" +
		"\ntls: mode=starttls handshake=ok version=\"TLS 1.3\" sni=\"mx.fleet.test\" chain=2 self_signed=false verify=valid name=mx.fleet.test(ehlo)"
	if got := renderTLS(rec); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if rec.Relay == nil || *rec.Relay {
		t.Errorf("relay = %v, want false (the server answers RCPT 502)", rec.Relay)
	}
	if rc := rec.Steps[6]; rc.Cmd != "RCPT TO:<probe@example.com>" || transcript.ReplyCode(rc.Reply) != 502 {
		t.Errorf("step 6 is %q -> %q", rc.Cmd, rc.Reply)
	}
}

// TestVerifyCache: the cache gives verifyChain's verdict for every chain
// of the fleet and name, the second time as the first, and a chain seen
// valid is found expired once its time is past.
func TestVerifyCache(t *testing.T) {
	ca, err := tlsfleet.NewCA()
	if err != nil {
		t.Fatal(err)
	}
	cases, err := tlsfleet.Cases(ca)
	if err != nil {
		t.Fatal(err)
	}
	var c verifyCache
	now := time.Now()
	pool := ca.Pool()
	for _, fc := range cases {
		if fc.Config == nil {
			continue
		}
		var certs []*x509.Certificate
		for _, der := range fc.Config.Certificates[0].Certificate {
			cert, err := x509.ParseCertificate(der)
			if err != nil {
				t.Fatal(err)
			}
			certs = append(certs, cert)
		}
		for _, name := range []string{tlsfleet.Name, "other.fleet.test", ""} {
			want, wantErr := verifyChain(certs, pool, name, now)
			for range 2 {
				if got, gotErr := c.verify(certs, pool, name, now); got != want || gotErr != wantErr {
					t.Errorf("%s, name %q: cached %s (%s), want %s (%s)", fc.Name, name, got, gotErr, want, wantErr)
				}
			}
		}
		if fc.Name == "valid" {
			later := certs[0].NotAfter.Add(time.Hour)
			if got, _ := c.verify(certs, pool, tlsfleet.Name, later); got != transcript.VerifyExpired {
				t.Errorf("valid chain after its NotAfter: %s, want expired", got)
			}
			if got, _ := c.verify(certs, x509.NewCertPool(), tlsfleet.Name, now); got != transcript.VerifyUnknownCA {
				t.Errorf("valid chain against other roots: %s, want unknown-authority", got)
			}
		}
	}
	// The verdicts do come from the cache: one planted there is given.
	if len(c.m) == 0 {
		t.Fatal("nothing cached")
	}
	for k, v := range c.m {
		v.verdict, v.err = transcript.VerifyInvalid, "planted"
		c.m[k] = v
	}
	valid := cases[0].Config.Certificates[0].Certificate
	var certs []*x509.Certificate
	for _, der := range valid {
		cert, _ := x509.ParseCertificate(der)
		certs = append(certs, cert)
	}
	if got, gotErr := c.verify(certs, pool, tlsfleet.Name, now); got != transcript.VerifyInvalid || gotErr != "planted" {
		t.Errorf("not from the cache: %s (%s)", got, gotErr)
	}
}

// starttlsServer is an SMTP server that offers STARTTLS and answers it
// with reply, then, after pause, makes the handshake with cfg (none when
// cfg is nil: it stays silent until the client gives up).
func starttlsServer(reply string, pause time.Duration, cfg *tls.Config) func(c *net.TCPConn) {
	return func(c *net.TCPConn) {
		defer c.Close()
		c.Write([]byte("220 mx.fleet.test ESMTP\r\n"))
		br := bufio.NewReader(c)
		var conn net.Conn = c
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				return
			}
			switch v := strings.ToUpper(verb(strings.TrimSpace(line))); v {
			case "EHLO":
				if conn == net.Conn(c) {
					conn.Write([]byte("250-mx.fleet.test\r\n250 STARTTLS\r\n"))
				} else {
					conn.Write([]byte("250 mx.fleet.test\r\n"))
				}
			case "STARTTLS":
				c.Write([]byte(reply))
				time.Sleep(pause)
				if cfg == nil {
					br.ReadByte()
					time.Sleep(800 * time.Millisecond) // past the scanner's read limit
					return
				}
				tc := tls.Server(c, cfg)
				if tc.Handshake() != nil {
					return
				}
				conn, br = tc, bufio.NewReader(tc)
			case "QUIT":
				conn.Write([]byte("221 bye\r\n"))
				return
			default:
				conn.Write([]byte("250 ok\r\n"))
			}
		}
	}
}

// TestSTARTTLSInjection: plaintext the server sends after its 220, before
// the handshake, is filed under STARTTLS as unasked bytes and never read
// as part of the dialogue inside TLS.
func TestSTARTTLSInjection(t *testing.T) {
	ca, err := tlsfleet.NewCA()
	if err != nil {
		t.Fatal(err)
	}
	cases, err := tlsfleet.Cases(ca)
	if err != nil {
		t.Fatal(err)
	}
	ap := fakeServer(t, starttlsServer("220 go ahead\r\n250 injected\r\n", 50*time.Millisecond, cases[0].Config))
	s := testScanner()
	s.Limits.Read = 5 * testLimits.Read
	s.TLS = TLSConfig{Mode: StartTLS, Roots: ca.Pool()}
	rec, _ := scanOne(t, s, ap)
	if rec.TLS == nil || rec.TLS.Handshake != transcript.HandshakeOK || len(rec.Steps) < 4 {
		t.Fatalf("no handshake:\n%s", renderTLS(rec))
	}
	st := rec.Steps[2]
	if st.Cmd != "STARTTLS" || string(st.Reply) != "220 go ahead\r\n250 injected\r\n" || st.Early != len("250 injected\r\n") {
		t.Errorf("STARTTLS step %q early=%d", st.Reply, st.Early)
	}
	if e := rec.Steps[3]; e.Cmd != "EHLO scanner.test" || string(e.Reply) != "250 mx.fleet.test\r\n" || !e.TLS {
		t.Errorf("EHLO inside TLS: %q -> %q tls=%v", e.Cmd, e.Reply, e.TLS)
	}
}

// TestSTARTTLSHandshakeTimeout: a server that answers 220 and then says
// nothing is a failed handshake, "timeout", within the read limit.
func TestSTARTTLSHandshakeTimeout(t *testing.T) {
	ap := fakeServer(t, starttlsServer("220 go ahead\r\n", 0, nil))
	s := testScanner()
	s.TLS = TLSConfig{Mode: StartTLS, Roots: x509.NewCertPool()}
	rec, took := scanOne(t, s, ap)
	want := "outcome=greeted error=\"STARTTLS: handshake: timeout\"\nsteps: greeting EHLO STARTTLS\ntls: mode=starttls handshake=failed error=\"timeout\""
	if got := renderTLS(rec); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if took > 5*testLimits.Read+time.Second {
		t.Errorf("took %v, the read limit is %v", took, testLimits.Read)
	}
}
