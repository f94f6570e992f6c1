package scan

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/smtpfp/smtpfp/transcript"
)

// TLSMode says whether sessions try TLS.
type TLSMode uint8

const (
	NoTLS       TLSMode = iota
	StartTLS            // send STARTTLS when the reply to EHLO offers it, then the rest of the dialogue inside TLS
	ImplicitTLS         // handshake as soon as the connection is made (SMTPS, port 465), the whole dialogue inside TLS
)

// TLSConfig is a survey's TLS (Scanner.TLS). The zero value tries none.
type TLSConfig struct {
	Mode  TLSMode
	Roots *x509.CertPool // certificates are verified against these; nil: the system's roots
	ALPN  []string       // ALPN protocols offered; none by default (SMTP has no ALPN id)
}

// systemRoots loads the system's roots once for every session.
var systemRoots = sync.OnceValues(x509.SystemCertPool)

// roots returns the pool chains are verified against.
func (c *TLSConfig) roots() (*x509.CertPool, error) {
	if c.Roots != nil {
		return c.Roots, nil
	}
	return systemRoots()
}

// surveySuites offers every cipher suite crypto/tls implements, the
// insecure ones too: a survey measures what servers accept, and a server
// that speaks only RC4 or 3DES is a finding, not a failed session. (TLS
// 1.3's suites are not configurable and always offered.)
var surveySuites = func() []uint16 {
	var ids []uint16
	for _, s := range append(tls.CipherSuites(), tls.InsecureCipherSuites()...) {
		ids = append(ids, s.ID)
	}
	return ids
}()

// tlsSession is one session's TLS: the config, what the dialogue has
// learned so far, and the certificates to verify when the session ends.
type tlsSession struct {
	cfg      *TLSConfig
	roots    *x509.CertPool
	cache    *verifyCache // the survey's, shared by its sessions
	ehlo     string       // the EHLO command, sent again inside TLS
	ehloName string       // the name in the server's reply to EHLO
	tried    bool         // STARTTLS was sent
	from     int          // index in Record.Steps of the first step inside TLS; -1 for none
	certs    []*x509.Certificate
	at       time.Time // when the handshake was made: the chain is verified as of then
}

func newTLSSession(cfg *TLSConfig, cache *verifyCache) (*tlsSession, error) {
	roots, err := cfg.roots()
	if err != nil {
		return nil, err
	}
	return &tlsSession{cfg: cfg, roots: roots, cache: cache, from: -1}, nil
}

// handshake runs the client side of a handshake on raw, by deadline, and
// records it in rec.TLS (made by the caller). Verification is turned off
// for the handshake itself, so that a bad certificate is recorded rather
// than ending the session; finish verifies the chain.
func (t *tlsSession) handshake(ctx context.Context, raw net.Conn, deadline time.Time, sni string, rec *transcript.Record) (*tls.Conn, error) {
	cfg := &tls.Config{
		InsecureSkipVerify: true, // verified in finish, as a record, not as a condition
		ServerName:         sni,
		MinVersion:         tls.VersionTLS10,
		CipherSuites:       surveySuites,
		NextProtos:         t.cfg.ALPN,
	}
	rec.TLS.SNI, rec.TLS.ALPN = sni, t.cfg.ALPN
	tc := tls.Client(raw, cfg)
	raw.SetDeadline(deadline)
	err := tc.HandshakeContext(ctx)
	raw.SetDeadline(time.Time{})
	if err != nil {
		rec.TLS.Handshake, rec.TLS.Error = transcript.HandshakeFailed, tlsErr(err)
		return nil, err
	}
	st := tc.ConnectionState()
	t.at, t.certs = time.Now(), st.PeerCertificates
	rec.TLS.Handshake = transcript.HandshakeOK
	rec.TLS.Version = tls.VersionName(st.Version)
	rec.TLS.Cipher = tls.CipherSuiteName(st.CipherSuite)
	rec.TLS.ALPNGot = st.NegotiatedProtocol
	for _, c := range st.PeerCertificates {
		rec.TLS.Chain = append(rec.TLS.Chain, c.Raw)
	}
	return tc, nil
}

