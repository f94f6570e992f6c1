package transcript_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/smtpfp/smtpfp/corpus"
	"github.com/smtpfp/smtpfp/transcript"
)

// decodeSeeds are the corner cases the differential test starts from
// (testdata/fuzz/FuzzDecode holds more, found by fuzzing): the bytes a
// reply may hold, every escape, lone and paired surrogates, both reply
// forms, unknown fields, keys in another case, duplicate keys, nulls,
// wrong types, numbers that are not plain integers, and broken JSON.
var decodeSeeds = []string{
	`{"addr":"192.0.2.7","port":25,"ptr":"mail.example.","ptr_status":"ok","time":"2001-10-01T12:00:00Z","outcome":"greeted","code":220,"dialogue":"smtpfp/1","steps":[{"cmd":"","reply":"220 mail.example ESMTP Postfix\r\n"},{"cmd":"EHLO survey.example","reply":"250-mail.example\r\n250 8BITMIME\r\n"},{"cmd":"QUIT","reply_b64":"MjIxIGJ5ZQ0K/w=="}],"class":{"label":"postfix","name":"UNIX Postfix","os":["UNIX"],"rule":57,"line":121,"rulebase":"djb2001","rulebase_version":"2001-10-04","rulebase_hash":"sha256:ab"},"relay":false}`,
	`{"addr":"a","outcome":"greeted","steps":[{"cmd":"","reply":"nul\u0000 bare\rcr \u00e9\u2028 \ud83d\ude00 \"\\\/\b\f\n\t"}]}`,
	`{"addr":"a","outcome":"greeted","steps":[{"cmd":"","reply":"lone \ud800 surrogate"}]}`,
	`{"addr":"a","outcome":"greeted","steps":[{"cmd":"","reply":"lone low \udc00"}]}`,
	`{"addr":"a","outcome":"greeted","steps":[{"cmd":"","reply":"bad pair \ud800\u0041"}]}`,
	"{\"addr\":\"a\",\"outcome\":\"greeted\",\"steps\":[{\"cmd\":\"\",\"reply\":\"raw invalid \xff\xfe utf-8\"}]}",
	"{\"addr\":\"a\",\"outcome\":\"greeted\",\"steps\":[{\"cmd\":\"\",\"reply\":\"raw control \x01\"}]}",
	`{"addr":"a","outcome":"greeted","steps":[{"cmd":"","reply":""},{"cmd":"X","reply_b64":""},{"cmd":"Y"},{}]}`,
	`{"addr":"a","outcome":"greeted","steps":[{"cmd":"","reply":"x","reply_b64":"eA=="}]}`,
	`{"addr":"a","outcome":"greeted","steps":[{"cmd":"","reply_b64":"not base64!"}]}`,
	`{"addr":"a","outcome":"greeted","steps":[{"cmd":"","reply_b64":"eA\u003d\u003d"}]}`,
	`{"addr":"a","outcome":"greeted","steps":[]}`,
	`{"addr":"a","outcome":"greeted","steps":[{"cmd":"","reply":"220 x\r\n","early":3,"tls":true},{"cmd":"QUIT","reply":"","tls":false,"early":0}]}`,
	`{"addr":"a","outcome":"greeted","steps":[{"cmd":"","reply":"ab","early":3}]}`,
	`{"addr":"a","outcome":"greeted","steps":[{"cmd":"","reply":"ab","early":-1}]}`,
	`{"addr":"a","outcome":"greeted","steps":[{"cmd":"","reply":"ab","early":null,"tls":null}]}`,
	`{"addr":"a","outcome":"greeted","steps":[{"cmd":"","reply":"ab","early":1.0}]}`,
	`{"addr":"a","outcome":"greeted","steps":[{"cmd":"","reply":"ab","tls":"yes"}]}`,
	`{"addr":"a","outcome":"greeted","steps":[{"cmd":"","reply":"ab","tls":true,"tls":false}]}`,
	`{"addr":"a","outcome":"not-smtp","protocol":"ssh"}`,
	`{"addr":"a","outcome":"greeted","tls":{"mode":"starttls","handshake":"ok","version":"TLS 1.3","cipher":"TLS_AES_128_GCM_SHA256","sni":"mx.example","alpn":["x","y"],"alpn_negotiated":"x","chain":["MIIB","","AAEC\r\nAw=="],"self_signed":true,"verify":"self-signed","verify_error":"x509: self","name":"mx.example","name_from":"ptr"}}`,
	`{"addr":"a","outcome":"greeted","tls":{"mode":"starttls","handshake":"refused","error":"454","alpn":[],"chain":[]}}`,
	`{"addr":"a","outcome":"greeted","tls":null}`,
	`{"addr":"a","outcome":"greeted","tls":{"mode":"starttls","handshake":"ok","chain":["not base64"]}}`,
	`{"addr":"a","outcome":"greeted","tls":{"mode":"starttls","handshake":"ok","chain":[null]}}`,
	`{"addr":"a","outcome":"greeted","tls":{"mode":"starttls","handshake":"ok","chain":null,"alpn":null}}`,
	`{"addr":"a","outcome":"greeted","tls":{"mode":"starttls","mode":"implicit","handshake":"ok"}}`,
	`{"addr":"a","outcome":"greeted","tls":{"mode":"bogus","handshake":"ok","self_signed":1}}`,
	`{"addr":"a","outcome":"greeted","tls":{"Mode":"starttls","handshake":"ok","extra":1}}`,
	`{"addr":"a","outcome":"greeted","steps":null}`,
	`{"addr":"a","outcome":"greeted","steps":[null]}`,
	`{"addr":"a","outcome":"timeout","unknown":{"x":[1,2,{"y":null}]}}`,
	`{"ADDR":"a","Outcome":"timeout"}`,
	`{"addr":"a","addr":"b","outcome":"timeout"}`,
	`{"addr":"a","outcome":"greeted","class":{"label":"x","rule":1},"class":{"name":"y"}}`,
	`{"addr":"a","outcome":"greeted","class":null,"relay":null}`,
	`{"addr":"a","outcome":"greeted","class":{"os":[]},"relay":true}`,
	`{"addr":"a","outcome":"timeout","port":"25"}`,
	`{"addr":"a","outcome":"timeout","port":25.0}`,
	`{"addr":"a","outcome":"timeout","port":1e2}`,
	`{"addr":"a","outcome":"timeout","port":-0}`,
	`{"addr":"a","outcome":"timeout","port":025}`,
	`{"addr":"a","outcome":"timeout","port":99999999999999999999}`,
	`{"addr":"a","outcome":"timeout","port":null,"code":null}`,
	`{"addr":7,"outcome":"timeout"}`,
	`{"addr":"a","outcome":"timeout","time":"2001-10-01"}`,
	`{"addr":"a","outcome":"timeout","time":"2001-10-01T12:00:00+02:00"}`,
	`{"addr":"a","outcome":"timeout","time":null}`,
	`{"addr":"a","outcome":"timeout","time":"2001-10-01T12:00:00\u005a"}`,
	`{"addr":"a","outcome":"timeout","time":"2001-10-01T12:59:59Z"}`,
	`{"addr":"a","outcome":"timeout","time":"2001-10-01T12:60:00Z"}`,
	`{"addr":"a","outcome":"timeout","time":"2001-10-01T12:00:60Z"}`,
	`{"addr":"a","outcome":"timeout","time":"2001-10-01T24:00:00Z"}`,
	`{"addr":"a","outcome":"timeout","time":"2001-10-01T12:00:00.5Z"}`,
	`{"addr":"a","outcome":"timeout","time":"2001-10-01T1:00:00Z"}`,
	`{"addr":"a","outcome":"timeout","time":"2000-02-29T00:00:00Z"}`,
	`{"addr":"a","outcome":"timeout","time":"2001-02-29T00:00:00Z"}`,
	`{"addr":"a","outcome":"timeout","time":"1900-02-29T00:00:00Z"}`,
	`{"addr":"a","outcome":"timeout","time":"0000-01-01T00:00:00Z"}`,
	`{"addr":"a","outcome":"timeout","time":"2001-13-01T00:00:00Z"}`,
	`{"addr":"a","outcome":"timeout","time":"2001-12-31T23:59:59Z"}`,
	`{"addr":"a","outcome":"timeout","time":"2001-12-00T00:00:00Z"}`,
	`{"addr":"a","outcome":"timeout","time":"2001-10-01T12:0a:00Z"}`,
	`{"addr":"a","outcome":"timeout","relay":"yes"}`,
	` { "addr" : "a" , "outcome" : "timeout" } `,
	`{"addr":"a","outcome":"timeout"} x`,
	`{"addr":"a","outcome":"timeout"`,
	`{"addr":"a",}`,
	`{}`,
	`[]`,
	`null`,
	``,
	`{"addr":"a\`,
	`{"addr":"a","outcome":"greeted","steps":[{"cmd":"","reply":"x"},]}`,
	`{"addr":"a","outcome":"greeted","class":{"os":["UNIX",]}}`,
}

// check decodes in both ways and fails unless they agree exactly: both
// reject it with the same message, or both give the same record. The
// fast decoder's arena must also survive a second record decoded after
// it.
func check(t *testing.T, d *transcript.Decoder, in []byte) {
	t.Helper()
	var want, got, other transcript.Record
	errW := json.Unmarshal(in, &want)
	errG := d.Decode(in, &got)
	if (errW == nil) != (errG == nil) || (errW != nil && errW.Error() != errG.Error()) {
		t.Fatalf("%q: encoding/json says %v, Decoder says %v", in, errW, errG)
	}
	if errW != nil {
		return
	}
	if err := d.Decode([]byte(decodeSeeds[0]), &other); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("%q:\nencoding/json: %#v\nDecoder:       %#v", in, want, got)
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range decodeSeeds {
		f.Add([]byte(s))
	}
	d := &transcript.Decoder{}
	f.Fuzz(func(t *testing.T, in []byte) {
		d.Reset()
		check(t, d, in)
	})
}

// TestDecodeSeeds runs the corner cases in every `go test`, and checks
// that the ones a scanner writes take the fast path: a decoder that
// always fell back to encoding/json would be exact too, and slow.
func TestDecodeSeeds(t *testing.T) {
	d := &transcript.Decoder{}
	for _, s := range decodeSeeds {
		check(t, d, []byte(s))
	}
	for i, s := range []string{decodeSeeds[0], decodeSeeds[1], decodeSeeds[7], decodeSeeds[11], decodeSeeds[12], decodeSeeds[19], decodeSeeds[20], decodeSeeds[21], decodeSeeds[22], decodeSeeds[36], decodeSeeds[64]} {
		before := d.Fast
		var r transcript.Record
		if err := d.Decode([]byte(s), &r); err != nil {
			t.Fatal(err)
		}
		if d.Fast != before+1 {
			t.Errorf("seed %d fell back to encoding/json: %s", i, s)
		}
	}
}

// TestDecodeWritten: every record the Writer writes (the generator's
// varied transcripts, with NUL, CR, invalid UTF-8 in base64, classes)
// decodes on the fast path to the record written.
func TestDecodeWritten(t *testing.T) {
	recs := corpus.Generate(7, 3000)
	var buf bytes.Buffer
	w := transcript.NewWriter(&buf)
	for i := range recs {
		if st := recs[i].Steps; i%7 == 0 && len(st) > 0 {
			st[0].Early = min(3, len(st[0].Reply))
			st[len(st)-1].TLS = true
		}
		if i%11 == 0 {
			recs[i].Protocol = "tls"
		}
		if i%13 == 0 {
			recs[i].TLS = &transcript.TLS{Mode: transcript.TLSStartTLS, Handshake: transcript.HandshakeOK,
				Version: "TLS 1.2", Cipher: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", SNI: recs[i].PTR,
				Chain: [][]byte{[]byte(fmt.Sprint("cert ", i)), {0, 1, 0xff}}, SelfSigned: i%2 == 0,
				Verify: transcript.VerifySelfSigned, VerifyErr: "x509: certificate signed by unknown authority",
				Name: "mx.example", NameFrom: transcript.NamePTR}
		}
		if i%3 == 0 {
			recs[i].Class = &transcript.Class{Label: "x", Name: "UNIX X", OS: []string{"UNIX"}, Rule: i, Line: 2 * i,
				Rulebase: "r", RulesVer: "1", Hash: "sha256:00", Version: fmt.Sprint(i)}
		}
		if err := w.Write(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	d := &transcript.Decoder{}
	lines := bytes.Split(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), []byte("\n"))
	got := make([]transcript.Record, len(lines))
	for i, l := range lines {
		if err := d.Decode(l, &got[i]); err != nil {
			t.Fatalf("record %d: %v", i+1, err)
		}
	}
	if d.Fast != len(lines) {
		t.Errorf("%d of %d records took the fast path", d.Fast, len(lines))
	}
	for i := range got {
		var want transcript.Record
		if err := json.Unmarshal(lines[i], &want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(want, got[i]) {
			t.Fatalf("record %d:\nencoding/json: %#v\nDecoder:       %#v", i+1, want, got[i])
		}
	}
}

// TestDecodeStringsStay: a record's strings stay valid after Reset and
// any number of records decoded after it (they are cut from chunks that
// are never written again where a string was cut).
func TestDecodeStringsStay(t *testing.T) {
	recs := corpus.Generate(3, 2000)
	for i := range recs {
		if i%5 == 0 {
			recs[i].Error = fmt.Sprintf("dial tcp %s:25: i/o timeout %d", recs[i].Addr, i)
		}
	}
	var buf bytes.Buffer
	w := transcript.NewWriter(&buf)
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	lines := bytes.Split(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), []byte("\n"))
	d := &transcript.Decoder{}
	type strs struct{ addr, ptr, err, outcome string }
	got := make([]strs, len(lines))
	var cmds [][]string
	for i, l := range lines {
		d.Reset()
		var r transcript.Record
		if err := d.Decode(l, &r); err != nil {
			t.Fatal(err)
		}
		got[i] = strs{r.Addr, r.PTR, r.Error, string(r.Outcome)}
		var c []string
		for _, s := range r.Steps {
			c = append(c, s.Cmd)
		}
		cmds = append(cmds, c)
	}
	for i, l := range lines {
		var r transcript.Record
		if err := json.Unmarshal(l, &r); err != nil {
			t.Fatal(err)
		}
		if want := (strs{r.Addr, r.PTR, r.Error, string(r.Outcome)}); got[i] != want {
			t.Fatalf("record %d: strings became %+v, want %+v", i+1, got[i], want)
		}
		for j, s := range r.Steps {
			if cmds[i][j] != s.Cmd {
				t.Fatalf("record %d step %d: command became %q, want %q", i+1, j, cmds[i][j], s.Cmd)
			}
		}
	}
}
