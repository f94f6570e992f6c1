package scan

import (
	"bufio"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/rulebase"
)

// act is one move of a scripted server: wait for a command with verb
// after (none when ""), then write each chunk of send as a write of its
// own, 2ms apart, so the scanner sees them arrive apart.
type act struct {
	after string
	send  []string
}

// scripted plays acts in order, then closes (after draining what the
// client still sends, so the close is a FIN, not a reset).
func scripted(acts ...act) func(c *net.TCPConn) {
	return func(c *net.TCPConn) {
		defer c.Close()
		br := bufio.NewReader(c)
		for _, a := range acts {
			for a.after != "" {
				line, err := br.ReadString('\n')
				if err != nil {
					return
				}
				if strings.EqualFold(verb(strings.TrimSpace(line)), a.after) {
					break
				}
			}
			for i, chunk := range a.send {
				if i > 0 {
					time.Sleep(2 * time.Millisecond)
				}
				if _, err := c.Write([]byte(chunk)); err != nil {
					return
				}
			}
		}
		c.CloseWrite()
		c.SetReadDeadline(time.Now().Add(time.Second))
		br.WriteTo(io.Discard)
	}
}

// bytesOf splits s into one-byte chunks.
func bytesOf(s string) []string {
	out := make([]string, len(s))
	for i := range s {
		out[i] = s[i : i+1]
	}
	return out
}

// dialogueOf answers every command of the standard dialogue after the
// greeting, with the replies given by verb.
func dialogueOf(replies map[string][]string) []act {
	var acts []act
	for _, v := range []string{"EHLO", "HELO", "MAIL", "HELP", "VRFY", "QUIT"} {
		r, ok := replies[v]
		if !ok {
			r = []string{goodReplies[v]}
		}
		acts = append(acts, act{after: v, send: r})
	}
	return acts
}

// TestEarlyTalkers: however a server splits its bytes across writes, and
// whatever it sends before it is asked, every byte is filed under the step
// during which it came, in order; the early ones are marked; and every
// later command's reply is its own, QUIT's included.
func TestEarlyTalkers(t *testing.T) {
	standard := `"EHLO scanner.test" -> "250-mx.test hello scanner.test\r\n250-PIPELINING\r\n250 8BITMIME\r\n"
"HELO scanner.test" -> "250 mx.test\r\n"
"MAIL FROM:<>" -> "250 2.1.0 <>... Sender ok\r\n"
"HELP" -> "214-This is Sendmail version 8.12\r\n214 End of HELP info\r\n"
"VRFY postmaster" -> "252 Cannot VRFY user\r\n"
"QUIT" -> "221 2.0.0 closing connection\r\n"
`
	tests := []struct {
		name string
		acts []act
		want string
	}{
		{"greeting-and-extra-line-in-one-write",
			append([]act{{send: []string{"220 mx.test ESMTP\r\n250 one line too many\r\n"}}}, dialogueOf(nil)...),
			"outcome=greeted code=220\n" + `"" -> "220 mx.test ESMTP\r\n250 one line too many\r\n" early=23` + "\n" + standard},
		{"greeting-byte-by-byte",
			append([]act{{send: bytesOf("220-mx.test\r\n220 ESMTP\r\n")}}, dialogueOf(nil)...),
			"outcome=greeted code=220\n" + `"" -> "220-mx.test\r\n220 ESMTP\r\n"` + "\n" + standard},
		{"reply-byte-by-byte",
			append([]act{{send: []string{"220 mx.test\r\n"}}}, dialogueOf(map[string][]string{"EHLO": bytesOf(goodReplies["EHLO"])})...),
			"outcome=greeted code=220\n" + `"" -> "220 mx.test\r\n"` + "\n" + standard},
		{"multiline-split-mid-line",
			append([]act{{send: []string{"220 mx.test\r\n"}}}, dialogueOf(map[string][]string{
				"EHLO": {"250-mx.test hello scan", "ner.test\r\n250-PIPE", "LINING\r\n250 8BITMIME\r", "\n"}})...),
			"outcome=greeted code=220\n" + `"" -> "220 mx.test\r\n"` + "\n" + standard},
		{"code-split-from-text",
			append([]act{{send: []string{"2", "20", " mx.test\r", "\n"}}}, dialogueOf(nil)...),
			"outcome=greeted code=220\n" + `"" -> "220 mx.test\r\n"` + "\n" + standard},
		{"answers-the-next-command-before-it-is-sent",
			append([]act{{send: []string{"220 mx.test\r\n"}}}, dialogueOf(map[string][]string{
				"EHLO": {goodReplies["EHLO"] + "250 guessed HELO\r\n"}})...),
			"outcome=greeted code=220\n" + `"" -> "220 mx.test\r\n"` + "\n" +
				strings.Replace(standard, `250 8BITMIME\r\n"`, `250 8BITMIME\r\n250 guessed HELO\r\n" early=18`, 1)},
		{"bytes-after-quit",
			append([]act{{send: []string{"220 mx.test\r\n"}}}, dialogueOf(map[string][]string{
				"QUIT": {goodReplies["QUIT"], "421 and one more thing\r\n"}})...),
			"outcome=greeted code=220\n" + `"" -> "220 mx.test\r\n"` + "\n" +
				strings.Replace(standard, `closing connection\r\n"`, `closing connection\r\n421 and one more thing\r\n" early=24`, 1)},
		{"rejected-greeting-with-extra-line",
			[]act{{send: []string{"421 busy\r\n421 really busy\r\n"}}, {after: "QUIT", send: []string{"221 bye\r\n"}}},
			"outcome=rejected code=421\n" + `"" -> "421 busy\r\n421 really busy\r\n" early=17` + "\n" + `"QUIT" -> "221 bye\r\n"` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ap := fakeServer(t, scripted(tt.acts...))
			// Deadlines far above the drip's 2ms a write, so a loaded
			// machine does not turn a split reply into a timeout.
			s := testScanner()
			s.Limits.Read, s.Limits.Session = 5*time.Second, 20*time.Second
			rec, _ := scanOne(t, s, ap)
			if got := render(rec); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			// Every byte the server sent is in the record.
			var sent, kept int
			for _, a := range tt.acts {
				for _, c := range a.send {
					sent += len(c)
				}
			}
			for _, s := range rec.Steps {
				kept += len(s.Reply)
			}
			if sent != kept {
				t.Errorf("the server sent %d bytes, the record keeps %d", sent, kept)
			}
		})
	}
}

