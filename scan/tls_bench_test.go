package scan

import (
	"context"
	"fmt"
	"net/netip"
	"sync/atomic"
	"testing"
	"time"

	"github.com/smtpfp/smtpfp/scan/tlsfleet"
	"github.com/smtpfp/smtpfp/transcript"
)

// BenchmarkStartTLS: sessions/s at concurrency 100 against one loopback
// server that offers STARTTLS (tlsfleet's valid case: an RSA 2048 leaf
// under an ECDSA intermediate), without and with --starttls, side by
// side in one run. The server runs in this process (tlsfleet), so both
// figures include its CPU: the ratio, not the absolute rate, is the
// point. With --starttls a session is nine steps and a TLS 1.3 handshake
// with chain verification instead of seven plaintext steps.
//
//	go test -run '^$' -bench StartTLS -benchtime 5000x ./scan/
func BenchmarkStartTLS(b *testing.B) {
	ca, err := tlsfleet.NewCA()
	if err != nil {
		b.Fatal(err)
	}
	cases, err := tlsfleet.Cases(ca)
	if err != nil {
		b.Fatal(err)
	}
	srv, err := tlsfleet.Start(cases[0])
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	raiseNoFile()
	for _, mode := range []struct {
		name  string
		m     TLSMode
		steps int
	}{{"plain", NoTLS, 7}, {"starttls", StartTLS, 9}} {
		b.Run(fmt.Sprintf("%s/conc=100", mode.name), func(b *testing.B) {
			targets := make([]netip.AddrPort, b.N)
			for i := range targets {
				targets[i] = srv.Addr
			}
			s := &Scanner{
				Dialogue:    Standard("bench.test", ""),
				Limits:      Limits{Connect: 10 * time.Second, Read: 10 * time.Second, Session: 30 * time.Second},
				Exclude:     &Exclusions{AllowPrivate: true},
				Concurrency: 100,
				TLS:         TLSConfig{Mode: mode.m, Roots: ca.Pool()},
			}
			sink := &tlsCount{steps: mode.steps}
			b.ResetTimer()
			start := time.Now()
			if _, err := s.Run(context.Background(), &List{Targets: targets}, sink); err != nil {
				b.Fatal(err)
			}
			el := time.Since(start)
			b.StopTimer()
			if n := sink.other.Load(); n > 0 {
				b.Errorf("%d of %d sessions did not complete as expected", n, b.N)
			}
			b.ReportMetric(float64(sink.ok.Load())/el.Seconds(), "sessions/s")
		})
	}
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
