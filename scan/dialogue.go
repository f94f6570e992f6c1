package scan

import (
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"slices"
	"syscall"
	"time"

	"github.com/smtpfp/smtpfp/transcript"
)

// Dialogue is a named, versioned series of commands sent after the
// greeting. Its Name is recorded in every result (Record.Dialogue), so an
// archive says which questions its answers are to: change Cmds, change
// the version.
type Dialogue struct {
	Name  string
	Cmds  []string // each sent followed by CRLF
	Relay int      // index in Cmds of the relay-probe RCPT, -1 when none
}

// DialogueVersion names the standard series.
const (
	DialogueVersion      = "smtpfp/1"
	RelayDialogueVersion = "smtpfp-relay/1"
)

// Standard returns the survey's dialogue: EHLO, HELO, MAIL FROM:<>, HELP,
// VRFY postmaster, QUIT. ehlo is the scanner's own name (never the
// target's). It sends no RCPT and no DATA.
//
// With a relay recipient (seed 1996, point 7: measuring open relaying),
// RCPT TO:<relayRcpt> and RSET follow MAIL FROM:<>; the reply to RCPT
// tells whether the server would relay to a domain that is not its own.
// DATA is never sent, so no mail is ever relayed.
func Standard(ehlo, relayRcpt string) Dialogue {
	d := Dialogue{Name: DialogueVersion, Relay: -1}
	d.Cmds = []string{"EHLO " + ehlo, "HELO " + ehlo, "MAIL FROM:<>"}
	if relayRcpt != "" {
		d.Name = RelayDialogueVersion
		d.Relay = len(d.Cmds)
		d.Cmds = append(d.Cmds, "RCPT TO:<"+relayRcpt+">", "RSET")
	}
	d.Cmds = append(d.Cmds, "HELP", "VRFY postmaster", "QUIT")
	return d
}

// Limits bound what one address may cost.
type Limits struct {
	Connect  time.Duration // connection attempt
	Read     time.Duration // one reply, from the first read for it to its last line
	Session  time.Duration // everything after the connection is made
	MaxReply int           // bytes of one reply; more is recorded as "too long"
}

// DefaultLimits are a survey's defaults: a minute to connect would be
// the 1996 survey's patience; ten seconds misses few servers today.
var DefaultLimits = Limits{Connect: 10 * time.Second, Read: 30 * time.Second, Session: 2 * time.Minute, MaxReply: 64 << 10}

func (l Limits) withDefaults() Limits {
	if l.Connect <= 0 {
		l.Connect = DefaultLimits.Connect
	}
	if l.Read <= 0 {
		l.Read = DefaultLimits.Read
	}
	if l.Session <= 0 {
		l.Session = DefaultLimits.Session
	}
	if l.MaxReply <= 0 {
		l.MaxReply = DefaultLimits.MaxReply
	}
	return l
}

// replyReader splits a connection's bytes into SMTP replies. A reply ends
// with a line that is not a continuation ("DDD-"): "DDD text", "DDD", or
// a line with no code at all (an HTTP server's error page) when no more
// bytes have come after it, so a server that is not speaking SMTP costs
// one reply, not a wait for a line that never comes. Lines end with LF;
// CR is kept as sent. Bytes read past the end of a reply wait in pending
// until the dialogue files them (unasked), so every byte sent is recorded
// once, in order, under the step during which it came.
//
// Every buffer is accounted to the session's lease of the survey's
// memory budget (mem; nil when unbounded).
type replyReader struct {
	ctx     context.Context
	conn    net.Conn
	pending []byte
	max     int
	err     error // the error that ended the last read, returned once pending is used up
	mem     *Lease
	scratch [512]byte // unasked bytes are read here first (part of SessionBase): most reads find none
}

// alloc returns an empty buffer of capacity n, taken from the budget.
func (rr *replyReader) alloc(n int) ([]byte, error) {
	if err := rr.mem.Take(rr.ctx, n); err != nil {
		return nil, err
	}
	return make([]byte, 0, n), nil
}

