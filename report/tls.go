package report

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/smtpfp/smtpfp/transcript"
)

// TLSSummary counts what a survey learned of STARTTLS and certificates
// (smtpscan --starttls or --smtps). Offered is counted from the first
// EHLO reply of every greeted record, so it is known for any survey; the
// rest only for records the scanner tried TLS with. The maps are keyed by
// the archive's words (protocol versions as crypto/tls names them,
// verdicts as transcript.Verdicts) and merge by adding.
type TLSSummary struct {
	Mode       string           `json:"mode,omitempty"`   // what the survey header says was tried (transcript.TLSStartTLS, TLSImplicit)
	EHLO       int64            `json:"ehlo_answered"`    // greeted records whose plaintext EHLO got a 250 reply
	Offered    int64            `json:"starttls_offered"` // of them, those that advertised STARTTLS
	Tried      int64            `json:"tried"`            // records with a TLS attempt (STARTTLS sent, or an implicit-TLS handshake)
	OK         int64            `json:"ok"`               // of them, handshakes made
	Failed     int64            `json:"failed"`           // handshakes that failed
	Refused    int64            `json:"refused"`          // STARTTLS answered other than 220
	Versions   map[string]int64 `json:"versions,omitempty"`
	Ciphers    map[string]int64 `json:"ciphers,omitempty"`
	Verify     map[string]int64 `json:"verify,omitempty"`    // verdict of each handshake made
	NameFrom   map[string]int64 `json:"name_from,omitempty"` // where the name checked came from ("" none)
	Keys       map[string]int64 `json:"keys,omitempty"`      // the leaf's key: "RSA 2048", "ECDSA P-256", "Ed25519"
	SelfSigned int64            `json:"self_signed"`         // handshakes whose leaf signs itself
	Expiry     map[string]int64 `json:"expiry,omitempty"`    // the leaf's NotAfter from the time of the session, by expiryBuckets
	Errors     map[string]int64 `json:"errors,omitempty"`    // failed handshakes by their error
}

// expiryBuckets are the rows of the expiry distribution, in order.
var expiryBuckets = []string{"expired", "within 30 days", "30 to 90 days", "90 days to 1 year", "1 to 2 years", "over 2 years", "unparsable"}

func expiryBucket(left time.Duration) string {
	day := 24 * time.Hour
	switch {
	case left < 0:
		return expiryBuckets[0]
	case left < 30*day:
		return expiryBuckets[1]
	case left < 90*day:
		return expiryBuckets[2]
	case left < 365*day:
		return expiryBuckets[3]
	case left < 2*365*day:
		return expiryBuckets[4]
	}
	return expiryBuckets[5]
}

// keyWords names a certificate's public key as reports print it.
func keyWords(c *x509.Certificate) string {
	switch k := c.PublicKey.(type) {
	case *rsa.PublicKey:
		return fmt.Sprintf("RSA %d", k.N.BitLen())
	case *ecdsa.PublicKey:
		return "ECDSA " + k.Curve.Params().Name
	case ed25519.PublicKey:
		return "Ed25519"
	}
	return c.PublicKeyAlgorithm.String()
}

// addTLS counts one record's STARTTLS offer and TLS session.
func (s *Summary) addTLS(rec *transcript.Record) {
	offered, answered := false, false
	if rec.Outcome == transcript.Greeted {
		for _, st := range rec.Steps {
			if !st.TLS && strings.HasPrefix(st.Cmd, "EHLO ") {
				answered = transcript.ReplyCode(st.Reply) == 250
				offered = answered && advertises(st.Reply, "STARTTLS")
				break
			}
		}
	}
	if !answered && rec.TLS == nil {
		return
	}
	t := s.tlsSummary()
	if answered {
		t.EHLO++
		if offered {
			t.Offered++
		}
	}
	tl := rec.TLS
	if tl == nil {
		return
	}
	t.Tried++
	switch tl.Handshake {
	case transcript.HandshakeFailed:
		t.Failed++
		inc(&t.Errors, tl.Error)
		return
	case transcript.HandshakeRefused:
		t.Refused++
		return
	}
	t.OK++
	inc(&t.Versions, tl.Version)
	inc(&t.Ciphers, tl.Cipher)
	inc(&t.Verify, tl.Verify)
	inc(&t.NameFrom, tl.NameFrom)
	if tl.SelfSigned {
		t.SelfSigned++
	}
	if len(tl.Chain) == 0 {
		return
	}
	leaf, err := x509.ParseCertificate(tl.Chain[0])
	if err != nil {
		inc(&t.Keys, "unparsable")
		inc(&t.Expiry, "unparsable")
		return
	}
	inc(&t.Keys, keyWords(leaf))
	inc(&t.Expiry, expiryBucket(leaf.NotAfter.Sub(rec.Time)))
}

