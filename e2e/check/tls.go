package main

import (
	"fmt"
	"io"
	"net"
	"net/netip"
	"strings"

	"github.com/smtpfp/smtpfp/transcript"
)

// offersTLS are the products whose e2e configuration offers STARTTLS
// (Debian's postfix, exim4 and courier with their packages' certificates,
// chasquid with the one e2e/servers/chasquid.sh makes, smtp-server with
// its built-in one): a --starttls survey must make a handshake with each.
var offersTLS = map[string]bool{"postfix": true, "exim": true, "courier": true, "chasquid": true, "smtp-server": true}

// checkTLS checks a --starttls record: a server whose plaintext EHLO
// offers STARTTLS has a handshake made, a version, a chain and a verdict
// against the name its EHLO reply gave (the survey looks up no PTR), and
// the EHLO again and every later step inside TLS, the session complete; a
// server that does not offer it has no TLS at all. It returns the TLS in
// a few words for the report line, and what is wrong ("" when right).
func checkTLS(s server, rec transcript.Record) (words, wrong string) {
	start := -1
	offered, named := false, false
	for i, st := range rec.Steps {
		if st.Cmd == "STARTTLS" {
			start = i
		}
		if strings.HasPrefix(st.Cmd, "EHLO ") && !st.TLS && start < 0 {
			offered, named = offers(st.Reply), namesHost(st.Reply)
		}
	}
	t := rec.TLS
	switch {
	case !offered && offersTLS[s.Product]:
		return "", "offers no STARTTLS, though configured to"
	case !offered && (t != nil || start >= 0):
		return "", "STARTTLS sent, though not offered"
	case !offered:
		return ", no STARTTLS", ""
	case t == nil || start < 0:
		return "", "STARTTLS offered and not sent"
	case t.Handshake != transcript.HandshakeOK:
		return "", fmt.Sprintf("handshake %s: %s", t.Handshake, t.Error)
	case t.Version == "" || t.Cipher == "" || len(t.Chain) == 0 || t.Verify == "":
		return "", fmt.Sprintf("handshake recorded without version, cipher, chain or verdict: %+v", *t)
	case named && (t.NameFrom != transcript.NameEHLO || t.Name == ""):
		return "", fmt.Sprintf("name checked %q from %q, want the EHLO reply's", t.Name, t.NameFrom)
	case !named && (t.NameFrom != "" || t.Name != ""):
		// maddy answers "250-Hello CLIENT", mox by default "250-localhost":
		// no DNS name to check a certificate against.
		return "", fmt.Sprintf("name checked %q from %q, though the EHLO reply names no host", t.Name, t.NameFrom)
	case rec.Error != "":
		return "", "session inside TLS ended early: " + rec.Error
	}
	after := rec.Steps[start+1:]
	if len(after) == 0 || !strings.HasPrefix(after[0].Cmd, "EHLO ") {
		return "", "no EHLO after the handshake"
	}
	for _, st := range after {
		if !st.TLS {
			return "", fmt.Sprintf("%q after the handshake not marked inside TLS", st.Cmd)
		}
	}
	if last := after[len(after)-1]; last.Cmd != "QUIT" || transcript.ReplyCode(last.Reply)/100 != 2 {
		return "", fmt.Sprintf("the session inside TLS ends with %q -> %q", last.Cmd, last.Reply)
	}
	return fmt.Sprintf(", %s %s", t.Version, t.Verify), ""
}

// offers reports whether a reply to EHLO lists STARTTLS after its first
// line.
func offers(reply []byte) bool {
	lines := strings.Split(string(reply), "\n")
	for _, l := range lines[1:] {
		l = strings.TrimRight(l, "\r")
		if len(l) < 4 || !strings.HasPrefix(l, "250") {
			continue
		}
		if f := strings.Fields(l[4:]); len(f) > 0 && strings.EqualFold(f[0], "STARTTLS") {
			return true
		}
	}
	return false
}

// runSMTPS checks an archive of smtpscan --smtps at chasquid's
// submission-over-TLS ports (its SMTP port + 200, e2e/servers/chasquid.sh):
// each has a handshake, the certificate chasquid.sh made for the host
// name (self-signed, checked against the name in the greeting, as no PTR
// is looked up), and every step inside TLS.
func runSMTPS(serversPath, archivePath string, _ bool, w io.Writer) error {
	servers, err := readServers(serversPath)
	if err != nil {
		return err
	}
	recs, err := readArchive(archivePath)
	if err != nil {
		return err
	}
	n, bad := 0, 0
	for _, s := range servers {
		if s.Product != "chasquid" {
			continue
		}
		n++
		ap := netip.MustParseAddrPort(s.Addr)
		addr := netip.AddrPortFrom(ap.Addr(), ap.Port()+200).String()
		rec, ok := recs[addr]
		wrong := ""
		t := rec.TLS
		switch {
		case !ok:
			wrong = "no record in the archive"
		case rec.Outcome != transcript.Greeted || t == nil:
			wrong = fmt.Sprintf("outcome %s (%s), tls %+v", rec.Outcome, rec.Error, t)
		case t.Mode != transcript.TLSImplicit || t.Handshake != transcript.HandshakeOK:
			wrong = fmt.Sprintf("tls mode %s handshake %s: %s", t.Mode, t.Handshake, t.Error)
		case len(t.Chain) != 1 || !t.SelfSigned || t.Verify != transcript.VerifySelfSigned:
			wrong = fmt.Sprintf("chain of %d, self_signed %v, verify %s; chasquid.sh makes one self-signed certificate", len(t.Chain), t.SelfSigned, t.Verify)
		case t.NameFrom != transcript.NameGreeting || t.Name == "":
			wrong = fmt.Sprintf("name checked %q from %q, want the greeting's", t.Name, t.NameFrom)
		}
		for _, st := range rec.Steps {
			if wrong == "" && !st.TLS {
				wrong = fmt.Sprintf("%q not marked inside TLS", st.Cmd)
			}
		}
		status := "ok"
		if wrong != "" {
			bad++
			status = "FAIL: " + wrong
		} else {
			status = fmt.Sprintf("%s %s, name %s: ok", t.Version, t.Verify, t.Name)
		}
		fmt.Fprintf(w, "%-22s %-12s %-9s %-10s --smtps -> %s\n", addr, s.Product, s.Version, s.Variant, status)
	}
	switch {
	case n == 0:
		return fmt.Errorf("%s: no chasquid server", serversPath)
	case bad > 0:
		return fmt.Errorf("%d of %d SMTPS servers wrong", bad, n)
	}
	fmt.Fprintf(w, "all %d SMTPS servers recorded inside TLS\n", n)
	return nil
}

// namesHost reports whether a reply to EHLO begins with a DNS name of the
// server's own (at least two labels, not an IP literal): the name the
// scanner then checks the certificate against.
func namesHost(reply []byte) bool {
	line, _, _ := strings.Cut(string(reply), "\n")
	if len(line) < 5 {
		return false
	}
	w, _, _ := strings.Cut(strings.TrimSpace(line[4:]), " ")
	w = strings.TrimSuffix(w, ".")
	return strings.Contains(w, ".") && net.ParseIP(w) == nil
}