// read returns the next reply and, when it ended early, why (a timeout,
// EOF, a reset or errTooLong); the bytes that did come are returned
// either way. deadline bounds the whole reply, so a server that trickles
// one byte a second is cut off by it; time spent waiting for the memory
// budget is not counted against the server.
func (rr *replyReader) read(deadline time.Time) ([]byte, error) {
	out, err := rr.alloc(min(max(256, len(rr.pending)), rr.max))
	if err != nil {
		return nil, err
	}
	out = append(out, rr.pending...)
	rr.mem.Give(cap(rr.pending))
	rr.pending = nil
	lineStart, scan := 0, 0
	// done looks for the reply's last line among the bytes not yet
	// scanned and, when it is there, cuts the reply there.
	done := func() ([]byte, bool) {
		for {
			i := bytes.IndexByte(out[scan:], '\n')
			if i < 0 {
				scan = len(out)
				return nil, false
			}
			end := scan + i + 1
			line := out[lineStart:end]
			lineStart, scan = end, end
			if finalLine(line) {
				if !codeLine(line) && end < len(out) {
					continue // more of a non-SMTP answer is already here
				}
				return rr.cut(out, end), true
			}
		}
	}
	deadlineSet := false
	for {
		if reply, ok := done(); ok {
			return reply, nil
		}
		if len(out) >= rr.max {
			return out[:rr.max], errTooLong
		}
		if rr.err != nil {
			return out, rr.err
		}
		if !deadlineSet {
			rr.conn.SetReadDeadline(deadline)
			deadlineSet = true
		}
		if len(out) == cap(out) {
			t0 := time.Now()
			// Doubling up to 64 KiB; a reply past that is a flood
			// more often than not, and goes straight to the cap, so it
			// leaves 128 KiB of garbage, not as much as it kept.
			next := 2 * cap(out)
			if cap(out) >= 64<<10 {
				next = rr.max
			}
			grown, err := rr.alloc(min(next, rr.max))
			if err != nil {
				return out, err
			}
			if waited := time.Since(t0); waited > time.Millisecond {
				deadline = deadline.Add(waited)
				rr.conn.SetReadDeadline(deadline)
			}
			grown = append(grown, out...)
			rr.mem.Give(cap(out))
			out = grown
		}
		n, err := rr.conn.Read(out[len(out):cap(out)])
		out = out[:len(out)+n]
		if err != nil {
			if isTimeout(err) {
				// Not sticky: the next reply gets a deadline of its own.
				if reply, ok := done(); ok {
					return reply, nil
				}
				return out, err
			}
			rr.err = err
		}
	}
}

// cut ends a reply after its first end bytes: the rest waits in pending.
// A reply that uses little of a grown buffer is copied out of it, so a
// record holds what it needs, not the buffer's peak.
func (rr *replyReader) cut(out []byte, end int) []byte {
	if end < len(out) {
		if p, err := rr.alloc(len(out) - end); err == nil {
			rr.pending = append(p, out[end:]...)
		}
	}
	if cap(out)-end > 1024 {
		if r, err := rr.alloc(end); err == nil {
			r = append(r, out[:end]...)
			rr.mem.Give(cap(out))
			return r
		}
	}
	return out[:end:end]
}

// unasked returns what has come and not been filed (pending, and what
// waits in the socket), at most room bytes, without waiting for more:
// bytes the server sent before the next command. full reports that room
// was used up.
func (rr *replyReader) unasked(room int) (b []byte, full bool) {
	b = rr.pending
	rr.pending = nil
	if len(b) > room {
		rr.pending = b[room:]
		return b[:room], true
	}
	for rr.err == nil && len(b) < room {
		buf := rr.scratch[:min(room-len(b), len(rr.scratch))]
		n, err := rr.readNow(buf)
		if n > 0 {
			b = rr.grow(b, n)
			b = append(b, buf[:n]...)
		}
		if err != nil {
			if !isTimeout(err) {
				rr.err = err
			}
			break
		}
		if n < len(buf) {
			break
		}
	}
	return b, len(b) >= room
}

// readNow reads what is already in the socket's receive buffer without
// waiting: a non-blocking read(2) on a TCP connection; other connections
// (the simulated world's) are read with a deadline already passed. It
// returns a timeout error when nothing is there.
func (rr *replyReader) readNow(buf []byte) (int, error) {
	sc, ok := rr.conn.(syscall.Conn)
	if !ok {
		rr.conn.SetReadDeadline(time.Now())
		return rr.conn.Read(buf)
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return 0, err
	}
	var n int
	var rerr error
	if err := raw.Read(func(fd uintptr) bool {
		n, rerr = syscall.Read(int(fd), buf)
		return true // never wait
	}); err != nil {
		return 0, err
	}
	switch {
	case rerr == syscall.EAGAIN || rerr == syscall.EINTR:
		return 0, os.ErrDeadlineExceeded
	case rerr != nil:
		return 0, os.NewSyscallError("read", rerr)
	case n == 0 && len(buf) > 0:
		return 0, io.EOF
	}
	return n, nil
}

