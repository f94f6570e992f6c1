// Package tlsfleet is a fleet of loopback SMTP servers that speak TLS,
// for tests and benchmarks of smtpscan's --starttls and --smtps: a test
// root, certificates made from it (a valid chain, expired, self-signed,
// for the wrong name), a TLS 1.0-only server, a server that resets the
// handshake and one that answers it in plaintext. Every server listens on
// 127.0.0.1 only. Certificates are generated at Start, never checked in,
// so none expires under the tests.
package tlsfleet

import (
	"bufio"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Name is the name every server gives itself in its greeting and its
// reply to EHLO, and the name the good certificates are for.
const Name = "mx.fleet.test"

// CA is the fleet's test root and the intermediate that signs its leaves.
type CA struct {
	Root     *x509.Certificate
	RootPEM  []byte // the root as a PEM file, for --tls-roots
	inter    *x509.Certificate
	interKey crypto.Signer
}

var serial atomic.Int64

func nextSerial() *big.Int { return big.NewInt(serial.Add(1)) }

// NewCA makes a root (ECDSA P-256) and an intermediate under it.
func NewCA() (*CA, error) {
	rootKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: nextSerial(), Subject: pkix.Name{CommonName: "tlsfleet test root", Organization: []string{"smtpfp tests"}},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, rootKey.Public(), rootKey)
	if err != nil {
		return nil, err
	}
	root, _ := x509.ParseCertificate(der)
	interKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl = &x509.Certificate{
		SerialNumber: nextSerial(), Subject: pkix.Name{CommonName: "tlsfleet test intermediate", Organization: []string{"smtpfp tests"}},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err = x509.CreateCertificate(rand.Reader, tmpl, root, interKey.Public(), rootKey)
	if err != nil {
		return nil, err
	}
	inter, _ := x509.ParseCertificate(der)
	return &CA{Root: root, RootPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: root.Raw}),
		inter: inter, interKey: interKey}, nil
}

// Pool is a pool holding the root alone.
func (ca *CA) Pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(ca.Root)
	return p
}

// Leaf makes a server certificate for name valid from notBefore to
// notAfter, signed by the intermediate (by itself when ca is nil), with an
// ECDSA P-256 key or, with rsaBits > 0, an RSA key of that size. The chain
// served is leaf then intermediate.
func (ca *CA) Leaf(name string, notBefore, notAfter time.Time, rsaBits int, subject pkix.Name) (tls.Certificate, error) {
	var key crypto.Signer
	var err error
	if rsaBits > 0 {
		key, err = rsa.GenerateKey(rand.Reader, rsaBits)
	} else {
		key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	}
	if err != nil {
		return tls.Certificate{}, err
	}
	if subject.CommonName == "" {
		subject.CommonName = name
	}
	tmpl := &x509.Certificate{
		SerialNumber: nextSerial(), Subject: subject, DNSNames: []string{name},
		NotBefore: notBefore, NotAfter: notAfter,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	parent, signer := tmpl, key
	if ca != nil {
		parent, signer = ca.inter, ca.interKey
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, key.Public(), signer)
	if err != nil {
		return tls.Certificate{}, err
	}
	c := tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
	if ca != nil {
		c.Certificate = append(c.Certificate, ca.inter.Raw)
	}
	return c, nil
}

// Case is one server of the fleet: how it answers STARTTLS and the TLS
// it speaks.
type Case struct {
	Name     string
	Config   *tls.Config // nil: STARTTLS is not offered
	Refuse   bool        // STARTTLS is offered and answered 454
	Reset    bool        // the handshake is answered with a TCP reset
	Garbage  bool        // the handshake is answered in plaintext
	Implicit bool        // TLS from the first byte (SMTPS)
}

// Cases makes the fleet's cases with certificates from ca. Each is named
// for what the scanner must record of it.
func Cases(ca *CA) ([]Case, error) {
	now := time.Now()
	day := 24 * time.Hour
	valid, err := ca.Leaf(Name, now.Add(-day), now.Add(90*day), 2048, pkix.Name{})
	if err != nil {
		return nil, err
	}
	expired, err := ca.Leaf(Name, now.Add(-400*day), now.Add(-35*day), 0, pkix.Name{})
	if err != nil {
		return nil, err
	}
	// Like Exchange's default certificate: self-signed, for the
	// machine's own name.
	self, err := (*CA)(nil).Leaf(Name, now.Add(-day), now.Add(5*365*day), 0, pkix.Name{CommonName: "EXCH01"})
	if err != nil {
		return nil, err
	}
	wrong, err := ca.Leaf("other.fleet.test", now.Add(-day), now.Add(30*day), 0, pkix.Name{})
	if err != nil {
		return nil, err
	}
	cfg := func(c tls.Certificate) *tls.Config { return &tls.Config{Certificates: []tls.Certificate{c}} }
	tls10 := cfg(valid)
	tls10.MinVersion, tls10.MaxVersion = tls.VersionTLS10, tls.VersionTLS10
	return []Case{
		{Name: "valid", Config: cfg(valid)},
		{Name: "expired", Config: cfg(expired)},
		{Name: "self-signed", Config: cfg(self)},
		{Name: "wrong-name", Config: cfg(wrong)},
		{Name: "tls10", Config: tls10},
		{Name: "reset", Config: cfg(valid), Reset: true},
		{Name: "garbage", Config: cfg(valid), Garbage: true},
		{Name: "refused", Config: cfg(valid), Refuse: true},
		{Name: "no-starttls"},
		{Name: "smtps", Config: cfg(valid), Implicit: true},
	}, nil
}

// Server is a running case.
type Server struct {
	Case
	Addr netip.AddrPort
	ln   net.Listener
	wg   sync.WaitGroup
}

// Start listens on 127.0.0.1 (a free port) and serves c until Close.
func Start(c Case) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{Case: c, Addr: netip.MustParseAddrPort(ln.Addr().String()), ln: ln}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				s.serve(conn.(*net.TCPConn))
			}()
		}
	}()
	return s, nil
}

