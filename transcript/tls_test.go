package transcript

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// TestTLSRoundTrip: a record with a TLS session and encrypted steps is
// written and read back as it was; the chain is base64 in the archive.
func TestTLSRoundTrip(t *testing.T) {
	rec := &Record{Addr: "192.0.2.1", Outcome: Greeted, Code: 220,
		Steps: []Step{{Reply: []byte("220 mx\r\n")}, {Cmd: "STARTTLS", Reply: []byte("220 go\r\n")},
			{Cmd: "EHLO x", Reply: []byte("250 mx\r\n"), TLS: true}},
		TLS: &TLS{Mode: TLSStartTLS, Handshake: HandshakeOK, Version: "TLS 1.2", Cipher: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
			SNI: "mx.example", Chain: [][]byte{{0x30, 0x82, 0, 1}, {0x30, 0}}, Verify: VerifyExpired, VerifyErr: "x509: expired",
			Name: "mx.example", NameFrom: NamePTR}}
	var buf bytes.Buffer
	if err := NewWriter(&buf).Write(rec); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"chain":["MIIAAQ==","MAA="]`, `"tls":true`, `"name_from":"ptr"`} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("archive line lacks %s: %s", s, buf.String())
		}
	}
	back, err := decodeLine(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, rec) {
		t.Errorf("got %+v\nwant %+v", back, *rec)
	}
}

// TestOldArchiveHasNoTLS: a record from before TLS reads with no TLS.
func TestOldArchiveHasNoTLS(t *testing.T) {
	line := `{"addr":"192.0.2.1","time":"2001-09-27T00:00:00Z","outcome":"greeted","code":220,"dialogue":"smtpfp/1","steps":[{"cmd":"","reply":"220 mx\r\n"},{"cmd":"EHLO x","reply":"250 mx\r\n"}]}` + "\n"
	rec, err := decodeLine([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	if rec.TLS != nil || rec.Steps[1].TLS {
		t.Errorf("old record read with TLS: %+v", rec)
	}
}

func TestTLSValidate(t *testing.T) {
	for _, tt := range []struct {
		tls  string
		want string
	}{
		{`{"mode":"ssl","handshake":"ok"}`, `tls: unknown mode "ssl"`},
		{`{"mode":"starttls","handshake":"maybe"}`, `tls: unknown handshake outcome "maybe"`},
		{`{"mode":"starttls","handshake":"failed","chain":["MAA="]}`, `tls: handshake "failed" with a certificate chain`},
		{`{"mode":"starttls","handshake":"ok","verify":"fine"}`, `tls: unknown verify verdict "fine"`},
		{`{"mode":"implicit","handshake":"ok","name":"mx","name_from":"dns"}`, `tls: unknown name_from "dns"`},
		{`{"mode":"implicit","handshake":"ok","name":"mx"}`, `tls: "name" and "name_from" go together`},
	} {
		line := `{"addr":"192.0.2.1","outcome":"greeted","time":"2001-09-27T00:00:00Z","tls":` + tt.tls + "}\n"
		_, err := decodeLine([]byte(line))
		if want := tt.want; err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %s", tt.tls, err, want)
		}
	}
}