// rest reads what the server sends after its reply to QUIT, until it
// closes or deadline, at most room bytes.
func (rr *replyReader) rest(deadline time.Time, room int) []byte {
	b, full := rr.unasked(room)
	if full || rr.err != nil {
		return b
	}
	rr.conn.SetReadDeadline(deadline)
	for len(b) < room {
		buf := rr.scratch[:min(room-len(b), len(rr.scratch))]
		n, err := rr.conn.Read(buf)
		if n > 0 {
			b = rr.grow(b, n)
			b = append(b, buf[:n]...)
		}
		if err != nil {
			break
		}
	}
	return b
}

// grow makes room for n more bytes in b, the new buffer taken from the
// budget (so b's growth is accounted as the replies' is).
func (rr *replyReader) grow(b []byte, n int) []byte {
	if len(b)+n <= cap(b) {
		return b
	}
	g, err := rr.alloc(max(2*cap(b), len(b)+n, 64))
	if err != nil {
		return b // cancelled: append's own growth, unaccounted, for the last bytes
	}
	g = append(g, b...)
	rr.mem.Give(cap(b))
	return g
}

// file appends bytes that came unasked to step s, marking them Early.
func (rr *replyReader) file(s *transcript.Step, early []byte) {
	if len(early) == 0 {
		return
	}
	r, err := rr.alloc(len(s.Reply) + len(early))
	if err != nil {
		return
	}
	r = append(append(r, s.Reply...), early...)
	rr.mem.Give(cap(s.Reply))
	s.Reply = r
	s.Early += len(early)
}

// codeLine reports whether line starts with a three-digit reply code.
func codeLine(line []byte) bool {
	return len(line) >= 3 && isDigit(line[0]) && isDigit(line[1]) && isDigit(line[2])
}