// TestNotSMTP: a server that answers in another protocol is "not-smtp"
// with the protocol named, not a greeted SMTP server, and is not
// classified.
func TestNotSMTP(t *testing.T) {
	for _, tt := range []struct {
		name, greeting, want string
	}{
		{"tls-alert", "\x15\x03\x03\x00\x02\x02\x46", "tls"},
		{"ssh", "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n", "ssh"},
		{"http-status", "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n", "http"},
		{"html", "<html><body>hello</body></html>\n", "http"},
		{"other", "* OK IMAP4rev1 ready\r\n", "other"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ap := fakeServer(t, scripted(act{send: []string{tt.greeting}}))
			s := testScanner()
			var classified bool
			s.Classifier = classifierFunc(func() { classified = true })
			rec, _ := scanOne(t, s, ap)
			if rec.Outcome != "not-smtp" || rec.Protocol != tt.want || len(rec.Steps) != 1 || string(rec.Steps[0].Reply) != tt.greeting {
				t.Errorf("got\n%s", render(rec))
			}
			if classified {
				t.Error("a not-smtp record was classified")
			}
		})
	}
}

// TestEarlyTalkerScopedRules: the case end to end. A server sends
// one line too many with its greeting; scoped rules still read each
// command's own reply, QUIT's included.
func TestEarlyTalkerScopedRules(t *testing.T) {
	rb, err := rulebase.Compile("t.fp", `rulebase "t" version "1"
view raw
label right "right"
label wrong "wrong"
helo ~ /^250 helo-reply\r\n$/ && quit ~ /^221 bye\r\n$/ -> right
helo ~ /ehlo-reply/ -> wrong
`)
	if err != nil {
		t.Fatal(err)
	}
	ap := fakeServer(t, scripted(append([]act{{send: []string{"220 mx.test\r\n250 one line too many\r\n"}}}, dialogueOf(map[string][]string{
		"EHLO": {"250 ehlo-reply\r\n"}, "HELO": {"250 helo-reply\r\n"}, "MAIL": {"250 ok\r\n"},
		"HELP": {"214 ok\r\n"}, "VRFY": {"252 ok\r\n"}, "QUIT": {"221 bye\r\n"}})...)...))
	s := testScanner()
	s.Limits.Read = 5 * time.Second
	s.Classifier = pipeline.NewClassifier(rb)
	rec, _ := scanOne(t, s, ap)
	if rec.Class == nil || rec.Class.Label != "right" {
		t.Errorf("classified %+v\n%s", rec.Class, render(rec))
	}
}
