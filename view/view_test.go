package view

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/smtpfp/smtpfp/transcript"
	"github.com/smtpfp/smtpfp/vm"
)

func TestViews(t *testing.T) {
	rec := &transcript.Record{Addr: "192.0.2.9", Steps: []transcript.Step{
		{Cmd: "", Reply: []byte("220 x\r\n")},
		{Cmd: "EHLO survey.example", Reply: []byte("250-x\r\n250 SIZE\r\n")},
		{Cmd: "NOOP", Reply: []byte("250 ok\r\n")},
	}}
	in := View(rec, vm.ViewDJB, nil, nil)
	if got, want := string(in.Text), "192.0.2.9 220 xM 250-xM 250 SIZEM 250 okM "; got != want {
		t.Errorf("djb view %q, want %q", got, want)
	}
	wantB := []vm.Bound{{Off: 10, Scope: vm.ScopeGreeting}, {Off: 17, Scope: vm.ScopeEHLO}, {Off: 34, Scope: vm.ScopeAll}}
	if len(in.Bounds) != 3 || in.Bounds[0] != wantB[0] || in.Bounds[1] != wantB[1] || in.Bounds[2] != wantB[2] {
		t.Errorf("bounds %v, want %v", in.Bounds, wantB)
	}
	raw := View(rec, vm.ViewRaw, nil, nil)
	if got, want := string(raw.Text), "220 x\r\n250-x\r\n250 SIZE\r\n250 ok\r\n"; got != want {
		t.Errorf("raw view %q, want %q", got, want)
	}
	// The seed view leaves every other byte alone.
	odd := &transcript.Record{Addr: "a", Steps: []transcript.Step{{Reply: []byte("\x00\xff\t\r\n")}}}
	if got := string(View(odd, vm.ViewDJB, nil, nil).Text); got != "a \x00\xff\tM " {
		t.Errorf("odd bytes: %q", got)
	}
}

// TestSeedBytesWords: the eight-bytes-at-a-time path rewrites what a
// byte loop rewrites, wherever CR and LF fall, beside any other byte.
func TestSeedBytesWords(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte{'\r', '\n', 0, 0x0c, 0x0e, 0x0d ^ 0x80, 0x0a | 0x80, 0xff, 'M', ' ', 'a'}
	for n := 0; n < 2000; n++ {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			if rng.IntN(3) == 0 {
				b[i] = alphabet[rng.IntN(len(alphabet))]
			} else {
				b[i] = byte(rng.IntN(256))
			}
		}
		want := append([]byte(nil), b...)
		for i, c := range want {
			switch c {
			case '\r':
				want[i] = 'M'
			case '\n':
				want[i] = ' '
			}
		}
		got := append([]byte(nil), b...)
		SeedBytes(got)
		if string(got) != string(want) {
			t.Fatalf("SeedBytes(%q) = %q, want %q", b, got, want)
		}
	}
}

func TestScopeOf(t *testing.T) {
	for cmd, want := range map[string]vm.Scope{
		"": vm.ScopeGreeting, "EHLO survey.example": vm.ScopeEHLO, "ehlo x": vm.ScopeEHLO, "Ehlo x": vm.ScopeEHLO,
		"HELO x": vm.ScopeHELO, "MAIL FROM:<>": vm.ScopeMAIL, "RCPT TO:<a@b>": vm.ScopeRCPT, "RSET": vm.ScopeRSET,
		"HELP": vm.ScopeHELP, "VRFY postmaster": vm.ScopeVRFY, "QUIT": vm.ScopeQUIT, "NOOP": vm.ScopeAll,
		"STARTTLS": vm.ScopeSTARTTLS, "EHLOX": vm.ScopeAll, " EHLO": vm.ScopeAll,
	} {
		if got := ScopeOf(cmd); got != want {
			t.Errorf("ScopeOf(%q) = %v, want %v", cmd, got, want)
		}
	}
}

// TestAppendSeed: the one-pass copy gives what a copy then SeedBytes
// gives, at every length and alignment.
func TestAppendSeed(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for n := 0; n < 3000; n++ {
		src := make([]byte, rng.IntN(50))
		for i := range src {
			src[i] = []byte{'\r', '\n', 'a', 0x8d, 0x8a, 0, 'M'}[rng.IntN(7)]
		}
		prefix := []byte("192.0.2.1 "[:rng.IntN(10)])
		want := append(append([]byte(nil), prefix...), src...)
		SeedBytes(want[len(prefix):])
		got := appendSeed(append([]byte(nil), prefix...), src)
		if string(got) != string(want) {
			t.Fatalf("appendSeed(%q, %q) = %q, want %q", prefix, src, got, want)
		}
	}
}

// TestTLSScopes: the reply to STARTTLS has its scope, and so has the EHLO
// sent again inside TLS; an implicit-TLS session's EHLO is the ehlo.
func TestTLSScopes(t *testing.T) {
	steps := func(implicit bool) []transcript.Step {
		if implicit {
			return []transcript.Step{{Reply: []byte("220 x\r\n"), TLS: true}, {Cmd: "EHLO a", Reply: []byte("250 x\r\n"), TLS: true}}
		}
		return []transcript.Step{{Reply: []byte("220 x\r\n")}, {Cmd: "EHLO a", Reply: []byte("250 x\r\n")},
			{Cmd: "STARTTLS", Reply: []byte("220 go\r\n")}, {Cmd: "EHLO a", Reply: []byte("250 x\r\n"), TLS: true},
			{Cmd: "QUIT", Reply: []byte("221 bye\r\n"), TLS: true}}
	}
	for _, tt := range []struct {
		implicit bool
		want     []vm.Scope
	}{
		{false, []vm.Scope{vm.ScopeGreeting, vm.ScopeEHLO, vm.ScopeSTARTTLS, vm.ScopeTLSEHLO, vm.ScopeQUIT}},
		{true, []vm.Scope{vm.ScopeGreeting, vm.ScopeEHLO}},
	} {
		in := View(&transcript.Record{Addr: "a", Steps: steps(tt.implicit)}, vm.ViewRaw, nil, nil)
		var got []vm.Scope
		for _, b := range in.Bounds {
			got = append(got, b.Scope)
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("implicit=%v: scopes %v, want %v", tt.implicit, got, tt.want)
		}
	}
}

// BenchmarkView: one archive record's steps in the seed's view (about 80
// bytes a reply), the archive path's rendering cost per record.
func BenchmarkView(b *testing.B) {
	rec := &transcript.Record{Addr: "192.0.2.1"}
	for _, r := range []string{"220 mx.example.com ESMTP Postfix (Debian/GNU)\r\n",
		"250-mx.example.com\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n250-ETRN\r\n250-STARTTLS\r\n250 8BITMIME\r\n",
		"214 2.0.0 Ok\r\n", "250 2.1.0 Ok\r\n", "252 2.0.0 postmaster\r\n", "221 2.0.0 Bye\r\n"} {
		rec.Steps = append(rec.Steps, transcript.Step{Cmd: "HELP", Reply: []byte(r)})
	}
	var buf []byte
	var bnds []vm.Bound
	for b.Loop() {
		in := View(rec, vm.ViewDJB, buf[:0], bnds[:0])
		buf, bnds = in.Text, in.Bounds
	}
}