// advertises reports whether a 250 reply to EHLO lists keyword kw on a
// line after its first.
func advertises(reply []byte, kw string) bool {
	lines := strings.Split(string(reply), "\n")
	for _, l := range lines[1:] {
		l = strings.TrimRight(l, "\r")
		if len(l) < 4 || !strings.HasPrefix(l, "250") {
			continue
		}
		if w, _, _ := strings.Cut(strings.TrimSpace(l[4:]), " "); strings.EqualFold(w, kw) {
			return true
		}
	}
	return false
}

func (s *Summary) tlsSummary() *TLSSummary {
	if s.TLS == nil {
		s.TLS = &TLSSummary{}
	}
	return s.TLS
}

func inc(m *map[string]int64, k string) {
	if *m == nil {
		*m = map[string]int64{}
	}
	(*m)[k]++
}

// keepTLS drops the TLS summary of a survey that tried no TLS: whether
// servers offer STARTTLS is worth a section only beside what came of it.
func (s *Summary) keepTLS() {
	if s.TLS != nil && s.TLS.Tried == 0 && s.TLS.Mode == "" {
		s.TLS = nil
	}
}

// mergeTLS adds b's counts to a (either may be nil).
func mergeTLS(a, b *TLSSummary) *TLSSummary {
	if b == nil {
		return a
	}
	if a == nil {
		a = &TLSSummary{}
	}
	if a.Mode == "" {
		a.Mode = b.Mode
	}
	a.EHLO += b.EHLO
	a.Offered += b.Offered
	a.Tried += b.Tried
	a.OK += b.OK
	a.Failed += b.Failed
	a.Refused += b.Refused
	a.SelfSigned += b.SelfSigned
	for _, m := range []struct {
		to   *map[string]int64
		from map[string]int64
	}{
		{&a.Versions, b.Versions}, {&a.Ciphers, b.Ciphers}, {&a.Verify, b.Verify}, {&a.NameFrom, b.NameFrom},
		{&a.Keys, b.Keys}, {&a.Expiry, b.Expiry}, {&a.Errors, b.Errors},
	} {
		for k, n := range m.from {
			if *m.to == nil {
				*m.to = map[string]int64{}
			}
			(*m.to)[k] += n
		}
	}
	return a
}

// Share is k of n with Wilson's 95% interval for the share (servers, not
// addresses of a population: no finite population correction).
type Share struct {
	Count int64   `json:"count"`
	Of    int64   `json:"of"`
	Low   float64 `json:"ci_low"`
	High  float64 `json:"ci_high"`
}

func share(k, n int64) Share {
	lo, hi := Wilson(k, n, z95, 1)
	return Share{k, n, lo, hi}
}

// Words writes the share as "67% (95% interval 35% to 88%)".
func (s Share) Words() string {
	return fmt.Sprintf("%s (95%% interval %s to %s)", Percent(s.Count, s.Of), pct(s.Low), pct(s.High))
}

func pct(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) }

// TLSShares are the shares a report derives from a TLSSummary.
type TLSShares struct {
	Offered    Share `json:"starttls_offered"` // of the greeted servers that answered EHLO
	OK         Share `json:"ok"`               // of the attempts
	Failed     Share `json:"failed"`
	Refused    Share `json:"refused"`
	Valid      Share `json:"valid"`       // of the handshakes made
	SelfSigned Share `json:"self_signed"` // of the handshakes made
}

