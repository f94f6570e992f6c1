package vm

// Scope names one reply of the SMTP dialogue. A pattern scoped to a reply
// (`greeting ~ /re/` in the rule language) only sees that reply's bytes, and
// its ^ and $ anchor at the reply's start and end. ScopeAll is the whole
// transcript, awk's $0.
type Scope uint8

const (
	ScopeAll Scope = iota
	ScopeGreeting
	ScopeEHLO
	ScopeHELO
	ScopeMAIL
	ScopeRCPT
	ScopeRSET
	ScopeHELP
	ScopeVRFY
	ScopeQUIT
	// The TLS scopes come last so that programs saved before them keep
	// their scope numbers.
	ScopeSTARTTLS // the reply to STARTTLS
	ScopeTLSEHLO  // the reply to the EHLO sent again inside TLS after STARTTLS
	NumScopes
)

var scopeNames = [NumScopes]string{"all", "greeting", "ehlo", "helo", "mail", "rcpt", "rset", "help", "vrfy", "quit",
	"starttls", "tls_ehlo"}

// String returns the scope's name as written in rules ("greeting", "ehlo", ...).
func (s Scope) String() string {
	if s < NumScopes {
		return scopeNames[s]
	}
	return "scope?"
}

// ScopeByName returns the scope a rule names, and whether it exists.
func ScopeByName(name string) (Scope, bool) {
	for i, n := range scopeNames {
		if n == name && i != 0 {
			return Scope(i), true
		}
	}
	return 0, false
}

// ScopeNames lists the names a rule may use before ~, in dialogue order.
func ScopeNames() []string { return append([]string(nil), scopeNames[1:]...) }

// Bound marks where a reply starts in Input.Text: bytes from Off up to the
// next Bound (or the end) are the reply of Scope. Bytes before the first
// Bound (the address prefix of the seed view) belong to no reply.
type Bound struct {
	Off   int
	Scope Scope
}

// Input is one transcript in the view a Program was compiled for.
// Text is what whole-transcript patterns see; Bounds, in increasing Off
// order, split it into replies for scoped patterns. Bounds may be empty
// (the seed's one-line input has no reply boundaries): scoped patterns then
// never match.
type Input struct {
	Text   []byte
	Bounds []Bound
}

// View is how a transcript is turned into text for the rules.
type View uint8

const (
	ViewInvalid View = iota
	// ViewDJB is the seed's view: one line "ADDRESS TRANSCRIPT", every CR
	// of the server's bytes shown as 'M' and every LF as ' '.
	ViewDJB
	// ViewRaw is the server's bytes as sent, replies concatenated.
	ViewRaw
)

func (v View) String() string {
	switch v {
	case ViewDJB:
		return "djb"
	case ViewRaw:
		return "raw"
	}
	return "invalid"
}

// ViewByName maps the name written in a rulebase header to a View.
func ViewByName(name string) (View, bool) {
	switch name {
	case "djb":
		return ViewDJB, true
	case "raw":
		return ViewRaw, true
	}
	return ViewInvalid, false
}
