package scan

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smtpfp/smtpfp/transcript"
)

// render prints a record's outcome and steps as text, so a failure shows
// what was wanted and what came.
func render(rec *transcript.Record) string {
	var b strings.Builder
	fmt.Fprintf(&b, "outcome=%s code=%d", rec.Outcome, rec.Code)
	if rec.Error != "" {
		fmt.Fprintf(&b, " error=%q", rec.Error)
	}
	if rec.Relay != nil {
		fmt.Fprintf(&b, " relay=%v", *rec.Relay)
	}
	if rec.Protocol != "" {
		fmt.Fprintf(&b, " protocol=%s", rec.Protocol)
	}
	b.WriteString("\n")
	for _, s := range rec.Steps {
		fmt.Fprintf(&b, "%q -> %q", s.Cmd, s.Reply)
		if s.Err != "" {
			fmt.Fprintf(&b, " err=%s", s.Err)
		}
		if s.Early != 0 {
			fmt.Fprintf(&b, " early=%d", s.Early)
		}
		b.WriteString("\n")
	}
	return b.String()
}

var goodReplies = map[string]string{
	"EHLO": "250-mx.test hello scanner.test\r\n250-PIPELINING\r\n250 8BITMIME\r\n",
	"HELO": "250 mx.test\r\n",
	"MAIL": "250 2.1.0 <>... Sender ok\r\n",
	"RCPT": "550 5.7.1 relaying denied\r\n",
	"RSET": "250 reset\r\n",
	"HELP": "214-This is Sendmail version 8.12\r\n214 End of HELP info\r\n",
	"VRFY": "252 Cannot VRFY user\r\n",
	"QUIT": "221 2.0.0 closing connection\r\n",
}

func TestDialogueGood(t *testing.T) {
	var got []string
	var mu sync.Mutex
	ap := fakeServer(t, smtpServer("220 mx.test ESMTP Sendmail 8.12.1; now\r\n", goodReplies, &got, &mu))
	rec, _ := scanOne(t, testScanner(), ap)
	want := `outcome=greeted code=220
"" -> "220 mx.test ESMTP Sendmail 8.12.1; now\r\n"
"EHLO scanner.test" -> "250-mx.test hello scanner.test\r\n250-PIPELINING\r\n250 8BITMIME\r\n"
"HELO scanner.test" -> "250 mx.test\r\n"
"MAIL FROM:<>" -> "250 2.1.0 <>... Sender ok\r\n"
"HELP" -> "214-This is Sendmail version 8.12\r\n214 End of HELP info\r\n"
"VRFY postmaster" -> "252 Cannot VRFY user\r\n"
"QUIT" -> "221 2.0.0 closing connection\r\n"
`
	if g := render(rec); g != want {
		t.Errorf("got\n%s\nwant\n%s", g, want)
	}
	if rec.Dialogue != DialogueVersion {
		t.Errorf("dialogue %q, want %q", rec.Dialogue, DialogueVersion)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, c := range got {
		if v := verb(c); v == "RCPT" || v == "DATA" {
			t.Errorf("sent %q without --relay-probe", c)
		}
	}
}

func TestDialogueRelayProbe(t *testing.T) {
	var got []string
	var mu sync.Mutex
	replies := map[string]string{}
	for k, v := range goodReplies {
		replies[k] = v
	}
	replies["RCPT"] = "250 2.1.5 ok\r\n"
	ap := fakeServer(t, smtpServer("220 open.test\r\n", replies, &got, &mu))
	s := testScanner()
	s.Dialogue = Standard("scanner.test", "relay-probe@example.com")
	rec, _ := scanOne(t, s, ap)
	if rec.Relay == nil || !*rec.Relay {
		t.Errorf("relay = %v, want true\n%s", rec.Relay, render(rec))
	}
	if rec.Dialogue != RelayDialogueVersion {
		t.Errorf("dialogue %q", rec.Dialogue)
	}
	mu.Lock()
	defer mu.Unlock()
	want := "EHLO scanner.test|HELO scanner.test|MAIL FROM:<>|RCPT TO:<relay-probe@example.com>|RSET|HELP|VRFY postmaster|QUIT"
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("commands\ngot  %s\nwant %s", g, want)
	}
}