func tlsShares(t *TLSSummary) *TLSShares {
	if t == nil {
		return nil
	}
	return &TLSShares{Offered: share(t.Offered, t.EHLO), OK: share(t.OK, t.Tried), Failed: share(t.Failed, t.Tried),
		Refused: share(t.Refused, t.Tried), Valid: share(t.Verify[transcript.VerifyValid], t.OK),
		SelfSigned: share(t.SelfSigned, t.OK)}
}

// writeTLS writes the STARTTLS and certificate section.
func (r *Report) writeTLS(b *strings.Builder, prev *Summary) {
	t, sh := r.Summary.TLS, r.TLS
	if t == nil || sh == nil {
		return
	}
	if t.EHLO > 0 {
		txt := fmt.Sprintf("%d of the %d greeted servers that answered EHLO offered STARTTLS: %s.", t.Offered, t.EHLO, sh.Offered.Words())
		if prev != nil && prev.TLS != nil && prev.TLS.EHLO > 0 {
			txt += fmt.Sprintf(" The previous survey: %d of %d (%s).", prev.TLS.Offered, prev.TLS.EHLO, Percent(prev.TLS.Offered, prev.TLS.EHLO))
		}
		para(b, txt)
	}
	if t.Tried == 0 {
		return
	}
	what := "sent STARTTLS to"
	if t.Mode == transcript.TLSImplicit {
		what = "tried implicit TLS (SMTPS) with"
	}
	var pt *TLSSummary
	if prev != nil && prev.TLS != nil && prev.TLS.Tried > 0 {
		pt = prev.TLS
	}
	txt := fmt.Sprintf("The survey %s %s. The handshake succeeded with %d: %s; it failed with %d: %s; %d refused STARTTLS: %s.",
		what, plural(t.Tried, "1 server", fmt.Sprintf("%d servers", t.Tried)), t.OK, sh.OK.Words(), t.Failed, sh.Failed.Words(), t.Refused, sh.Refused.Words())
	if pt != nil {
		txt += fmt.Sprintf(" The previous survey: %d of %d handshakes succeeded (%s).", pt.OK, pt.Tried, Percent(pt.OK, pt.Tried))
	}
	para(b, txt)
	if t.OK > 0 {
		txt := fmt.Sprintf("Of the %d certificates, %d verified against the roots: %s; %d %s self-signed: %s.",
			t.OK, t.Verify[transcript.VerifyValid], sh.Valid.Words(), t.SelfSigned, plural(t.SelfSigned, "was", "were"), sh.SelfSigned.Words())
		if pt != nil && pt.OK > 0 {
			txt += fmt.Sprintf(" The previous survey: %d of %d verified (%s), %d self-signed (%s).", pt.Verify[transcript.VerifyValid], pt.OK,
				Percent(pt.Verify[transcript.VerifyValid], pt.OK), pt.SelfSigned, Percent(pt.SelfSigned, pt.OK))
		}
		para(b, txt)
	}
	rows(b, "TLS sessions by protocol version:", t.Versions, nil)
	rows(b, "Certificate verification (the first check that failed; the name checked is the PTR name, else the one the server gave):", t.Verify, transcript.Verdicts)
	rows(b, "Where the name checked came from:", nameRows(t.NameFrom), []string{"PTR name", "EHLO reply", "greeting", "no name (chain only)"})
	rows(b, "Certificate keys:", t.Keys, nil)
	rows(b, "Certificate expiry, from the time of the session:", t.Expiry, expiryBuckets)
	rows(b, "Cipher suites:", t.Ciphers, nil)
	rows(b, "Failed handshakes by error:", t.Errors, nil)
}

func nameRows(m map[string]int64) map[string]int64 {
	words := map[string]string{transcript.NamePTR: "PTR name", transcript.NameEHLO: "EHLO reply",
		transcript.NameGreeting: "greeting", "": "no name (chain only)"}
	out := map[string]int64{}
	for k, n := range m {
		out[words[k]] += n
	}
	return out
}

