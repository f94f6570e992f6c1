package report

import (
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/transcript"
)

// TestNotSMTPCountedApart: servers that answered in another protocol are
// not successful SMTP connections; the report counts each protocol on a
// line of its own.
func TestNotSMTPCountedApart(t *testing.T) {
	notSMTP := func(addr, proto string) *transcript.Record {
		r := rec(addr, transcript.NotSMTP, nil)
		r.Protocol = proto
		return r
	}
	text := archive(`{"survey":{"format":1,"population":"list","population_size":5}}`,
		rec("192.0.2.1", transcript.Greeted, class("sendmail", "UNIX Sendmail", "h")),
		notSMTP("192.0.2.2", transcript.ProtoTLS), notSMTP("192.0.2.3", transcript.ProtoTLS),
		notSMTP("192.0.2.4", transcript.ProtoSSH), notSMTP("192.0.2.5", transcript.ProtoHTTP))
	s := read(t, "x.jsonl", text, Options{})
	if s.Greeted() != 1 || s.Count(transcript.NotSMTP) != 4 || s.Reachable() != 5 {
		t.Errorf("greeted %d, not-smtp %d, reachable %d", s.Greeted(), s.Count(transcript.NotSMTP), s.Reachable())
	}
	var b strings.Builder
	if err := New(s, Config{}).WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2 connections were not SMTP (TLS)", "1 was not SMTP (SSH)", "1 was not SMTP (HTTP)", "There was 1 successful connection."} {
		if !strings.Contains(strings.Join(strings.Fields(b.String()), " "), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}
