package view

import (
	"fmt"
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
