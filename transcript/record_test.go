package transcript

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestRoundTrip: every byte a server sends survives an archive, whatever
// it is: NUL, bare CR, bytes >= 0x80, invalid UTF-8, all 256 values.
func TestRoundTrip(t *testing.T) {
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	replies := [][]byte{
		[]byte("220 ok\r\n"),
		[]byte("220 nul\x00here\r\n"),
		[]byte("220 bare\rcr and bare\nlf\r\n"),
		[]byte("220 caf\xc3\xa9 is valid UTF-8\r\n"),
		[]byte("220 \xff\xfe invalid \xc3\r\n"),
		[]byte("\u2028<>&\"\\"),
		all,
		{},
	}
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for i, r := range replies {
		rec := Record{Addr: "192.0.2.1", Time: time.Unix(int64(i), 0).UTC(), Outcome: Greeted,
			Steps: []Step{{Cmd: "", Reply: r}, {Cmd: "QUIT", Reply: r, Err: "closed"}}}
		if err := w.Write(&rec); err != nil {
			t.Fatal(err)
		}
	}
	if bytes.Count(buf.Bytes(), []byte("\n")) != len(replies) {
		t.Fatalf("want one line per record:\n%s", buf.String())
	}
	lines := bytes.SplitAfter(buf.Bytes(), []byte("\n"))
	for i, want := range replies {
		rec, err := decodeLine(lines[i])
		if err != nil {
			t.Fatalf("record %d: %v", i+1, err)
		}
		for _, s := range rec.Steps {
			if !bytes.Equal(s.Reply, want) {
				t.Errorf("record %d: got %q, want %q", i+1, s.Reply, want)
			}
		}
		if rec.Steps[1].Err != "closed" || rec.Steps[1].Cmd != "QUIT" {
			t.Errorf("record %d: step fields lost: %+v", i+1, rec.Steps[1])
		}
	}
}

// decodeLine reads back one archive line as the pipeline (package
// pipeline, the record reader, which imports this one) decodes each:
// Decoder, then Validate.
func decodeLine(line []byte) (Record, error) {
	var d Decoder
	var rec Record
	err := d.Decode(bytes.TrimSuffix(line, []byte("\n")), &rec)
	if err == nil {
		err = rec.Validate()
	}
	return rec, err
}

// TestControlBytesBounded: a reply of control bytes, six bytes each as
// JSON escapes, costs at most 4/3 of its size in the archive.
func TestControlBytesBounded(t *testing.T) {
	reply := bytes.Repeat([]byte{1}, 1<<20)
	var buf bytes.Buffer
	rec := Record{Addr: "192.0.2.1", Outcome: Greeted, Steps: []Step{{Reply: reply}}}
	if err := NewWriter(&buf).Write(&rec); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > len(reply)*4/3+200 {
		t.Errorf("a %d-byte reply took %d bytes", len(reply), buf.Len())
	}
	if back, err := decodeLine(buf.Bytes()); err != nil || !bytes.Equal(back.Steps[0].Reply, reply) {
		t.Errorf("round trip: %v", err)
	}
}

func TestReplyEncoding(t *testing.T) {
	for _, tt := range []struct {
		reply []byte
		want  string
	}{
		{[]byte("220 x\r\n"), `{"cmd":"","reply":"220 x\r\n"}`},
		{[]byte("250 a NUL \x00 in a reply long enough\r\n"), `{"cmd":"","reply":"250 a NUL \u0000 in a reply long enough\r\n"}`},
		{[]byte("a\x00b"), `{"cmd":"","reply_b64":"YQBi"}`}, // escaped it would be longer than base64
		{[]byte("\x01\x02\x03\x04\x05\x06"), `{"cmd":"","reply_b64":"AQIDBAUG"}`},
		{[]byte("250 2.1.0 <>... Sender ok & more"), `{"cmd":"","reply":"250 2.1.0 <>... Sender ok & more"}`},
		{[]byte{0xff}, `{"cmd":"","reply_b64":"/w=="}`},
	} {
		b, err := Step{Reply: tt.reply}.MarshalJSON()
		if err != nil || string(b) != tt.want {
			t.Errorf("%q: got %s (%v), want %s", tt.reply, b, err, tt.want)
		}
	}
}

// TestEarlyRoundTrip: a step's count of bytes sent unasked survives the
// archive, and a count the reply cannot hold is a malformed record.
func TestEarlyRoundTrip(t *testing.T) {
	rec := Record{Addr: "192.0.2.1", Outcome: Greeted, Steps: []Step{
		{Reply: []byte("220 hi\r\n250 extra\r\n"), Early: 11},
		{Cmd: "QUIT", Reply: []byte("221 bye\r\n\xff"), Early: 1},
	}}
	var buf bytes.Buffer
	if err := NewWriter(&buf).Write(&rec); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"early":11`) {
		t.Errorf("no early count in %s", buf.String())
	}
	back, err := decodeLine(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if back.Steps[0].Early != 11 || back.Steps[1].Early != 1 || !bytes.Equal(back.Steps[1].Reply, rec.Steps[1].Reply) {
		t.Errorf("got %+v", back.Steps)
	}
	bad := `{"addr":"192.0.2.1","outcome":"greeted","steps":[{"cmd":"","reply":"220\r\n","early":9}]}`
	_, err = decodeLine([]byte(bad))
	if err == nil || err.Error() != `"early" is 9, the reply has 5 bytes` {
		t.Errorf("got %v", err)
	}
}

// TestClone: a clone shares no memory with its record: changing every
// slice and pointer of one leaves the other as it was, and an empty reply
// stays empty, not nil.
func TestClone(t *testing.T) {
	mk := func() Record {
		relay := true
		return Record{Addr: "192.0.2.1", Outcome: Greeted, Relay: &relay,
			Steps: []Step{{Reply: []byte("220 hi\r\n")}, {Cmd: "QUIT", Reply: []byte{}}},
			Class: &Class{Label: "qmail", OS: []string{"UNIX"}},
			TLS:   &TLS{Mode: TLSStartTLS, ALPN: []string{"smtp"}, Chain: [][]byte{{1, 2}}}}
	}
	rec, want := mk(), mk()
	c := rec.Clone()
	if !reflect.DeepEqual(c, want) || c.Steps[1].Reply == nil {
		t.Fatalf("clone %+v, want %+v", c, want)
	}
	c.Steps[0].Reply[0] = 'X'
	c.Steps[1].Cmd = "HELP"
	c.Class.OS[0] = "Windows"
	c.Class.Label = "x"
	*c.Relay = false
	c.TLS.ALPN[0] = "h2"
	c.TLS.Chain[0][0] = 9
	if !reflect.DeepEqual(rec, want) {
		t.Errorf("changing the clone changed the record: %+v", rec)
	}
}
