package transcript

import (
	"bytes"
	"errors"
	"io"
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
	rd := NewReader("a.jsonl", &buf)
	for i, want := range replies {
		var rec Record
		if err := rd.Read(&rec); err != nil {
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
	var rec Record
	if err := rd.Read(&rec); err != io.EOF {
		t.Fatalf("want EOF, got %v", err)
	}
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
	var back Record
	if err := NewReader("x", &buf).Read(&back); err != nil || !bytes.Equal(back.Steps[0].Reply, reply) {
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

// TestReaderErrors: a malformed line names its record number (its line
// number) and the reader goes on with the next line.
func TestReaderErrors(t *testing.T) {
	in := strings.Join([]string{
		`{"survey":{"format":1,"population":"ipv4"}}`,
		`{"addr":"192.0.2.1","time":"2001-10-01T00:00:00Z","outcome":"timeout"}`,
		`{"addr":"192.0.2.2","outcome":`,
		``,
		`{"time":"2001-10-01T00:00:00Z","outcome":"timeout"}`,
		`{"addr":"192.0.2.3","outcome":"lost"}`,
		`{"addr":"192.0.2.4","outcome":"greeted","steps":[{"cmd":"","reply":"a","reply_b64":"YQ=="}]}`,
		`{"addr":"192.0.2.5","outcome":"greeted","steps":[{"cmd":"","reply_b64":"!!"}]}`,
		`{"addr":"192.0.2.6","outcome":"refused"}`,
	}, "\n")
	rd := NewReader("a.jsonl", strings.NewReader(in))
	var got []string
	for {
		var rec Record
		err := rd.Read(&rec)
		if err == io.EOF {
			break
		}
		var re *RecordError
		switch {
		case errors.As(err, &re):
			got = append(got, err.Error())
		case err != nil:
			t.Fatal(err)
		default:
			got = append(got, "ok "+rec.Addr)
		}
	}
	want := []string{
		"ok 192.0.2.1",
		"a.jsonl: record 3: invalid JSON at byte 30: unexpected end of JSON input",
		`a.jsonl: record 5: missing "addr"`,
		`a.jsonl: record 6: unknown outcome "lost"`,
		`a.jsonl: record 7: step has both "reply" and "reply_b64"`,
		"a.jsonl: record 8: reply_b64: illegal base64 data at input byte 0",
		"ok 192.0.2.6",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
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
	var back Record
	if err := NewReader("a.jsonl", &buf).Read(&back); err != nil {
		t.Fatal(err)
	}
	if back.Steps[0].Early != 11 || back.Steps[1].Early != 1 || !bytes.Equal(back.Steps[1].Reply, rec.Steps[1].Reply) {
		t.Errorf("got %+v", back.Steps)
	}
	bad := `{"addr":"192.0.2.1","outcome":"greeted","steps":[{"cmd":"","reply":"220\r\n","early":9}]}`
	err := NewReader("a.jsonl", strings.NewReader(bad)).Read(&back)
	if err == nil || err.Error() != `a.jsonl: record 1: "early" is 9, the reply has 5 bytes` {
		t.Errorf("got %v", err)
	}
}
