package scan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"testing"

	"github.com/smtpfp/smtpfp/transcript"
)

// dialErr wraps an errno the way net.Dialer returns it.
func dialErr(e error) error {
	return &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", e)}
}

func TestDialOutcome(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want transcript.Outcome
	}{
		{dialErr(syscall.ECONNREFUSED), transcript.Refused},
		{dialErr(syscall.EHOSTUNREACH), transcript.HostUnreachable},
		{dialErr(syscall.EHOSTDOWN), transcript.HostUnreachable},
		{dialErr(syscall.ENETUNREACH), transcript.NetUnreachable},
		{dialErr(syscall.ENOPROTOOPT), transcript.ProtoUnavailable},
		{dialErr(syscall.EPROTONOSUPPORT), transcript.ProtoUnavailable},
		{dialErr(syscall.ENONET), transcript.NotOnNetwork},
		{dialErr(syscall.EOPNOTSUPP), transcript.NotSupported},
		{dialErr(syscall.ECONNRESET), transcript.Reset},
		{dialErr(syscall.ETIMEDOUT), transcript.TimedOut},
		{&net.OpError{Op: "dial", Err: os.ErrDeadlineExceeded}, transcript.TimedOut},
		{fmt.Errorf("dial: %w", context.DeadlineExceeded), transcript.TimedOut},
		{io.EOF, transcript.Dropped},
		{dialErr(syscall.EACCES), transcript.Failed},
		{errors.New("something else"), transcript.Failed},
	} {
		if g := DialOutcome(tt.err); g != tt.want {
			t.Errorf("DialOutcome(%v) = %s, want %s", tt.err, g, tt.want)
		}
	}
}

func TestGreetingOutcome(t *testing.T) {
	readErr := func(e error) error { return &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", e)} }
	for _, tt := range []struct {
		err  error
		want transcript.Outcome
	}{
		{io.EOF, transcript.Dropped},
		{readErr(syscall.ECONNRESET), transcript.Reset},
		{&net.OpError{Op: "read", Err: os.ErrDeadlineExceeded}, transcript.NoGreeting},
		{readErr(syscall.EHOSTUNREACH), transcript.HostUnreachable},
		{readErr(syscall.EPIPE), transcript.Dropped},
	} {
		if g := GreetingOutcome(tt.err); g != tt.want {
			t.Errorf("GreetingOutcome(%v) = %s, want %s", tt.err, g, tt.want)
		}
	}
}
