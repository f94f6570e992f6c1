package scan

import (
	"bufio"
	"context"
	"net"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smtpfp/smtpfp/transcript"
)

// Fake servers for the tests: every one listens on 127.0.0.1:0 and is
// closed by t.Cleanup. Nothing here ever names another address.

// fakeServer runs handle for each connection accepted.
func fakeServer(t testing.TB, handle func(c *net.TCPConn)) netip.AddrPort {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				handle(c.(*net.TCPConn))
			}()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return netip.MustParseAddrPort(ln.Addr().String())
}

// smtpServer greets with greeting and answers each command line with
// replies[VERB] (or "500 unknown\r\n"); it closes after QUIT. Commands
// received are appended to *got.
func smtpServer(greeting string, replies map[string]string, got *[]string, mu *sync.Mutex) func(c *net.TCPConn) {
	return func(c *net.TCPConn) {
		defer c.Close()
		c.Write([]byte(greeting))
		br := bufio.NewReader(c)
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimRight(line, "\r\n")
			if got != nil {
				mu.Lock()
				*got = append(*got, line)
				mu.Unlock()
			}
			v := strings.ToUpper(verb(line))
			r, ok := replies[v]
			if !ok {
				r = "500 unknown\r\n"
			}
			c.Write([]byte(r))
			if v == "QUIT" {
				return
			}
		}
	}
}

// refusedPort returns a loopback address:port nobody listens on.
func refusedPort(t testing.TB) netip.AddrPort {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ap := netip.MustParseAddrPort(ln.Addr().String())
	ln.Close()
	return ap
}

// testLimits are short, so the hostile cases cost little time.
var testLimits = Limits{Connect: 2 * time.Second, Read: 300 * time.Millisecond, Session: 3 * time.Second, MaxReply: 4096}

func testScanner() *Scanner {
	return &Scanner{
		Dialogue: Standard("scanner.test", ""),
		Limits:   testLimits,
		Exclude:  &Exclusions{AllowPrivate: true},
	}
}

func scanOne(t *testing.T, s *Scanner, ap netip.AddrPort) (rec *transcript.Record, elapsed time.Duration) {
	t.Helper()
	start := time.Now()
	r, err := s.Scan(context.Background(), ap)
	if err != nil {
		t.Fatal(err)
	}
	return r, time.Since(start)
}