// implicit makes the handshake of an implicit-TLS session before the
// greeting. When it fails, the record's outcome says what happened to the
// connection (reset, closed, no answer, or an error), rec.TLS why.
func (t *tlsSession) implicit(ctx context.Context, raw net.Conn, lim Limits, rec *transcript.Record) (net.Conn, bool) {
	rec.TLS = &transcript.TLS{Mode: transcript.TLSImplicit}
	tc, err := t.handshake(ctx, raw, time.Now().Add(min(lim.Read, lim.Session)), dnsName(rec.PTR), rec)
	if err != nil {
		rec.Outcome = GreetingOutcome(err)
		rec.Error = "TLS handshake: " + rec.TLS.Error
		return nil, false
	}
	t.from = 0
	return tc, true
}

// after is the dialogue's STARTTLS hook, called with each step just
// recorded (last). It returns the next command to send before the
// dialogue's own (STARTTLS after an EHLO reply that offers it; the EHLO
// again after the handshake) and false when the session must end (a
// failed handshake leaves the connection in no state to go on). *conn is
// replaced by the TLS connection.
func (t *tlsSession) after(ctx context.Context, rr *replyReader, conn *net.Conn, lim Limits, deadline time.Time, rec *transcript.Record) (next string, ok bool) {
	if t == nil || t.cfg.Mode != StartTLS || t.tried {
		return "", true
	}
	s := &rec.Steps[len(rec.Steps)-1]
	switch {
	case verb(s.Cmd) == "EHLO":
		if s.Err == "" && offersSTARTTLS(s.Reply) {
			t.ehlo, t.ehloName = s.Cmd, replyName(s.Reply)
			return "STARTTLS", true
		}
	case s.Cmd == "STARTTLS":
		t.tried = true
		rec.TLS = &transcript.TLS{Mode: transcript.TLSStartTLS, Handshake: transcript.HandshakeRefused}
		code := transcript.ReplyCode(s.Reply)
		switch {
		case s.Err != "":
			rec.TLS.Error = s.Err
			return "", true
		case code != 220:
			// RFC 3207: the session goes on in plaintext as if
			// STARTTLS had not been sent.
			rec.TLS.Error = "reply " + strconv.Itoa(code)
			return "", true
		}
		// Bytes after the 220 and before the ClientHello are plaintext
		// the server wants read as if encrypted (the STARTTLS command
		// injection of CVE-2011-0411, from the other side): filed
		// under STARTTLS, never fed to the handshake.
		early, _ := rr.unasked(lim.MaxReply - len(s.Reply))
		rr.file(s, early)
		name, _ := t.name(rec)
		tc, err := t.handshake(ctx, *conn, deadline, name, rec)
		if err != nil {
			rec.Error = "STARTTLS: handshake: " + rec.TLS.Error
			return "", false
		}
		*conn, rr.conn = tc, tc
		t.from = len(rec.Steps)
		return t.ehlo, true
	}
	return "", true
}

// name returns the name the certificate is checked against and where it
// came from: the PTR name when there is one, else the name the server
// gave itself (in its reply to EHLO for STARTTLS, in its greeting for
// implicit TLS); "" when none is a DNS name.
func (t *tlsSession) name(rec *transcript.Record) (string, string) {
	if n := dnsName(rec.PTR); n != "" {
		return n, transcript.NamePTR
	}
	if t.cfg.Mode == StartTLS {
		if t.ehloName != "" {
			return t.ehloName, transcript.NameEHLO
		}
		return "", ""
	}
	if n := replyName(rec.Greeting()); n != "" {
		return n, transcript.NameGreeting
	}
	return "", ""
}

