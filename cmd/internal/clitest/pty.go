// Package clitest gives the commands' tests a terminal: a pseudo-terminal
// pair, so what smtpfp and smtpscan do on a terminal (refuse to wait on
// one, fit the progress line to its width) is tested, not assumed.
package clitest

import (
	"bytes"
	"fmt"
	"os"
	"sync"
	"testing"

	"golang.org/x/sys/unix"
)

// PTY opens a pseudo-terminal cols columns wide. tty is the terminal end
// to hand to the command as stdin, stdout or stderr; output returns what
// was written to it so far, once tty is closed. The test is skipped where
// the system has no pseudo-terminals.
func PTY(t testing.TB, cols int) (tty *os.File, output func() string) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	fd := int(master.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		master.Close()
		t.Skipf("unlockpt: %v", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		master.Close()
		t.Skipf("ptsname: %v", err)
	}
	tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		t.Skipf("open pts: %v", err)
	}
	if err := unix.IoctlSetWinsize(int(tty.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 24, Col: uint16(cols)}); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var buf bytes.Buffer
	done := make(chan struct{})
	go func() {
		defer close(done)
		b := make([]byte, 4096)
		for {
			n, err := master.Read(b)
			mu.Lock()
			buf.Write(b[:n])
			mu.Unlock()
			if err != nil {
				return // EIO once the terminal end is closed
			}
		}
	}()
	// Closing the master end first wakes a command still reading the
	// terminal (a test that failed because it waits), so cleanup never
	// hangs; output closes the terminal end first, so that everything
	// written reaches buf before the master end reads EIO.
	t.Cleanup(func() {
		master.Close()
		tty.Close()
	})
	return tty, func() string {
		tty.Close()
		<-done
		mu.Lock()
		defer mu.Unlock()
		return buf.String()
	}
}