// Each hostile or failing server gets its outcome, its bytes recorded
// exactly, in bounded time (testLimits: 300ms a reply, 3s a session).
func TestDialogueOutcomes(t *testing.T) {
	tenMB := bytes.Repeat([]byte("0123456789"), 1<<20)
	tlsHello := "\x16\x03\x01\x00\x31\x02\x00\x00\x2d\x03\x01\x00\xff"
	tests := []struct {
		name   string
		handle func(c *net.TCPConn)
		want   string
	}{
		{"immediate-close", func(c *net.TCPConn) { c.Close() },
			"outcome=dropped code=0\n"},
		{"reset-before-greeting", func(c *net.TCPConn) { c.SetLinger(0); c.Close() },
			"outcome=reset code=0\n"},
		{"greeting-421", func(c *net.TCPConn) { c.Write([]byte("421 busy, try later\r\n")); c.Close() },
			"outcome=rejected code=421 error=\"QUIT: closed\"\n\"\" -> \"421 busy, try later\\r\\n\"\n\"QUIT\" -> \"\" err=closed\n"},
		{"greeting-554-continues", smtpServer("554 no service here\r\n", map[string]string{"QUIT": "221 bye\r\n"}, nil, nil),
			`outcome=greeted code=554
"" -> "554 no service here\r\n"
"EHLO scanner.test" -> "500 unknown\r\n"
"HELO scanner.test" -> "500 unknown\r\n"
"MAIL FROM:<>" -> "500 unknown\r\n"
"HELP" -> "500 unknown\r\n"
"VRFY postmaster" -> "500 unknown\r\n"
"QUIT" -> "221 bye\r\n"
`},
		{"no-greeting", func(c *net.TCPConn) { time.Sleep(time.Second) },
			"outcome=no-greeting code=0\n\"\" -> \"\" err=timeout\n\"EHLO scanner.test\" -> \"\" err=timeout\n"},
		{"http-server", func(c *net.TCPConn) {
			br := bufio.NewReader(c)
			line, _ := br.ReadString('\n')
			c.Write([]byte("<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<TITLE>400 Bad Request</TITLE>\nInvalid URI in request " + line))
			c.Close()
		}, `outcome=not-smtp code=0 protocol=http
"" -> "" err=timeout
"EHLO scanner.test" -> "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<TITLE>400 Bad Request</TITLE>\nInvalid URI in request EHLO scanner.test\r\n"
`},
		{"greeting-then-silence", func(c *net.TCPConn) { c.Write([]byte("220 hi\r\n")); time.Sleep(time.Second) },
			"outcome=greeted code=220 error=\"EHLO: timeout\"\n\"\" -> \"220 hi\\r\\n\"\n\"EHLO scanner.test\" -> \"\" err=timeout\n"},
		{"never-ending-line", func(c *net.TCPConn) {
			b := bytes.Repeat([]byte("x"), 1024)
			c.Write([]byte("220 "))
			for {
				if _, err := c.Write(b); err != nil {
					return
				}
			}
		}, "outcome=greeted code=220 error=\"greeting: too long\"\n\"\" -> \"220 " + strings.Repeat("x", 4092) + "\" err=too long\n"},
		{"one-byte-per-50ms", func(c *net.TCPConn) {
			for _, b := range []byte("220 slooooooooooooooooow\r\n") {
				if _, err := c.Write([]byte{b}); err != nil {
					return
				}
				time.Sleep(50 * time.Millisecond)
			}
		}, "one-byte"},
		{"ten-megabytes", func(c *net.TCPConn) {
			c.Write([]byte("220-"))
			c.Write(tenMB)
		}, "outcome=greeted code=220 error=\"greeting: too long\"\n\"\" -> \"220-" + strings.Repeat("0123456789", 409) + "01\" err=too long\n"},
		{"nul-and-invalid-utf8", smtpServer("220 \x00nul \xff\xfe bad\r\n", map[string]string{"EHLO": "250 \xc3\x28\r\n", "QUIT": "221\r\n"}, nil, nil),
			`outcome=greeted code=220
"" -> "220 \x00nul \xff\xfe bad\r\n"
"EHLO scanner.test" -> "250 \xc3(\r\n"
"HELO scanner.test" -> "500 unknown\r\n"
"MAIL FROM:<>" -> "500 unknown\r\n"
"HELP" -> "500 unknown\r\n"
"VRFY postmaster" -> "500 unknown\r\n"
"QUIT" -> "221\r\n"
`},
		{"reset-mid-reply", func(c *net.TCPConn) {
			c.Write([]byte("220-first line\r\n220-sec"))
			time.Sleep(50 * time.Millisecond)
			c.SetLinger(0)
			c.Close()
		}, "outcome=greeted code=220 error=\"greeting: reset\"\n\"\" -> \"220-first line\\r\\n220-sec\" err=reset\n"},
		{"tls-instead-of-smtp", func(c *net.TCPConn) { c.Write([]byte(tlsHello)); c.Close() },
			"outcome=not-smtp code=0 error=\"greeting: closed\" protocol=tls\n\"\" -> \"\\x16\\x03\\x01\\x001\\x02\\x00\\x00-\\x03\\x01\\x00\\xff\" err=closed\n"},
		{"bare-lf-and-trailing-bytes", smtpServer("220 lf only\n", map[string]string{"QUIT": "221 bye\r\nextra"}, nil, nil),
			`outcome=greeted code=220
"" -> "220 lf only\n"
"EHLO scanner.test" -> "500 unknown\r\n"
"HELO scanner.test" -> "500 unknown\r\n"
"MAIL FROM:<>" -> "500 unknown\r\n"
"HELP" -> "500 unknown\r\n"
"VRFY postmaster" -> "500 unknown\r\n"
"QUIT" -> "221 bye\r\nextra" early=5
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ap := fakeServer(t, tt.handle)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			rec, el := scanOne(t, testScanner(), ap)
			runtime.ReadMemStats(&after)
			got := render(rec)
			if tt.name == "greeting-421" || tt.name == "http-server" {
				// The next command meets a closed socket: EOF or, when
				// our write drew a RST first, a reset. Either is right.
				got = strings.ReplaceAll(got, "reset", "closed")
			}
			if tt.want == "one-byte" {
				// The reply deadline (300ms) cuts it after about 6 bytes;
				// how many came depends on the scheduler, not what they are.
				g := rec.Greeting()
				if rec.Outcome != transcript.Greeted || len(rec.Steps) != 1 || rec.Steps[0].Err != "timeout" ||
					!strings.HasPrefix("220 slooooooooooooooooow\r\n", string(g)) || len(g) == 0 {
					t.Errorf("got\n%s", render(rec))
				}
			} else if !strings.HasSuffix(tt.want, "\n") {
				if !strings.HasPrefix(got, tt.want) {
					t.Errorf("got\n%s\nwant a record starting\n%s", got, tt.want)
				}
			} else if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if el > testLimits.Session+testLimits.Connect {
				t.Errorf("took %v, more than the limits allow", el)
			}
			// A 10 MB reply must not be read into memory: the cap is 4 KiB.
			if grew := after.TotalAlloc - before.TotalAlloc; tt.name == "ten-megabytes" && grew > 4<<20 {
				t.Errorf("allocated %d bytes for a capped reply", grew)
			}
		})
	}
}

// The exact bytes survive the archive: NUL, CR, invalid UTF-8.
func TestDialogueBytesRoundTrip(t *testing.T) {
	ap := fakeServer(t, smtpServer("220 \x00\r\xff\r\n", map[string]string{"QUIT": "221 \xfe\r\n"}, nil, nil))
	rec, _ := scanOne(t, testScanner(), ap)
	back := roundTrip(t, rec)
	if g, w := render(&back), render(rec); g != w {
		t.Errorf("round trip\ngot\n%s\nwant\n%s", g, w)
	}
}

func TestDialogueRefused(t *testing.T) {
	rec, _ := scanOne(t, testScanner(), refusedPort(t))
	if g := render(rec); g != "outcome=refused code=0\n" {
		t.Errorf("got %s", g)
	}
}
