package transcript

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"
)

// Record is one address of a survey: one line of a JSON-lines archive.
// The README's "Archive format" section is its documentation for users;
// keep the two in step.
type Record struct {
	Addr      string    `json:"addr"`                 // IPv4 or IPv6 address, no port
	Port      int       `json:"port,omitempty"`       // TCP port connected to (25 when omitted)
	PTR       string    `json:"ptr,omitempty"`        // PTR name found, "" when none
	PTRStatus string    `json:"ptr_status,omitempty"` // "ok", "nxdomain", "nodata", "servfail", "timeout", "error"; "" when not looked up
	Time      time.Time `json:"time"`                 // when the connection was attempted (UTC)
	Outcome   Outcome   `json:"outcome"`
	Code      int       `json:"code,omitempty"`     // the greeting's reply code when there was one
	Error     string    `json:"error,omitempty"`    // the system's words for a failure, or why the dialogue stopped early
	Dialogue  string    `json:"dialogue,omitempty"` // name/version of the command series, e.g. "smtpfp/1"
	Steps     []Step    `json:"steps,omitempty"`    // greeting first (Cmd ""), then each command sent
	Class     *Class    `json:"class,omitempty"`    // classification, when the writer classified it
	Relay     *bool     `json:"relay,omitempty"`    // --relay-probe: whether RCPT to a foreign domain was accepted
	Protocol  string    `json:"protocol,omitempty"` // outcome not-smtp: the protocol the server spoke ("tls", "ssh", "http", "other")
	TLS       *TLS      `json:"tls,omitempty"`      // --starttls/--smtps: the handshake and the certificate; nil when TLS was not tried
}

// Step is one exchange: the command the scanner sent (empty for the
// greeting) and every byte the server sent while it was the current step
// (from the command's sending to the next command's), exactly, in order.
//
// Early counts the bytes at the end of Reply that came after the reply's
// last line and before the next command was sent: the server spoke before
// it was asked (an early talker, which Postfix's postscreen counts as a bot
// signal), or kept talking after its reply to QUIT. They are filed where
// they arrived, so the reply of every later command is its own.
type Step struct {
	Cmd   string // without the CRLF
	Reply []byte
	Err   string // why the reply ended early: "timeout", "reset", "closed", "too long"; "" when complete
	Early int    // trailing bytes of Reply sent unasked (see above); 0 for most servers
	TLS   bool   // the command and its reply went inside TLS (after STARTTLS's handshake, or all of an implicit-TLS session)
}

// Class is a classification as stored in an archive or printed by
// `smtpfp classify --json`.
type Class struct {
	Label    string   `json:"label"`             // identifier of the label in the rulebase
	Name     string   `json:"name"`              // display name with OS tags, as in the tally
	OS       []string `json:"os,omitempty"`      // OS tags (UNIX, Windows, ...)
	Version  string   `json:"version,omitempty"` // captured product version
	Vendor   string   `json:"vendor,omitempty"`  // the label's vendor
	Product  string   `json:"product,omitempty"` // the label's product
	CPE      string   `json:"cpe,omitempty"`     // the label's CPE 2.3 name, with Version filled in when captured
	Rule     int      `json:"rule"`              // index of the winning rule, -1 for the default
	Line     int      `json:"line,omitempty"`    // source line of the winning rule
	Rulebase string   `json:"rulebase"`          // rulebase name
	RulesVer string   `json:"rulebase_version"`  // rulebase version
	Hash     string   `json:"rulebase_hash"`     // content hash of the compiled rulebase
}

// stepJSON is Step on the wire. Reply holds the bytes as a JSON string when
// they are valid UTF-8 (JSON escapes make NUL, CR and every other byte
// exact); otherwise ReplyB64 holds them in base64, because encoding/json
// would replace invalid UTF-8 with U+FFFD and lose bytes.
type stepJSON struct {
	Cmd      string  `json:"cmd"`
	Reply    *string `json:"reply,omitempty"`
	ReplyB64 *string `json:"reply_b64,omitempty"`
	Err      string  `json:"err,omitempty"`
	Early    int     `json:"early,omitempty"`
	TLS      bool    `json:"tls,omitempty"`
}

