package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"crypto/x509/pkix"

	"github.com/smtpfp/smtpfp/scan/tlsfleet"
	"github.com/smtpfp/smtpfp/transcript"
)

// tlsArchive writes an archive of greeted records: one that offers no
// STARTTLS, one refused, one failed handshake and one handshake per
// certificate given (leaf DER, with its verdict).
func tlsArchive(t *testing.T, at time.Time, leaves [][]byte, verdicts []string) string {
	t.Helper()
	greet := transcript.Step{Reply: []byte("220 mx ESMTP\r\n")}
	ehlo := func(starttls bool) transcript.Step {
		r := "250-mx\r\n250 8BITMIME\r\n"
		if starttls {
			r = "250-mx\r\n250-STARTTLS\r\n250 8BITMIME\r\n"
		}
		return transcript.Step{Cmd: "EHLO scanner", Reply: []byte(r)}
	}
	recs := []*transcript.Record{
		{Addr: "192.0.2.1", Outcome: transcript.Greeted, Steps: []transcript.Step{greet, ehlo(false)}},
		{Addr: "192.0.2.2", Outcome: transcript.Greeted, Steps: []transcript.Step{greet, ehlo(true)},
			TLS: &transcript.TLS{Mode: transcript.TLSStartTLS, Handshake: transcript.HandshakeRefused, Error: "reply 454"}},
		{Addr: "192.0.2.3", Outcome: transcript.Greeted, Steps: []transcript.Step{greet, ehlo(true)},
			TLS: &transcript.TLS{Mode: transcript.TLSStartTLS, Handshake: transcript.HandshakeFailed, Error: "reset"}},
	}
	for i, der := range leaves {
		recs = append(recs, &transcript.Record{Addr: "192.0.2.10", Outcome: transcript.Greeted,
			Steps: []transcript.Step{greet, ehlo(true), {Cmd: "EHLO scanner", Reply: []byte("250 mx\r\n"), TLS: true}},
			TLS: &transcript.TLS{Mode: transcript.TLSStartTLS, Handshake: transcript.HandshakeOK, Version: "TLS 1.2",
				Cipher: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", Chain: [][]byte{der}, Verify: verdicts[i],
				SelfSigned: verdicts[i] == transcript.VerifySelfSigned, Name: "mx.fleet.test", NameFrom: transcript.NamePTR}})
	}
	var b bytes.Buffer
	b.WriteString(`{"survey":{"format":1,"population":"list","population_size":100,"tls":"starttls"}}` + "\n")
	w := transcript.NewWriter(&b)
	for _, r := range recs {
		r.Time = at
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

func TestTLSSummary(t *testing.T) {
	ca, err := tlsfleet.NewCA()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	day := 24 * time.Hour
	var leaves [][]byte
	for _, c := range []struct {
		from, to time.Duration
		rsa      int
	}{{-day, 60 * day, 2048}, {-day, 500 * day, 0}, {-9 * day, -day, 0}} {
		c2, err := ca.Leaf(tlsfleet.Name, now.Add(c.from), now.Add(c.to), c.rsa, pkix.Name{})
		if err != nil {
			t.Fatal(err)
		}
		leaves = append(leaves, c2.Certificate[0])
	}
	text := tlsArchive(t, now, leaves, []string{transcript.VerifyValid, transcript.VerifySelfSigned, transcript.VerifyExpired})
	s, err := ReadArchive("tls.jsonl", strings.NewReader(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := &TLSSummary{Mode: "starttls", EHLO: 6, Offered: 5, Tried: 5, OK: 3, Failed: 1, Refused: 1,
		Versions:   map[string]int64{"TLS 1.2": 3},
		Ciphers:    map[string]int64{"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256": 3},
		Verify:     map[string]int64{"valid": 1, "self-signed": 1, "expired": 1},
		NameFrom:   map[string]int64{"ptr": 3},
		Keys:       map[string]int64{"RSA 2048": 1, "ECDSA P-256": 2},
		SelfSigned: 1,
		Expiry:     map[string]int64{"expired": 1, "30 to 90 days": 1, "1 to 2 years": 1},
		Errors:     map[string]int64{"reset": 1}}
	if !reflect.DeepEqual(s.TLS, want) {
		t.Errorf("got %+v\nwant %+v", s.TLS, want)
	}
	// Shards add up; the JSON report carries the counts and the shares.
	m, err := Merge(s, s)
	if err != nil {
		t.Fatal(err)
	}
	if m.TLS.OK != 6 || m.TLS.Keys["ECDSA P-256"] != 4 || m.TLS.Verify["valid"] != 2 {
		t.Errorf("merged: %+v", m.TLS)
	}
	var js bytes.Buffer
	if err := New(s, Config{}).WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Summary struct{ TLS *TLSSummary } `json:"summary"`
		TLS     *TLSShares                `json:"tls"`
	}
	if err := json.Unmarshal(js.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Summary.TLS, want) {
		t.Errorf("JSON summary.tls %+v", got.Summary.TLS)
	}
	if sh := got.TLS.OK; sh.Count != 3 || sh.Of != 5 || !(sh.Low < 0.6 && 0.6 < sh.High) {
		t.Errorf("JSON tls.ok %+v", sh)
	}
	if sh := got.TLS.Offered; sh.Count != 5 || sh.Of != 6 {
		t.Errorf("JSON tls.starttls_offered %+v", sh)
	}
	// Compared with a previous survey (here itself, merged twice).
	var cmp strings.Builder
	if err := New(s, Config{Previous: []*Summary{m}}).WriteText(&cmp); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"The previous survey: 10 of 12 (83%).", "The previous survey: 6 of 10 handshakes succeeded (60%).",
		"The previous survey: 2 of 6 verified (33%), 2 self-signed (33%)."} {
		if !strings.Contains(strings.Join(strings.Fields(cmp.String()), " "), want) {
			t.Errorf("comparison lacks %q:\n%s", want, cmp.String())
		}
	}
	// The CSV report has a row for each.
	var csvOut bytes.Buffer
	if err := New(s, Config{}).WriteCSV(&csvOut); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"current,tls,offered,STARTTLS offered,5,6,83.3,,,\n", "current,tls,ok,handshake made,3,5,60.0,,,\n",
		"current,tls,verify:self-signed,self-signed,1,3,33.3,,,\n", "current,tls,key:RSA 2048,RSA 2048,1,3,33.3,,,\n",
		"current,tls,expiry:expired,expired,1,3,33.3,,,\n"} {
		if !strings.Contains(csvOut.String(), want) {
			t.Errorf("CSV lacks %q:\n%s", want, csvOut.String())
		}
	}
	// The HTML report charts them.
	var page bytes.Buffer
	if err := New(s, Config{}).WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`id="chart-tls-outcomes"`, `data-label="handshake made" data-value="3" data-share="60.0"`,
		`data-label="self-signed" data-value="1"`, `data-label="RSA 2048" data-value="1"`, `data-label="1 to 2 years" data-value="1"`} {
		if !strings.Contains(page.String(), want) {
			t.Errorf("HTML report lacks %s", want)
		}
	}
}

// TestNoTLSSection: a survey without TLS has no TLS summary, though its
// servers offer STARTTLS.
func TestNoTLSSection(t *testing.T) {
	text := tlsArchive(t, time.Now(), nil, nil)
	text = strings.Replace(text, `,"tls":"starttls"`, "", 1)
	var keep []string
	for _, l := range strings.Split(strings.TrimSpace(text), "\n") {
		if !strings.Contains(l, `"tls":{`) {
			keep = append(keep, l)
		}
	}
	s, err := ReadArchive("plain.jsonl", strings.NewReader(strings.Join(keep, "\n")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.TLS != nil {
		t.Errorf("TLS summary of a survey without TLS: %+v", s.TLS)
	}
	var b strings.Builder
	if err := New(s, Config{}).WriteText(&b); err != nil || strings.Contains(b.String(), "STARTTLS") {
		t.Errorf("text report speaks of STARTTLS (%v):\n%s", err, b.String())
	}
}