// finish marks the steps that went inside TLS and verifies the chain.
func (t *tlsSession) finish(rec *transcript.Record) {
	if t == nil || rec.TLS == nil || rec.TLS.Handshake != transcript.HandshakeOK {
		return
	}
	for i := max(t.from, 0); t.from >= 0 && i < len(rec.Steps); i++ {
		rec.Steps[i].TLS = true
	}
	rec.TLS.Name, rec.TLS.NameFrom = t.name(rec)
	rec.TLS.Verify, rec.TLS.VerifyErr = t.cache.verify(t.certs, t.roots, rec.TLS.Name, t.at)
	rec.TLS.SelfSigned = len(t.certs) > 0 && selfSigned(t.certs[0])
}

// verifyCache remembers the verdicts of the chains a survey has verified:
// many servers present the same chain (a provider's fleet, an appliance's
// default certificate), and verifying its signatures is about a fifth of
// a STARTTLS session's client CPU (BenchmarkStartTLS: starttls against
// starttls-uncached). A verdict is reused only at a time inside every
// certificate's validity, where the dates cannot change it, and for the
// same roots; the name is checked anew each time. The zero value is
// ready; nil caches nothing.
type verifyCache struct {
	mu sync.Mutex
	m  map[[sha256.Size]byte]chainVerdict
}

type chainVerdict struct {
	roots         *x509.CertPool
	verdict, err  string
	from, through time.Time // the window of time in which every certificate of the chain is valid
}

// maxVerdicts bounds the cache (about 200 bytes an entry); it is cleared
// when full.
const maxVerdicts = 1 << 14

// verify is verifyChain, the chain's part cached.
func (c *verifyCache) verify(certs []*x509.Certificate, roots *x509.CertPool, name string, now time.Time) (string, string) {
	if c == nil || len(certs) == 0 {
		return verifyChain(certs, roots, name, now)
	}
	h := sha256.New()
	from, through := certs[0].NotBefore, certs[0].NotAfter
	for _, cert := range certs {
		h.Write(cert.Raw)
		if cert.NotBefore.After(from) {
			from = cert.NotBefore
		}
		if cert.NotAfter.Before(through) {
			through = cert.NotAfter
		}
	}
	var key [sha256.Size]byte
	h.Sum(key[:0])
	c.mu.Lock()
	v, ok := c.m[key]
	c.mu.Unlock()
	if !ok || v.roots != roots || now.Before(v.from) || now.After(v.through) {
		// An hour at most: a root's or intermediate's dates outside
		// the chain sent are not in the window.
		if hour := now.Add(time.Hour); hour.Before(through) {
			through = hour
		}
		v = chainVerdict{roots: roots, from: from, through: through}
		v.verdict, v.err = verifyPath(certs, roots, now)
		if !now.Before(from) && !now.After(through) {
			c.mu.Lock()
			if c.m == nil || len(c.m) >= maxVerdicts {
				c.m = map[[sha256.Size]byte]chainVerdict{}
			}
			c.m[key] = v
			c.mu.Unlock()
		}
	}
	if v.verdict != transcript.VerifyValid {
		return v.verdict, v.err
	}
	return verifyName(certs[0], name)
}

// verifyChain verifies a chain as a client checking name would, at now,
// and names the first check that failed (transcript.Verdicts): the dates,
// the path to a root (a leaf that signs itself is "self-signed", any
// other dead end "unknown-authority"), then the name (skipped when name
// is ""). The error's words come with the verdict.
func verifyChain(certs []*x509.Certificate, roots *x509.CertPool, name string, now time.Time) (string, string) {
	if v, err := verifyPath(certs, roots, now); v != transcript.VerifyValid {
		return v, err
	}
	return verifyName(certs[0], name)
}

// verifyPath is verifyChain without the name.
func verifyPath(certs []*x509.Certificate, roots *x509.CertPool, now time.Time) (string, string) {
	if len(certs) == 0 {
		return transcript.VerifyNoCert, ""
	}
	inter := x509.NewCertPool()
	for _, c := range certs[1:] {
		inter.AddCert(c)
	}
	leaf := certs[0]
	_, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: now})
	var invalid x509.CertificateInvalidError
	var unknown x509.UnknownAuthorityError
	switch {
	case err == nil:
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		if invalid.Cert != nil && now.Before(invalid.Cert.NotBefore) {
			return transcript.VerifyNotYetValid, err.Error()
		}
		return transcript.VerifyExpired, err.Error()
	case errors.As(err, &unknown):
		if selfSigned(leaf) {
			return transcript.VerifySelfSigned, err.Error()
		}
		return transcript.VerifyUnknownCA, err.Error()
	default:
		return transcript.VerifyInvalid, err.Error()
	}
	return transcript.VerifyValid, ""
}

