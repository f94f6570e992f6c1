// Package view owns the views rules see: how a transcript.Record becomes
// the bytes and reply bounds of a vm.Input (the seed's one-line
// "ADDRESS TRANSCRIPT" view and the raw view), and which reply scope each
// command's reply belongs to. It sits between the archive format
// (transcript) and the matcher (vm), so neither depends on the other.
package view

import (
	"encoding/binary"
	"slices"
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
	switch verb { // the usual spellings, without a lower-cased copy
	case "EHLO", "ehlo":
		return vm.ScopeEHLO
	case "HELO", "helo":
		return vm.ScopeHELO
	case "MAIL", "mail":
		return vm.ScopeMAIL
	case "RCPT", "rcpt":
		return vm.ScopeRCPT
	case "RSET", "rset":
		return vm.ScopeRSET
	case "HELP", "help":
		return vm.ScopeHELP
	case "VRFY", "vrfy":
		return vm.ScopeVRFY
	case "QUIT", "quit":
		return vm.ScopeQUIT
	case "STARTTLS", "starttls":
		return vm.ScopeSTARTTLS
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
		if v == vm.ViewDJB {
			buf = appendSeed(buf, s.Reply)
		} else {
			buf = append(buf, s.Reply...)
		}
	}
	return vm.Input{Text: buf, Bounds: bounds}
}

// appendSeed appends src to dst in the seed's view, copying and
// rewriting in one pass (SeedBytes's word trick on the way).
func appendSeed(dst, src []byte) []byte {
	n := len(dst)
	dst = slices.Grow(dst, len(src))[:n+len(src)]
	out := dst[n:]
	i := 0
	for ; i+8 <= len(src); i += 8 {
		w := binary.LittleEndian.Uint64(src[i:])
		const ones = 0x0101010101010101
		cr, lf := zeroBytes(w^('\r'*ones)), zeroBytes(w^('\n'*ones))
		w ^= (cr>>7)*('\r'^'M') | (lf>>7)*('\n'^' ')
		binary.LittleEndian.PutUint64(out[i:], w)
	}
	if i < len(src) && len(src) >= 8 {
		// The tail as one more word, overlapping the last: it is read
		// from src and its bytes rewritten as before, so the overlap
		// stores what is already there.
		i = len(src) - 8
		w := binary.LittleEndian.Uint64(src[i:])
		const ones = 0x0101010101010101
		cr, lf := zeroBytes(w^('\r'*ones)), zeroBytes(w^('\n'*ones))
		w ^= (cr>>7)*('\r'^'M') | (lf>>7)*('\n'^' ')
		binary.LittleEndian.PutUint64(out[i:], w)
		return dst
	}
	copy(out[i:], src[i:])
	seedBytes(out[i:])
	return dst
}

// SeedBytes rewrites b in place into the seed's view: CR becomes 'M' and
// LF becomes ' '.
func SeedBytes(b []byte) {
	// Eight bytes at a time: the CR and LF bytes of a word are found
	// exactly, without a branch per byte, and flipped to 'M' and ' '.
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		const ones = 0x0101010101010101
		cr, lf := zeroBytes(w^('\r'*ones)), zeroBytes(w^('\n'*ones))
		if cr|lf == 0 {
			continue
		}
		w ^= (cr>>7)*('\r'^'M') | (lf>>7)*('\n'^' ')
		binary.LittleEndian.PutUint64(b[i:], w)
	}
	seedBytes(b[i:])
}

// zeroBytes has 0x80 in exactly the bytes of x that are zero.
func zeroBytes(x uint64) uint64 {
	const low7 = 0x7f7f7f7f7f7f7f7f
	return ^((x&low7 + low7) | x | low7)
}

func seedBytes(b []byte) {
	for i, c := range b {
		switch c {
		case '\r':
			b[i] = 'M'
		case '\n':
			b[i] = ' '
		}
	}
}