// finalLine reports whether line (with its LF) ends a reply: anything
// but "DDD-...".
func finalLine(line []byte) bool {
	return !(len(line) >= 4 && isDigit(line[0]) && isDigit(line[1]) && isDigit(line[2]) && line[3] == '-')
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// otherProtocol recognises a first answer in another protocol than SMTP
// and names it (transcript.ProtoTLS...); "" is SMTP. A TLS record starts
// with its content type (22 handshake, 21 alert) and version 3.x; SSH
// servers speak first with "SSH-"; an HTTP server answers a command with
// a status line or a bare HTML page. Any other answer whose first line
// has no reply code is "other".
func otherProtocol(reply []byte) string {
	if len(reply) == 0 {
		return ""
	}
	head := reply[:min(len(reply), 512)]
	lower := bytes.ToLower(head)
	switch {
	case len(reply) >= 3 && (reply[0] == 0x16 || reply[0] == 0x15) && reply[1] == 3 && reply[2] <= 4:
		return transcript.ProtoTLS
	case bytes.HasPrefix(reply, []byte("SSH-")):
		return transcript.ProtoSSH
	case bytes.HasPrefix(reply, []byte("HTTP/")), bytes.HasPrefix(lower, []byte("<!doctype html")),
		bytes.HasPrefix(lower, []byte("<html")):
		return transcript.ProtoHTTP
	case !codeLine(reply):
		return transcript.ProtoOther
	}
	return ""
}

// quitLinger is how long the bytes a server sends after its reply to QUIT
// are waited for (most close at once).
const quitLinger = 250 * time.Millisecond

// converse runs the dialogue on a connected conn and fills rec: the
// outcome (greeted, rejected, not SMTP, or why no greeting came), the
// greeting code and every step. It never returns an error: whatever the
// server does is recorded.
//
// Before each command, the bytes that have come since the last reply
// ended are filed under that reply's step (Step.Early), so a server that
// talks early, or sends one line too many, still has each later reply
// read as the answer to its own command, QUIT's included.
//
// With t (--starttls), STARTTLS follows an EHLO reply that offers it and,
// after the handshake, the EHLO again and the rest inside TLS (t.after).
func converse(ctx context.Context, conn net.Conn, d *Dialogue, lim Limits, mem *Lease, rec *transcript.Record, t *tlsSession) {
	start := time.Now()
	sessionEnd := start.Add(lim.Session)
	replyDeadline := func() time.Time {
		t := time.Now().Add(lim.Read)
		if t.After(sessionEnd) {
			return sessionEnd
		}
		return t
	}
	rr := &replyReader{ctx: ctx, conn: conn, max: lim.MaxReply, mem: mem}
	rec.Dialogue = d.Name
	last := func() *transcript.Step { return &rec.Steps[len(rec.Steps)-1] }

	greet, err := rr.read(replyDeadline())
	// A server that says nothing may be waiting for the client to speak
	// first: an HTTP server on port 25 answers EHLO with an error page
	// (the 2001 survey's "misconfigured HTTP server"). So silence is
	// answered with the first command; if that too gets nothing, the
	// outcome is "no greeting" and the session ends.
	silent := len(greet) == 0 && isTimeout(err)
	if len(greet) == 0 && err != nil && !silent {
		rec.Outcome = GreetingOutcome(err)
		if rec.Outcome == transcript.Failed {
			rec.Error = err.Error()
		}
		return
	}
	rec.Steps = append(rec.Steps, transcript.Step{Reply: greet, Err: stepErr(err)})
	if p := otherProtocol(greet); p != "" {
		rec.Outcome, rec.Protocol = transcript.NotSMTP, p
		if err != nil {
			rec.Error = "greeting: " + stepErr(err)
		}
		return
	}
	rec.Code = transcript.ReplyCode(greet)
	rec.Outcome = transcript.Greeted
	// RFC 5321 section 3.1: a 554 greeting still waits for QUIT and may
	// answer other commands (with 503), which identifies the software;
	// any other non-2xx code means the server will not talk.
	continues := rec.Code == 0 || rec.Code/100 == 2 || rec.Code == 554
	if !continues {
		rec.Outcome = transcript.Rejected
	}
	if err != nil && !silent {
		rec.Error = "greeting: " + stepErr(err)
		return
	}
	cmds := d.Cmds
	if !continues {
		cmds = []string{"QUIT"}
	}
	buf := make([]byte, 0, 64)
	relay := d.Relay
	for i := 0; i < len(cmds); i++ {
		cmd := cmds[i]
		if ctx.Err() != nil {
			rec.Error = "cancelled"
			return
		}
		if s := last(); s.Err == "" {
			early, full := rr.unasked(lim.MaxReply - len(s.Reply))
			rr.file(s, early)
			if full {
				s.Err = stepErr(errTooLong)
				rec.Error = stepName(s.Cmd) + ": " + s.Err
				return
			}
		}
		buf = append(append(buf[:0], cmd...), '\r', '\n')
		dl := replyDeadline()
		conn.SetWriteDeadline(dl)
		if _, werr := conn.Write(buf); werr != nil {
			// The server may have said something before it went away.
			reply, _ := rr.read(time.Now().Add(10 * time.Millisecond))
			rec.Steps = append(rec.Steps, transcript.Step{Cmd: cmd, Reply: reply, Err: stepErr(werr)})
			rec.Error = verb(cmd) + ": " + stepErr(werr)
			return
		}
		reply, err := rr.read(dl)
		rec.Steps = append(rec.Steps, transcript.Step{Cmd: cmd, Reply: reply, Err: stepErr(err)})
		if silent {
			if len(reply) == 0 {
				rec.Outcome = transcript.NoGreeting
				return
			}
			silent = false
			if p := otherProtocol(reply); p != "" {
				rec.Outcome, rec.Protocol = transcript.NotSMTP, p
				if err != nil {
					rec.Error = verb(cmd) + ": " + stepErr(err)
				}
				return
			}
		}
		if continues && i == relay && err == nil {
			ok := transcript.ReplyCode(reply)/100 == 2
			rec.Relay = &ok
		}
		next, ok := t.after(ctx, rr, &conn, lim, replyDeadline(), rec)
		if !ok {
			return
		}
		if err != nil {
			rec.Error = verb(cmd) + ": " + stepErr(err)
			return
		}
		if next != "" {
			cmds = slices.Insert(slices.Clip(cmds), i+1, next)
			if relay > i {
				relay++
			}
		}
	}
	// After QUIT's reply: whatever else the server sends before it closes.
	s := last()
	linger := time.Now().Add(quitLinger)
	if linger.After(sessionEnd) {
		linger = sessionEnd
	}
	rr.file(s, rr.rest(linger, lim.MaxReply-len(s.Reply)))
}

// stepName names a step in Record.Error: the command's verb, or
// "greeting".
func stepName(cmd string) string {
	if cmd == "" {
		return "greeting"
	}
	return verb(cmd)
}

func verb(cmd string) string {
	if i := bytes.IndexByte([]byte(cmd), ' '); i >= 0 {
		return cmd[:i]
	}
	return cmd
}
