package main

import (
	"fmt"
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
	offered := false
	for i, st := range rec.Steps {
		if st.Cmd == "STARTTLS" {
			start = i
		}
		if strings.HasPrefix(st.Cmd, "EHLO ") && !st.TLS && start < 0 {
			offered = offers(st.Reply)
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
	case t.NameFrom != transcript.NameEHLO || t.Name == "":
		return "", fmt.Sprintf("name checked %q from %q, want the EHLO reply's", t.Name, t.NameFrom)
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
