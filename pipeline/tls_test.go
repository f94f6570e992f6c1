package pipeline

import (
	"testing"

	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/transcript"
)

// TestTLSScopes: rules see the reply to STARTTLS and the EHLO inside TLS
// as scopes of their own; the first EHLO's rules do not see the second.
func TestTLSScopes(t *testing.T) {
	rb, err := rulebase.Compile("tls.fp", `rulebase "tls" version "1"
view raw
label authtls "AUTH only inside TLS"
label injected "bytes after the STARTTLS 220"
label plain "plain"
starttls ~ /^220 [^\r]*\r\n./ -> injected
tls_ehlo ~ /\r\n250-AUTH / && !(ehlo ~ /AUTH/) -> authtls
default -> plain
`)
	if err != nil {
		t.Fatal(err)
	}
	steps := func(startReply string) []transcript.Step {
		return []transcript.Step{{Reply: []byte("220 mx\r\n")},
			{Cmd: "EHLO a", Reply: []byte("250-mx\r\n250 STARTTLS\r\n")},
			{Cmd: "STARTTLS", Reply: []byte(startReply)},
			{Cmd: "EHLO a", Reply: []byte("250-mx\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n"), TLS: true}}
	}
	for _, tt := range []struct {
		steps []transcript.Step
		want  string
	}{
		{steps("220 go ahead\r\n"), "authtls"},
		{steps("220 go ahead\r\n250 injected\r\n"), "injected"},
		// Without STARTTLS the second EHLO is an ehlo like the first.
		{[]transcript.Step{{Reply: []byte("220 mx\r\n")}, {Cmd: "EHLO a", Reply: []byte("250-mx\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n"), TLS: true}}, "plain"},
	} {
		rec := &transcript.Record{Addr: "192.0.2.1", Outcome: transcript.Greeted, Steps: tt.steps}
		Classify(rb, rec)
		if rec.Class == nil || rec.Class.Label != tt.want {
			t.Errorf("%q: got %+v, want %s", tt.steps[len(tt.steps)-1].Reply, rec.Class, tt.want)
		}
	}
}