// MarshalJSON writes the reply losslessly (see stepJSON): as a string
// when that is valid and no longer than base64 would be, else in base64,
// so a reply of control bytes (six bytes each as \u0001) costs at most
// 4/3 of its size in the archive.
func (s Step) MarshalJSON() ([]byte, error) {
	j := stepJSON{Cmd: s.Cmd, Err: s.Err, Early: s.Early, TLS: s.TLS}
	if utf8.Valid(s.Reply) && jsonLen(s.Reply) <= base64.StdEncoding.EncodedLen(len(s.Reply)) {
		r := string(s.Reply)
		j.Reply = &r
	} else {
		b := base64.StdEncoding.EncodeToString(s.Reply)
		j.ReplyB64 = &b
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // keep "MAIL FROM:<>" readable
	if err := enc.Encode(j); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// jsonLen is the length of b as the body of a JSON string, as
// encoding/json writes it without HTML escaping.
func jsonLen(b []byte) int {
	n := 0
	for _, c := range b {
		switch {
		case c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t':
			n += 2
		case c < 0x20:
			n += 6
		default:
			n++
		}
	}
	// U+2028 and U+2029 are written \u2028 (6 bytes for 3).
	return n + 3*(bytes.Count(b, []byte("\u2028"))+bytes.Count(b, []byte("\u2029")))
}

// UnmarshalJSON reads either form of the reply.
func (s *Step) UnmarshalJSON(data []byte) error {
	var j stepJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	*s = Step{Cmd: j.Cmd, Err: j.Err, Early: j.Early, TLS: j.TLS}
	switch {
	case j.Reply != nil && j.ReplyB64 != nil:
		return errors.New(`step has both "reply" and "reply_b64"`)
	case j.Reply != nil:
		s.Reply = []byte(*j.Reply)
	case j.ReplyB64 != nil:
		b, err := base64.StdEncoding.DecodeString(*j.ReplyB64)
		if err != nil {
			return fmt.Errorf("reply_b64: %v", err)
		}
		s.Reply = b
	}
	if s.Early < 0 || s.Early > len(s.Reply) {
		return fmt.Errorf(`"early" is %d, the reply has %d bytes`, s.Early, len(s.Reply))
	}
	return nil
}

// Validate checks what a reader needs of a record.
func (r *Record) Validate() error {
	if r.Addr == "" {
		return errors.New(`missing "addr"`)
	}
	if r.Outcome == "" {
		return errors.New(`missing "outcome"`)
	}
	if !r.Outcome.Valid() {
		return fmt.Errorf("unknown outcome %q", r.Outcome)
	}
	if r.TLS != nil {
		return r.TLS.Validate()
	}
	return nil
}

// Clone returns a deep copy of r: one that stays valid after the
// Decoder that decoded r is Reset, and that may be changed without
// changing r. An empty reply stays empty, not nil.
func (r *Record) Clone() Record {
	out := *r
	if r.Steps != nil {
		out.Steps = make([]Step, len(r.Steps))
		for i, s := range r.Steps {
			s.Reply = bytes.Clone(s.Reply)
			out.Steps[i] = s
		}
	}
	if r.Class != nil {
		c := *r.Class
		c.OS = slices.Clone(c.OS)
		out.Class = &c
	}
	if r.Relay != nil {
		b := *r.Relay
		out.Relay = &b
	}
	if r.TLS != nil {
		t := *r.TLS
		t.ALPN = slices.Clone(t.ALPN)
		if t.Chain != nil {
			t.Chain = make([][]byte, len(r.TLS.Chain))
			for i, c := range r.TLS.Chain {
				t.Chain[i] = bytes.Clone(c)
			}
		}
		out.TLS = &t
	}
	return out
}

// Greeting returns the greeting's reply bytes, or nil.
func (r *Record) Greeting() []byte {
	for _, s := range r.Steps {
		if s.Cmd == "" {
			return s.Reply
		}
	}
	return nil
}

// ReplyCode parses the three-digit code at the start of a reply; 0 if none.
func ReplyCode(reply []byte) int {
	if len(reply) < 3 {
		return 0
	}
	n := 0
	for _, c := range reply[:3] {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}
