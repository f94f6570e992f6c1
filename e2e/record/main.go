//go:build ignore

// Record is a stand-in for smtpscan until it exists: it runs the survey
// dialogue against explicit targets and prints one archive record (the JSON
// line of transcript.Record) per target.
//
//	go run e2e/record/main.go [-timeout 10s] 127.0.0.1:2525 [ADDR:PORT...]
//
// The dialogue is smtpscan's: the greeting, then EHLO, HELO, MAIL FROM:<>,
// HELP, VRFY postmaster and QUIT, one command at a time, each reply read in
// full (multiline replies end at "NNN "). It stops early when the server
// closes, resets, goes silent for a read timeout or sends more than 64 KiB.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"syscall"
	"time"

	"github.com/smtpfp/smtpfp/transcript"
)

const (
	dialogue = "smtpfp/1"
	ehloName = "survey.example"
	maxReply = 64 << 10
)

var commands = []string{
	"EHLO " + ehloName,
	"HELO " + ehloName,
	"MAIL FROM:<>",
	"HELP",
	"VRFY postmaster",
	"QUIT",
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("record", flag.ContinueOnError)
	fs.SetOutput(stderr)
	timeout := fs.Duration("timeout", 10*time.Second, "connect and per-reply read timeout")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: go run e2e/record/main.go [-timeout D] ADDR:PORT...")
		return 2
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	rc := 0
	for _, target := range fs.Args() {
		rec, err := survey(target, *timeout)
		if err != nil {
			fmt.Fprintf(stderr, "record: %s: %v\n", target, err)
			rc = 1
			continue
		}
		if err := enc.Encode(rec); err != nil {
			fmt.Fprintf(stderr, "record: %v\n", err)
			return 1
		}
	}
	return rc
}

// survey connects to target and runs the dialogue. The error is for targets
// that cannot be surveyed at all (a malformed address); what happens on the
// wire is recorded in the Record.
func survey(target string, timeout time.Duration) (*transcript.Record, error) {
	host, portStr, err := net.SplitHostPort(target)
	if err != nil {
		return nil, err
	}
	port, err := strconv.Atoi(portStr)
	if err != nil || port <= 0 || port > 65535 {
		return nil, fmt.Errorf("bad port %q", portStr)
	}
	rec := &transcript.Record{Addr: host, Port: port, Time: time.Now().UTC().Truncate(time.Second)}
	conn, err := net.DialTimeout("tcp", target, timeout)
	if err != nil {
		rec.Outcome, rec.Error = dialOutcome(err)
		return rec, nil
	}
	defer conn.Close()
	r := bufio.NewReader(conn)

	greeting, why := readReply(conn, r, timeout)
	rec.Code = transcript.ReplyCode(greeting)
	switch {
	case len(greeting) == 0 && why == "reset":
		rec.Outcome = transcript.Reset
		return rec, nil
	case len(greeting) == 0 && why == "closed":
		rec.Outcome = transcript.Dropped
		return rec, nil
	case why != "":
		rec.Outcome = transcript.NoGreeting
		rec.Steps = []transcript.Step{{Reply: greeting, Err: why}}
		return rec, nil
	}
	rec.Steps = []transcript.Step{{Reply: greeting}}
	if rec.Code < 200 || rec.Code > 299 {
		rec.Outcome = transcript.Rejected
		return rec, nil
	}
	rec.Outcome = transcript.Greeted
	rec.Dialogue = dialogue
	for _, cmd := range commands {
		conn.SetWriteDeadline(time.Now().Add(timeout))
		if _, err := conn.Write([]byte(cmd + "\r\n")); err != nil {
			rec.Error = fmt.Sprintf("sending %q: %v", cmd, err)
			break
		}
		reply, why := readReply(conn, r, timeout)
		rec.Steps = append(rec.Steps, transcript.Step{Cmd: cmd, Reply: reply, Err: why})
		if why != "" {
			rec.Error = fmt.Sprintf("reply to %q ended early: %s", cmd, why)
			break
		}
	}
	return rec, nil
}

// readReply reads one complete reply: lines up to and including the first
// whose code is followed by a space (or that is a bare code). It returns the
// exact bytes read and, when the reply is incomplete, why.
func readReply(conn net.Conn, r *bufio.Reader, timeout time.Duration) ([]byte, string) {
	var buf bytes.Buffer
	conn.SetReadDeadline(time.Now().Add(timeout))
	for {
		line, err := r.ReadSlice('\n')
		buf.Write(line)
		if buf.Len() > maxReply {
			return buf.Bytes()[:maxReply], "too long"
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			return buf.Bytes(), readErr(err)
		}
		if last(line) {
			return buf.Bytes(), ""
		}
	}
}

// last reports whether line ends a reply: "250 ok", "250" but not "250-".
func last(line []byte) bool {
	line = bytes.TrimRight(line, "\r\n")
	if len(line) < 3 || transcript.ReplyCode(line) == 0 {
		return true // not a reply line at all: take it as the whole reply
	}
	return len(line) == 3 || line[3] != '-'
}

func readErr(err error) string {
	var ne net.Error
	switch {
	case errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.Is(err, syscall.ECONNRESET):
		return "reset"
	default:
		return "closed"
	}
}

func dialOutcome(err error) (transcript.Outcome, string) {
	var ne net.Error
	switch {
	case errors.As(err, &ne) && ne.Timeout():
		return transcript.TimedOut, err.Error()
	case errors.Is(err, syscall.ECONNREFUSED):
		return transcript.Refused, err.Error()
	case errors.Is(err, syscall.ECONNRESET):
		return transcript.Reset, err.Error()
	case errors.Is(err, syscall.EHOSTUNREACH):
		return transcript.HostUnreachable, err.Error()
	case errors.Is(err, syscall.ENETUNREACH):
		return transcript.NetUnreachable, err.Error()
	default:
		return transcript.Failed, err.Error()
	}
}