// rows writes a title and `%8d NAME` rows in sortedKeys order.
func rows(b *strings.Builder, title string, m map[string]int64, order []string) {
	if len(m) == 0 {
		return
	}
	wrap(b, title, "", "")
	b.WriteString("\n")
	for _, k := range sortedKeys(m, order) {
		name := k
		if name == "" {
			name = "(none)"
		}
		fmt.Fprintf(b, "%8d %s\n", m[k], name)
	}
	b.WriteString("\n")
}

// tlsCharts are the HTML report's TLS charts: what came of STARTTLS, the
// protocol versions, the verification verdicts, the keys and the expiry
// distribution (none when the survey tried no TLS).
func (r *Report) tlsCharts() []chartPair {
	t := r.Summary.TLS
	if t == nil || t.Tried == 0 {
		return nil
	}
	outcome := []bar{{Label: "handshake made", Value: t.OK, Of: t.Tried}, {Label: "handshake failed", Value: t.Failed, Of: t.Tried},
		{Label: "STARTTLS refused", Value: t.Refused, Of: t.Tried}}
	cs := []chartPair{both(hbars, "tls-outcomes", fmt.Sprintf("TLS attempts (%d; %d of %d servers answering EHLO offered STARTTLS)", t.Tried, t.Offered, t.EHLO), outcome)}
	for _, c := range []struct {
		id, title string
		m         map[string]int64
		order     []string
	}{
		{"tls-versions", "Protocol versions of the handshakes made", t.Versions, nil},
		{"tls-verify", "Certificate verification", t.Verify, transcript.Verdicts},
		{"tls-keys", "Certificate keys", t.Keys, nil},
		{"tls-expiry", "Certificate expiry, from the time of the session", t.Expiry, expiryBuckets},
	} {
		var bars []bar
		for _, k := range sortedKeys(c.m, c.order) {
			bars = append(bars, bar{Label: k, Value: c.m[k], Of: t.OK})
		}
		if len(bars) > 0 {
			cs = append(cs, both(hbars, c.id, c.title, bars))
		}
	}
	return cs
}

// sortedKeys orders m's keys in order's order when given (keys not in it
// after), else most frequent first, ties by name.
func sortedKeys(m map[string]int64, order []string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	rank := map[string]int{}
	for i, k := range order {
		rank[k] = i + 1
	}
	sort.Slice(keys, func(i, j int) bool {
		a, c := keys[i], keys[j]
		if ra, rc := rank[a], rank[c]; ra != rc && ra > 0 && rc > 0 {
			return ra < rc
		} else if (ra > 0) != (rc > 0) {
			return ra > 0
		}
		if m[a] != m[c] {
			return m[a] > m[c]
		}
		return a < c
	})
	return keys
}

// csvTLS writes the TLS rows of the CSV report (section "tls"): the
// STARTTLS offer of the servers that answered EHLO, the attempts'
// outcomes, then each version, verdict, key and expiry row of the
// handshakes made. Keys are "offered", "ok", "failed", "refused",
// "self_signed" and "version:", "verify:", "key:", "expiry:" with the
// text report's row names.
func csvTLS(row func(section, key, name string, count, of int64, e *Estimate), t *TLSSummary) {
	if t == nil {
		return
	}
	row("tls", "offered", "STARTTLS offered", t.Offered, t.EHLO, nil)
	if t.Tried == 0 {
		return
	}
	row("tls", "ok", "handshake made", t.OK, t.Tried, nil)
	row("tls", "failed", "handshake failed", t.Failed, t.Tried, nil)
	row("tls", "refused", "STARTTLS refused", t.Refused, t.Tried, nil)
	row("tls", "self_signed", "self-signed", t.SelfSigned, t.OK, nil)
	for _, g := range []struct {
		prefix string
		m      map[string]int64
		order  []string
	}{{"version:", t.Versions, nil}, {"verify:", t.Verify, transcript.Verdicts}, {"key:", t.Keys, nil}, {"expiry:", t.Expiry, expiryBuckets}} {
		for _, k := range sortedKeys(g.m, g.order) {
			row("tls", g.prefix+k, k, g.m[k], t.OK, nil)
		}
	}
}
