// Package view owns the views rules see: how a transcript.Record becomes
// the bytes and reply bounds of a vm.Input (the seed's one-line
// "ADDRESS TRANSCRIPT" view and the raw view), and which reply scope each
// command's reply belongs to. It sits between the archive format
// (transcript) and the matcher (vm), so neither depends on the other.
package view

import (
	"strings"

	"github.com/smtpfp/smtpfp/transcript"
	"github.com/smtpfp/smtpfp/vm"
)

// ScopeOf maps a command line to the reply scope rules name it by: the
// greeting for "", otherwise its verb ("EHLO x" is ScopeEHLO). Commands
// without a scope of their own give ScopeAll: their replies are in the
// transcript but no scoped pattern sees them.
func ScopeOf(cmd string) vm.Scope {
	if cmd == "" {
		return vm.ScopeGreeting
	}
	verb := cmd
	if i := strings.IndexByte(cmd, ' '); i >= 0 {
		verb = cmd[:i]
	}
	if s, ok := vm.ScopeByName(strings.ToLower(verb)); ok {
		return s
	}
	return vm.ScopeAll
}

// View renders rec for a program compiled for view v, appending to buf and
// bounds (pass buf[:0], bounds[:0] to reuse them).
//
// ViewDJB is the seed's one line: the address, a space, then every byte
// the server sent, with CR shown as 'M' and LF as ' ' (so a seed pattern
// such as / 220 Please login at http/ sees the space after the address).
// ViewRaw is the server's bytes as sent.
func View(rec *transcript.Record, v vm.View, buf []byte, bounds []vm.Bound) vm.Input {
	if v == vm.ViewDJB {
		buf = append(buf, rec.Addr...)
		buf = append(buf, ' ')
	}
	startTLS := false
	for _, s := range rec.Steps {
		sc := ScopeOf(s.Cmd)
		switch {
		case sc == vm.ScopeSTARTTLS:
			startTLS = true
		case sc == vm.ScopeEHLO && startTLS && s.TLS:
			// The EHLO again inside TLS: a scope of its own, so that
			// the extensions a server offers only after STARTTLS (AUTH,
			// often) are told from those it offers in plaintext, and
			// rules written for the first EHLO see only it.
			sc = vm.ScopeTLSEHLO
		}
		bounds = append(bounds, vm.Bound{Off: len(buf), Scope: sc})
		start := len(buf)
		buf = append(buf, s.Reply...)
		if v == vm.ViewDJB {
			SeedBytes(buf[start:])
		}
	}
	return vm.Input{Text: buf, Bounds: bounds}
}

// SeedBytes rewrites b in place into the seed's view: CR becomes 'M' and
// LF becomes ' '.
func SeedBytes(b []byte) {
	for i, c := range b {
		switch c {
		case '\r':
			b[i] = 'M'
		case '\n':
			b[i] = ' '
		}
	}
}
