package transcript

import (
	"fmt"
	"strings"
)

// Outcome is what happened when the scanner tried an address, in the terms
// the seeds count.
type Outcome string

const (
	Greeted          Outcome = "greeted"           // a greeting, then the dialogue
	Rejected         Outcome = "rejected"          // a non-2xx greeting, then the server hung up (Code holds it)
	TimedOut         Outcome = "timeout"           // no answer to the connection attempt
	Refused          Outcome = "refused"           // ECONNREFUSED: a RST to the SYN
	HostUnreachable  Outcome = "host-unreachable"  // EHOSTUNREACH
	NetUnreachable   Outcome = "net-unreachable"   // ENETUNREACH
	ProtoUnavailable Outcome = "proto-unavailable" // ENOPROTOOPT / EPROTONOSUPPORT (ICMP protocol unreachable)
	NotOnNetwork     Outcome = "not-on-network"    // ENONET
	NotSupported     Outcome = "not-supported"     // EOPNOTSUPP
	Reset            Outcome = "reset"             // ECONNRESET before a greeting
	Dropped          Outcome = "dropped"           // closed before a greeting: "immediate disconnect"
	NoGreeting       Outcome = "no-greeting"       // connected, but no complete greeting before the read deadline
	Failed           Outcome = "error"             // anything else; Error says what
	Skipped          Outcome = "skipped"           // not contacted (no PTR record under --require-ptr)
	NotSMTP          Outcome = "not-smtp"          // answered in another protocol (Record.Protocol: TLS, SSH, HTTP, other)
)

// The protocols of a not-smtp answer (Record.Protocol).
const (
	ProtoTLS   = "tls"
	ProtoSSH   = "ssh"
	ProtoHTTP  = "http"
	ProtoOther = "other"
)

// ProtocolWords names a not-smtp protocol for reports: "TLS", "SSH",
// "HTTP", "other protocol".
func ProtocolWords(p string) string {
	switch p {
	case ProtoTLS, ProtoSSH, ProtoHTTP:
		return strings.ToUpper(p)
	case ProtoOther:
		return "other protocol"
	}
	return p
}

// Outcomes lists every outcome in the order reports print them.
var Outcomes = []Outcome{Greeted, Rejected, TimedOut, HostUnreachable, Refused, NetUnreachable,
	ProtoUnavailable, Dropped, NotOnNetwork, NotSupported, Reset, NoGreeting, NotSMTP, Failed, Skipped}

// Words returns the outcome in the seeds' words ("timed out", "connection
// refused", "rejected with code 421"). code is the greeting code for
// Rejected and ignored otherwise.
func (o Outcome) Words(code int) string {
	switch o {
	case Greeted:
		return "greeted"
	case Rejected:
		return fmt.Sprintf("rejected with code %d", code)
	case TimedOut:
		return "timed out"
	case Refused:
		return "connection refused"
	case HostUnreachable:
		return "host unreachable"
	case NetUnreachable:
		return "network unreachable"
	case ProtoUnavailable:
		return "protocol not available"
	case NotOnNetwork:
		return "machine not on network"
	case NotSupported:
		return "operation not supported"
	case Reset:
		return "reset"
	case Dropped:
		return "immediate disconnect"
	case NoGreeting:
		return "no greeting"
	case Failed:
		return "failed"
	case Skipped:
		return "not contacted"
	case NotSMTP:
		return "not SMTP"
	}
	return string(o)
}

// Valid reports whether o is one of the outcomes above.
func (o Outcome) Valid() bool {
	for _, k := range Outcomes {
		if k == o {
			return true
		}
	}
	return false
}