// verifyName checks the leaf against name ("" checks nothing).
func verifyName(leaf *x509.Certificate, name string) (string, string) {
	if name != "" {
		if err := leaf.VerifyHostname(name); err != nil {
			return transcript.VerifyNameMismatch, err.Error()
		}
	}
	return transcript.VerifyValid, ""
}

// selfSigned reports whether c names itself as issuer and its own key
// verifies its signature. (CheckSignatureFrom would also ask c to be a
// CA, which a server's self-signed certificate seldom says it is.)
func selfSigned(c *x509.Certificate) bool {
	return bytes.Equal(c.RawIssuer, c.RawSubject) &&
		c.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature) == nil
}

// offersSTARTTLS reports whether a reply to EHLO advertises STARTTLS
// (RFC 3207): a 250 reply one of whose lines after the first has the
// keyword STARTTLS.
func offersSTARTTLS(reply []byte) bool {
	if transcript.ReplyCode(reply) != 250 {
		return false
	}
	lines := bytes.Split(reply, []byte("\n"))
	for _, l := range lines[min(1, len(lines)):] {
		l = bytes.TrimRight(l, "\r")
		if len(l) < 4 || transcript.ReplyCode(l) != 250 {
			continue
		}
		kw, _, _ := bytes.Cut(bytes.TrimSpace(l[4:]), []byte(" "))
		if strings.EqualFold(string(kw), "STARTTLS") {
			return true
		}
	}
	return false
}

// replyName returns the domain at the start of a reply's text
// ("250-mx.example.com Hello" and "220 mx.example.com ESMTP" give
// mx.example.com), or "" when the word there is not a DNS name.
func replyName(reply []byte) string {
	line, _, _ := bytes.Cut(reply, []byte("\n"))
	if len(line) < 5 || transcript.ReplyCode(line) == 0 {
		return ""
	}
	w, _, _ := bytes.Cut(bytes.TrimSpace(line[4:]), []byte(" "))
	return dnsName(string(w))
}

// dnsName returns s without a final dot when it is a DNS name of at least
// two labels (letters, digits, hyphens, underscores), else "": a name
// worth sending as SNI and checking a certificate against. IP literals
// and bare words are not.
func dnsName(s string) string {
	s = strings.TrimSuffix(s, ".")
	if len(s) == 0 || len(s) > 253 || !strings.Contains(s, ".") || net.ParseIP(s) != nil {
		return ""
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 {
			return ""
		}
		for _, c := range []byte(label) {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
				return ""
			}
		}
	}
	return strings.ToLower(s)
}

// tlsErr puts a handshake's error in a record's words: "timeout",
// "reset", "closed" as for any step; a TLS alert from the server as
// crypto/tls words it ("remote error: tls: protocol version not
// supported"); anything else without the addresses.
func tlsErr(err error) string {
	if w := stepErr(err); w != "error" {
		return w
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		return oe.Op + ": " + oe.Err.Error()
	}
	return err.Error()
}

// TLSSessionMemory is about what crypto/tls holds for one connection
// outside the memory budget: a record's input and output buffers (up to
// 16 KiB each, and the raw record beside the plaintext) and the
// handshake's certificates. The process's memory limit allows it per
// session.
const TLSSessionMemory = 64 << 10

// ReadRoots reads a PEM file of root certificates (--tls-roots).
func ReadRoots(path string) (*x509.CertPool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	p := x509.NewCertPool()
	if !p.AppendCertsFromPEM(b) {
		return nil, fmt.Errorf("%s: no PEM certificate in it", path)
	}
	return p, nil
}