// Close stops listening and waits for the sessions to end.
func (s *Server) Close() {
	s.ln.Close()
	s.wg.Wait()
}

func (s *Server) serve(tcp *net.TCPConn) {
	var conn net.Conn = tcp
	defer func() { conn.Close() }()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	if s.Implicit {
		tc := tls.Server(tcp, s.Config)
		if tc.Handshake() != nil {
			return
		}
		conn = tc
	}
	conn.Write([]byte("220 " + Name + " ESMTP tlsfleet\r\n"))
	br := bufio.NewReader(conn)
	encrypted := s.Implicit
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return
		}
		verb, _, _ := strings.Cut(strings.TrimRight(line, "\r\n"), " ")
		var r string
		switch strings.ToUpper(verb) {
		case "EHLO":
			r = "250-" + Name + " hello\r\n250-PIPELINING\r\n"
			if s.Config != nil && !encrypted && !s.Implicit {
				r += "250-STARTTLS\r\n"
			}
			r += "250 8BITMIME\r\n"
		case "STARTTLS":
			switch {
			case s.Config == nil || encrypted:
				r = "503 5.5.1 STARTTLS not available now\r\n"
			case s.Refuse:
				r = "454 4.7.0 TLS not available due to temporary reason\r\n"
			default:
				conn.Write([]byte("220 2.0.0 Ready to start TLS\r\n"))
				switch {
				case s.Reset:
					br.ReadByte() // the ClientHello has come
					tcp.SetLinger(0)
					return
				case s.Garbage:
					br.ReadByte()
					conn.Write([]byte("hello in plaintext\r\n"))
					return
				}
				tc := tls.Server(tcp, s.Config)
				if tc.Handshake() != nil {
					return
				}
				conn, encrypted = tc, true
				br = bufio.NewReader(conn)
				continue
			}
		case "HELO":
			r = "250 " + Name + "\r\n"
		case "MAIL":
			r = "250 2.1.0 Ok\r\n"
		case "HELP":
			r = "214 2.0.0 tlsfleet\r\n"
		case "VRFY":
			r = "252 2.0.0 Cannot VRFY\r\n"
		case "QUIT":
			conn.Write([]byte("221 2.0.0 Bye\r\n"))
			return
		default:
			r = "502 5.5.2 unknown\r\n"
		}
		if _, err := conn.Write([]byte(r)); err != nil {
			return
		}
	}
}
