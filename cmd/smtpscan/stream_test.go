package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// loopbackSMTP serves a short SMTP dialogue and sends each client's
// address to conns.
func loopbackSMTP(t *testing.T, conns chan<- string) int {
	return loopbackSMTPOn(t, "127.0.0.1:0", conns)
}

func loopbackSMTPOn(t *testing.T, addr string, conns chan<- string) int {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns <- c.RemoteAddr().String()
			go func() {
				defer c.Close()
				c.Write([]byte("220 fake.test ESMTP\r\n"))
				buf := make([]byte, 512)
				for {
					n, err := c.Read(buf)
					if err != nil {
						return
					}
					if bytes.HasPrefix(bytes.ToUpper(buf[:n]), []byte("QUIT")) {
						c.Write([]byte("221 bye\r\n"))
						return
					}
					c.Write([]byte("250 ok\r\n"))
				}
			}()
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port
}

// TestStdinSurveyedAsItComes: `zmap ... | smtpscan -i -` connects to the
// first target while the producer is still running.
func TestStdinSurveyedAsItComes(t *testing.T) {
	conns := make(chan string, 10)
	port := loopbackSMTP(t, conns)
	pr, pw := io.Pipe()
	var out, errb bytes.Buffer
	code := make(chan int)
	go func() {
		code <- run([]string{"-i", "-", "--allow-private", "--no-ptr", "--read-timeout", "2s"}, pr, &out, &errb)
	}()
	fmt.Fprintf(pw, "saddr\n127.0.0.1:%d\n", port)
	select {
	case <-conns:
	case <-time.After(10 * time.Second):
		t.Fatal("no connection before stdin closed")
	}
	fmt.Fprintf(pw, "127.0.0.1:%d\n", port) // a duplicate: not surveyed twice
	pw.Close()
	if c := <-code; c != 0 || !strings.Contains(out.String(), "1 addresses recorded") {
		t.Errorf("exit %d\n%s\n%s", c, out.String(), errb.String())
	}
}

// TestSourceIP: connections come from --source-ip.
func TestSourceIP(t *testing.T) {
	conns := make(chan string, 10)
	port := loopbackSMTP(t, conns)
	code, stdout, stderr := runCmd(fmt.Sprintf("127.0.0.1:%d\n", port), "-i", "-", "--allow-private", "--no-ptr", "--source-ip", "127.0.0.7")
	if code != 0 || !strings.Contains(stdout, "       1 greeted") {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	if from := <-conns; !strings.HasPrefix(from, "127.0.0.7:") {
		t.Errorf("connected from %s", from)
	}
	if code, _, stderr := runCmd("", "-i", "-", "--source-ip", "nope"); code != exitUsage || stderr != "smtpscan: --source-ip \"nope\": expected an IP address\n" {
		t.Errorf("exit %d, %q", code, stderr)
	}
}

// TestIPv6FromList: IPv6 targets from a list are surveyed.
func TestIPv6FromList(t *testing.T) {
	conns := make(chan string, 10)
	port := loopbackSMTPOn(t, "[::1]:0", conns)
	code, stdout, stderr := runCmd(fmt.Sprintf("[::1]:%d\n", port), "-i", "-", "--allow-private", "--no-ptr")
	if code != 0 || !strings.Contains(stdout, "       1 greeted") {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	if from := <-conns; !strings.HasPrefix(from, "[::1]:") {
		t.Errorf("connected from %s", from)
	}
}
