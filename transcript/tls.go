package transcript

import (
	"errors"
	"fmt"
)

// TLS is what one session learned of TLS (Record.TLS): the handshake's
// outcome and, when it was made, the parameters agreed and the server's
// certificate chain with what verifying it says. The scanner completes
// every handshake without verification, so a bad certificate never ends a
// session, and verifies the chain itself afterwards; Verify is that
// verdict, not a condition of the session.
type TLS struct {
	Mode      string `json:"mode"`            // TLSStartTLS or TLSImplicit
	Handshake string `json:"handshake"`       // HandshakeOK, HandshakeFailed, or HandshakeRefused (STARTTLS not answered 220: no handshake)
	Error     string `json:"error,omitempty"` // failed: the alert or error; refused: the reply's code or why it ended

	Version string   `json:"version,omitempty"` // protocol version agreed, as crypto/tls names it ("TLS 1.2")
	Cipher  string   `json:"cipher,omitempty"`  // cipher suite agreed, its IANA name
	SNI     string   `json:"sni,omitempty"`     // server name sent in the ClientHello; "" when none was sent
	ALPN    []string `json:"alpn,omitempty"`    // ALPN protocols offered; none by default (SMTP has no ALPN id)
	ALPNGot string   `json:"alpn_negotiated,omitempty"`

	Chain      [][]byte `json:"chain,omitempty"`       // the certificates the server sent, leaf first, DER (base64 in JSON)
	SelfSigned bool     `json:"self_signed,omitempty"` // the leaf is signed by its own key
	Verify     string   `json:"verify,omitempty"`      // one of Verdicts: the first check that failed, or VerifyValid
	VerifyErr  string   `json:"verify_error,omitempty"`
	Name       string   `json:"name,omitempty"`      // the name the leaf was checked against; "" when none was known (the chain alone was checked)
	NameFrom   string   `json:"name_from,omitempty"` // where Name came from: NamePTR, NameEHLO or NameGreeting
}

// TLS modes.
const (
	TLSStartTLS = "starttls" // STARTTLS after EHLO (RFC 3207)
	TLSImplicit = "implicit" // TLS from the first byte (SMTPS, port 465, RFC 8314)
)

// Handshake outcomes.
const (
	HandshakeOK      = "ok"
	HandshakeFailed  = "failed"
	HandshakeRefused = "refused"
)

// Verdicts of certificate verification, in the order they are checked:
// the chain's dates, then whether it leads to a root, then the name.
const (
	VerifyValid        = "valid"
	VerifyExpired      = "expired" // a certificate of the chain is past its NotAfter
	VerifyNotYetValid  = "not-yet-valid"
	VerifySelfSigned   = "self-signed" // no chain to a root, and the leaf signs itself
	VerifyUnknownCA    = "unknown-authority"
	VerifyNameMismatch = "name-mismatch" // the chain is good, the leaf is not for Name
	VerifyInvalid      = "invalid"       // any other failure (bad signature, usage, constraints); VerifyErr says
	VerifyNoCert       = "no-certificate"
)

// Verdicts lists the verification verdicts in the order reports print them.
var Verdicts = []string{VerifyValid, VerifyExpired, VerifyNotYetValid, VerifySelfSigned, VerifyUnknownCA,
	VerifyNameMismatch, VerifyInvalid, VerifyNoCert}

// Where the name checked came from (TLS.NameFrom).
const (
	NamePTR      = "ptr"      // the address's PTR name
	NameEHLO     = "ehlo"     // the name the server gave in its reply to EHLO
	NameGreeting = "greeting" // the name the server gave in its greeting (implicit TLS without a PTR name)
)

// Validate checks the fields a reader relies on.
func (t *TLS) Validate() error {
	switch t.Mode {
	case TLSStartTLS, TLSImplicit:
	default:
		return fmt.Errorf("tls: unknown mode %q", t.Mode)
	}
	switch t.Handshake {
	case HandshakeOK:
	case HandshakeFailed, HandshakeRefused:
		if len(t.Chain) > 0 {
			return fmt.Errorf("tls: handshake %q with a certificate chain", t.Handshake)
		}
	default:
		return fmt.Errorf("tls: unknown handshake outcome %q", t.Handshake)
	}
	if t.Verify != "" {
		ok := false
		for _, v := range Verdicts {
			ok = ok || v == t.Verify
		}
		if !ok {
			return fmt.Errorf("tls: unknown verify verdict %q", t.Verify)
		}
	}
	switch t.NameFrom {
	case "", NamePTR, NameEHLO, NameGreeting:
	default:
		return fmt.Errorf("tls: unknown name_from %q", t.NameFrom)
	}
	if (t.Name == "") != (t.NameFrom == "") {
		return errors.New(`tls: "name" and "name_from" go together`)
	}
	return nil
}
