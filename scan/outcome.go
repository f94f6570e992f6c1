package scan

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"syscall"

	"github.com/smtpfp/smtpfp/transcript"
)

// DialOutcome maps the error of a connection attempt to the seeds'
// outcome. The errno values are what Linux's TCP reports for the ICMP
// errors the seeds counted (net/ipv4/icmp.c, icmp_err_convert):
//
//	RST to the SYN, ICMP port unreachable  ECONNREFUSED   connection refused
//	ICMP host unreachable (and prohibited) EHOSTUNREACH   host unreachable
//	ICMP net unreachable                   ENETUNREACH    network unreachable
//	ICMP protocol unreachable              ENOPROTOOPT    protocol not available
//	ICMP host isolated                     ENONET         machine not on network
//	ICMP source route failed               EOPNOTSUPP     operation not supported
//
// EPROTONOSUPPORT and EHOSTDOWN (ICMP host unknown) are folded into the
// nearest of these. A nil error is not an outcome: the caller goes on to
// read the greeting.
func DialOutcome(err error) transcript.Outcome {
	if err == nil {
		return ""
	}
	if isTimeout(err) {
		return transcript.TimedOut
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		switch errno {
		case syscall.ECONNREFUSED:
			return transcript.Refused
		case syscall.EHOSTUNREACH, syscall.EHOSTDOWN:
			return transcript.HostUnreachable
		case syscall.ENETUNREACH, syscall.ENETDOWN:
			return transcript.NetUnreachable
		case syscall.ENOPROTOOPT, syscall.EPROTONOSUPPORT:
			return transcript.ProtoUnavailable
		case syscall.ENONET:
			return transcript.NotOnNetwork
		case syscall.EOPNOTSUPP:
			return transcript.NotSupported
		case syscall.ECONNRESET:
			return transcript.Reset
		case syscall.ETIMEDOUT:
			return transcript.TimedOut
		}
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return transcript.Dropped
	}
	return transcript.Failed
}

// GreetingOutcome maps the error that ended the wait for a greeting before
// any byte of it came: EOF is the seeds' "immediate disconnect", a reset
// is "reset", and a read deadline is "no greeting".
func GreetingOutcome(err error) transcript.Outcome {
	switch {
	case isTimeout(err):
		return transcript.NoGreeting
	case errors.Is(err, io.EOF), errors.Is(err, syscall.EPIPE):
		return transcript.Dropped
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNABORTED):
		return transcript.Reset
	}
	if o := DialOutcome(err); o != transcript.TimedOut {
		return o
	}
	return transcript.Failed
}

// stepErr names why a reply ended early, in Step.Err's words.
func stepErr(err error) string {
	switch {
	case err == nil:
		return ""
	case err == errTooLong:
		return "too long"
	case isTimeout(err):
		return "timeout"
	case errors.Is(err, io.EOF), errors.Is(err, syscall.EPIPE):
		return "closed"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNABORTED):
		return "reset"
	}
	return "error"
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

var errTooLong = errors.New("reply too long")
