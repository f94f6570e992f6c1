package scan

import (
	"bufio"
	"context"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/smtpfp/smtpfp/scan/tlsfleet"
	"github.com/smtpfp/smtpfp/transcript"
)

// BenchmarkStartTLS: sessions/s at concurrency 100 against one loopback
// server that offers STARTTLS (tlsfleet's valid case: an RSA 2048 leaf
// under an ECDSA intermediate), without and with --starttls, in three
// interleaved rounds (plain, starttls, starttls-uncached, plain, ...), so
// that the load of a shared machine falls on all alike. Every session gets
// the same chain, so under starttls its verdict comes from the survey's
// cache after the first; starttls-uncached verifies every chain anew, as
// for a survey of servers that all present different certificates. The server runs in a child process
// (this binary again, SCAN_BENCH_TLS_CHILD=1), so client-ms/1k is the
// scanner's CPU alone. With --starttls a session is nine steps, a TLS 1.3
// handshake and the chain's verification, instead of seven plaintext
// steps.
//
//	go test -run '^$' -bench StartTLS -benchtime 5000x ./scan/
func BenchmarkStartTLS(b *testing.B) {
	addr, roots, pid := startTLSChild(b)
	raiseNoFile()
	for range 3 {
		for _, mode := range []struct {
			name     string
			m        TLSMode
			steps    int
			uncached bool
		}{{"plain", NoTLS, 7, false}, {"starttls", StartTLS, 9, false}, {"starttls-uncached", StartTLS, 9, true}} {
			b.Run(mode.name+"/conc=100", func(b *testing.B) {
				targets := make([]netip.AddrPort, b.N)
				for i := range targets {
					targets[i] = addr
				}
				s := &Scanner{
					Dialogue:    Standard("bench.test", ""),
					Limits:      Limits{Connect: 10 * time.Second, Read: 10 * time.Second, Session: 30 * time.Second},
					Exclude:     &Exclusions{AllowPrivate: true},
					Concurrency: 100,
					TLS:         TLSConfig{Mode: mode.m, Roots: roots},
					uncached:    mode.uncached,
				}
				sink := &tlsCount{steps: mode.steps}
				srv0, cli0 := cpuOf(pid), selfCPU()
				b.ResetTimer()
				start := time.Now()
				if _, err := s.Run(context.Background(), &List{Targets: targets}, sink); err != nil {
					b.Fatal(err)
				}
				el := time.Since(start)
				b.StopTimer()
				srv, cli := cpuOf(pid)-srv0, selfCPU()-cli0
				if n := sink.other.Load(); n > 0 {
					b.Errorf("%d of %d sessions did not complete as expected", n, b.N)
				}
				k := float64(b.N) / 1000
				b.ReportMetric(float64(sink.ok.Load())/el.Seconds(), "sessions/s")
				b.ReportMetric(float64(cli.Milliseconds())/k, "client-ms/1k")
				b.ReportMetric(float64(srv.Milliseconds())/k, "server-ms/1k")
			})
		}
	}
}

// The TLS server child: started by startTLSChild, it serves until its
// stdin closes. init runs before TestMain, so the child never runs tests.
func init() {
	if os.Getenv("SCAN_BENCH_TLS_CHILD") != "1" {
		return
	}
	fail := func(err error) { fmt.Println("error", err); os.Exit(1) }
	ca, err := tlsfleet.NewCA()
	if err != nil {
		fail(err)
	}
	cases, err := tlsfleet.Cases(ca)
	if err != nil {
		fail(err)
	}
	srv, err := tlsfleet.Start(cases[0])
	if err != nil {
		fail(err)
	}
	fmt.Println("root", base64.StdEncoding.EncodeToString(ca.Root.Raw))
	fmt.Println("smtp", srv.Addr)
	os.Stdin.Read(make([]byte, 1))
	os.Exit(0)
}

// startTLSChild starts the child and returns its server's address, a pool
// of its root, and its process id (stopped when the benchmark ends).
func startTLSChild(b *testing.B) (netip.AddrPort, *x509.CertPool, int) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "SCAN_BENCH_TLS_CHILD=1")
	in, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { in.Close(); cmd.Wait() })
	roots := x509.NewCertPool()
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		kind, v, _ := strings.Cut(sc.Text(), " ")
		switch kind {
		case "root":
			der, _ := base64.StdEncoding.DecodeString(v)
			c, err := x509.ParseCertificate(der)
			if err != nil {
				b.Fatal(err)
			}
			roots.AddCert(c)
		case "smtp":
			return netip.MustParseAddrPort(v), roots, cmd.Process.Pid
		case "error":
			b.Fatal("TLS child: " + v)
		}
	}
	b.Fatal("TLS child ended before it served")
	return netip.AddrPort{}, nil, 0
}

// tlsCount counts complete sessions: greeted, every step answered, and
// under --starttls a valid certificate.
type tlsCount struct {
	steps     int
	ok, other atomic.Int64
}

func (c *tlsCount) Write(r *transcript.Record) error {
	good := r.Outcome == transcript.Greeted && len(r.Steps) == c.steps && r.Error == ""
	if c.steps > 7 {
		good = good && r.TLS != nil && r.TLS.Verify == transcript.VerifyValid
	}
	if good {
		c.ok.Add(1)
	} else {
		c.other.Add(1)
	}
	return nil
}
