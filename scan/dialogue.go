package scan

import (
	"bytes"
	"context"
	"net"
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
// one reply, not a wait for a line that never comes. Lines end with LF; CR is kept as sent. Bytes read
// past the end of a reply wait in pending for the next one, so every byte
// sent is recorded once, in order.
type replyReader struct {
	conn    net.Conn
	pending []byte
	max     int
	err     error // the error that ended the last read, returned once pending is used up
}

// read returns the next reply and, when it ended early, why (a timeout,
// EOF, a reset or errTooLong); the bytes that did come are returned
// either way. deadline bounds the whole reply, so a server that trickles
// one byte a second is cut off by it.
func (rr *replyReader) read(deadline time.Time) ([]byte, error) {
	size := min(max(256, len(rr.pending)), rr.max)
	out := make([]byte, 0, size)
	out = append(out, rr.pending...)
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
				if end < len(out) {
					rr.pending = append([]byte(nil), out[end:]...)
				}
				return out[:end:end], true
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
			n := min(2*cap(out), rr.max)
			grown := make([]byte, len(out), n)
			copy(grown, out)
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

// converse runs the dialogue on a connected conn and fills rec: the
// outcome (greeted, rejected, or why no greeting came), the greeting code
// and every step. It never returns an error: whatever the server does is
// recorded.
func converse(ctx context.Context, conn net.Conn, d *Dialogue, lim Limits, rec *transcript.Record) {
	start := time.Now()
	sessionEnd := start.Add(lim.Session)
	replyDeadline := func() time.Time {
		t := time.Now().Add(lim.Read)
		if t.After(sessionEnd) {
			return sessionEnd
		}
		return t
	}
	rr := &replyReader{conn: conn, max: lim.MaxReply}
	rec.Dialogue = d.Name

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
	for i, cmd := range cmds {
		if ctx.Err() != nil {
			rec.Error = "cancelled"
			return
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
		}
		if continues && i == d.Relay && err == nil {
			ok := transcript.ReplyCode(reply)/100 == 2
			rec.Relay = &ok
		}
		if err != nil {
			rec.Error = verb(cmd) + ": " + stepErr(err)
			return
		}
	}
	if len(rr.pending) > 0 {
		last := &rec.Steps[len(rec.Steps)-1]
		last.Reply = append(last.Reply, rr.pending...)
	}
}

func verb(cmd string) string {
	if i := bytes.IndexByte([]byte(cmd), ' '); i >= 0 {
		return cmd[:i]
	}
	return cmd
}
