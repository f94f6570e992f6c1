// Package world owns the simulated Internets of --simulate: a Dialer and a
// Resolver for package scan whose hosts answer with the seed surveys'
// proportions and dialogues (from package corpus), the 1996 world's
// target list built the 1996 way (djb1996.go), and Dated, which dates a
// simulated survey's records by the seed's calendar. It lives apart from
// scan so that the scanner does not depend on the corpus.
package world

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/smtpfp/smtpfp/corpus"
	"github.com/smtpfp/smtpfp/scan"
	"github.com/smtpfp/smtpfp/transcript"
)

// World is a simulated Internet: a Dialer and a Resolver in which every
// address's behaviour is a pure function of the address and Seed. An
// address has a PTR name with probability PTRShare; an address with one
// behaves as Behaviours says (weights, not probabilities), and a greeted
// one runs the software of Software, answering each command with the
// reply a recorded case of that software gave, its own name and address
// put in place of the case's. An address without a PTR name does not
// answer (a timeout). A simulated timeout returns at once: a world of a
// million addresses costs no waiting.
//
// A world with a List (the 1996 world) draws its hosts from the list
// instead: each listed address has a rank in a seeded permutation of the
// list, and the ranks are dealt out to Behaviours, Software and cases in
// proportion to their weights, so the list holds each mix exactly (to
// rounding) and a sample of it varies only by sampling error. Addresses
// off the list time out.
type World struct {
	Seed       uint64
	PTRShare   float64
	Behaviours []Behaviour
	Software   []Software
	List       *List // nil: every address is drawn on its own by hashing
	// Start and Span date the survey: the records of a simulated survey
	// carry times from Start to Start+Span (see Dated), the seed's
	// dates, never the wall clock's.
	Start time.Time
	Span  time.Duration

	once              sync.Once
	behTotal, swTotal int
	deal              *deal // List worlds: the ranks of each behaviour, software and case
}

// Behaviour is what an address does when connected to, with its weight.
type Behaviour struct {
	Weight  int
	Outcome transcript.Outcome // TimedOut, Refused, Dropped, Reset, Rejected, Greeted, HostUnreachable, ...
	Code    int                // the greeting code of a rejection
}

// Software is a product greeted hosts run: its weight, the tally name it
// should be classified as, and recorded dialogues to answer with, with
// their weights (nil: each case as likely as the others).
type Software struct {
	Weight  int
	Name    string
	Cases   []transcript.Record
	Weights []int
}

// DJB2001 is the world of the 2001 survey: of 1,000,000 random addresses
// 39,206 had PTR records, and of those 34,036 timed out, 4,057 refused,
// 81 dropped, 31 rejected with code 572, 23 with 421, 20 reset and 958
// greeted, running the 49 rows of the post's software tally.
func DJB2001(seed uint64) *World {
	w := &World{
		Seed:     seed,
		PTRShare: 39206.0 / 1000000,
		Behaviours: []Behaviour{
			{34036, transcript.TimedOut, 0},
			{4057, transcript.Refused, 0},
			{81, transcript.Dropped, 0},
			{31, transcript.Rejected, 572},
			{23, transcript.Rejected, 421},
			{20, transcript.Reset, 0},
			{958, transcript.Greeted, 0},
		},
	}
	for _, row := range corpus.Tally2001 {
		sw := Software{Weight: row.Count, Name: row.Name}
		for _, c := range corpus.ForName(row.Name) {
			sw.Cases = append(sw.Cases, c.Record)
		}
		if row.Name == "UNIX qmail" {
			// "Two thirds of the qmail deployments, 110 addresses this
			// year ..., are cpmta deployments": the cpmta case (rule 1)
			// gets 110 of 167, the other two qmail rules the rest.
			sw.Weights = []int{110, 29, 28}
		}
		w.Software = append(w.Software, sw)
	}
	w.Start = time.Date(2001, 9, 27, 0, 0, 0, 0, time.UTC) // "carried out between 2001-09-27 and 2001-10-03"
	w.Span = 7*24*time.Hour - time.Minute
	return w
}

// Worlds names the built-in worlds for --simulate. Making one can fail
// (the 1996 world serves its zone's DNS on loopback while building its
// list).
var Worlds = map[string]func(seed uint64) (*World, error){
	"djb2001": func(seed uint64) (*World, error) { return DJB2001(seed), nil },
	"djb1996": DJB1996,
}

// Host is what the world says about one address.
type Host struct {
	PTR       string
	Behaviour Behaviour
	Software  *Software // greeted hosts
	Case      *transcript.Record
}

func (w *World) init() {
	w.once.Do(func() {
		for _, b := range w.Behaviours {
			w.behTotal += b.Weight
		}
		for _, s := range w.Software {
			w.swTotal += s.Weight
		}
		if w.List != nil {
			w.deal = newDeal(w, w.List.Len())
		}
	})
}

// hash draws the i-th independent uniform number for an address.
func (w *World) hash(a netip.Addr, i uint64) uint64 {
	b := a.As16()
	x := w.Seed*0x9e3779b97f4a7c15 + i
	for j := 0; j < 16; j += 8 {
		var v uint64
		for _, c := range b[j : j+8] {
			v = v<<8 | uint64(c)
		}
		x = mix64(x ^ v)
	}
	return mix64(x)
}

func unit(x uint64) float64 { return float64(x>>11) / (1 << 53) }

// Host returns the behaviour of a.
func (w *World) Host(a netip.Addr) Host {
	w.init()
	a = a.Unmap()
	if w.List != nil {
		return w.listHost(a)
	}
	var h Host
	if unit(w.hash(a, 0)) >= w.PTRShare {
		h.Behaviour = Behaviour{Outcome: transcript.TimedOut}
		return h
	}
	x := w.hash(a, 1)
	h.PTR = fmt.Sprintf("%s%d.d%05x.example", []string{"mail", "mx", "smtp", "host", "gw"}[x%5], x>>8%20, x>>16&0xfffff)
	if w.behTotal == 0 {
		h.Behaviour = Behaviour{Outcome: transcript.TimedOut}
		return h
	}
	pick := int(w.hash(a, 2) % uint64(w.behTotal))
	for _, b := range w.Behaviours {
		if pick < b.Weight {
			h.Behaviour = b
			break
		}
		pick -= b.Weight
	}
	if h.Behaviour.Outcome == transcript.Greeted && w.swTotal > 0 {
		pick := int(w.hash(a, 3) % uint64(w.swTotal))
		for i := range w.Software {
			if pick < w.Software[i].Weight {
				h.Software = &w.Software[i]
				break
			}
			pick -= w.Software[i].Weight
		}
		if cs := h.Software.Cases; len(cs) > 0 {
			h.Case = &cs[pickCase(h.Software, w.hash(a, 4))]
		}
	}
	return h
}

// LookupPTR answers from the world: a name for the addresses that have
// one, NXDOMAIN for the rest.
func (w *World) LookupPTR(ctx context.Context, a netip.Addr) scan.PTR {
	if h := w.Host(a); h.PTR != "" {
		return scan.PTR{Name: h.PTR, Status: "ok"}
	}
	return scan.PTR{Status: "nxdomain"}
}

// DialContext connects to a simulated host. Only port 25 listens.
func (w *World) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return nil, &net.OpError{Op: "dial", Net: network, Err: err}
	}
	h := w.Host(ap.Addr())
	raddr := net.TCPAddrFromAddrPort(ap)
	fail := func(e syscall.Errno) error {
		return &net.OpError{Op: "dial", Net: network, Addr: raddr, Err: os.NewSyscallError("connect", e)}
	}
	if ap.Port() != 25 {
		return nil, fail(syscall.ECONNREFUSED)
	}
	c := &simConn{raddr: raddr, host: h.PTR}
	switch h.Behaviour.Outcome {
	case transcript.TimedOut:
		return nil, &net.OpError{Op: "dial", Net: network, Addr: raddr, Err: os.ErrDeadlineExceeded}
	case transcript.Refused:
		return nil, fail(syscall.ECONNREFUSED)
	case transcript.HostUnreachable:
		return nil, fail(syscall.EHOSTUNREACH)
	case transcript.NetUnreachable:
		return nil, fail(syscall.ENETUNREACH)
	case transcript.ProtoUnavailable:
		return nil, fail(syscall.ENOPROTOOPT)
	case transcript.NotOnNetwork:
		return nil, fail(syscall.ENONET)
	case transcript.NotSupported:
		return nil, fail(syscall.EOPNOTSUPP)
	case transcript.Dropped:
		c.closed = io.EOF
	case transcript.Reset:
		c.closed = &net.OpError{Op: "read", Net: network, Addr: raddr, Err: os.NewSyscallError("read", syscall.ECONNRESET)}
	case transcript.NoGreeting:
	case transcript.Rejected:
		c.out = fmt.Appendf(nil, "%d %s %s\r\n", h.Behaviour.Code, h.PTR, rejectText(h.Behaviour.Code))
		c.closed = io.EOF
	case transcript.Greeted:
		c.script = h.Case
		if h.Case == nil {
			c.out = fmt.Appendf(nil, "220 %s ESMTP\r\n", h.PTR)
			break
		}
		var subst []string
		if h.Case.PTR != "" {
			subst = append(subst, h.Case.PTR, h.PTR)
		}
		subst = append(subst, h.Case.Addr, ap.Addr().String())
		c.subst = strings.NewReplacer(subst...)
		c.play(&h.Case.Steps[0])
	default:
		return nil, &net.OpError{Op: "dial", Net: network, Addr: raddr, Err: errors.New("simulated failure")}
	}
	return c, nil
}

// pickCase picks a case of s by its weights with the uniform number x.
func pickCase(s *Software, x uint64) int {
	if len(s.Weights) != len(s.Cases) {
		return int(x % uint64(len(s.Cases)))
	}
	total := 0
	for _, wt := range s.Weights {
		total += wt
	}
	pick := int(x % uint64(total))
	for i, wt := range s.Weights {
		if pick < wt {
			return i
		}
		pick -= wt
	}
	return len(s.Cases) - 1
}

func rejectText(code int) string {
	if code == 421 {
		return "Service not available, closing transmission channel"
	}
	return "Access denied"
}

// simConn is a simulated server's connection, with no goroutine: a
// command written is answered at once into out, and a read with nothing
// to read returns the deadline error at once (the server would have kept
// silent until the reader's deadline).
type simConn struct {
	raddr  net.Addr
	host   string
	out    []byte
	in     []byte
	closed error // set when the server has hung up: what reads give once out is drained
	script *transcript.Record
	used   []bool
	subst  *strings.Replacer
}

var simTimeout = &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}

func (c *simConn) play(s *transcript.Step) {
	reply := s.Reply
	if c.subst != nil {
		reply = []byte(c.subst.Replace(string(reply)))
	}
	c.out = append(c.out, reply...)
	switch s.Err {
	case "closed", "too long":
		c.closed = io.EOF
	case "reset":
		c.closed = &net.OpError{Op: "read", Net: "tcp", Addr: c.raddr, Err: os.NewSyscallError("read", syscall.ECONNRESET)}
	}
	// "timeout": the server said no more within the scanner's deadline
	// but may answer the next command, as the HTTP server does.
}

func (c *simConn) Read(p []byte) (int, error) {
	if len(c.out) > 0 {
		n := copy(p, c.out)
		c.out = c.out[n:]
		return n, nil
	}
	if c.closed != nil {
		return 0, c.closed
	}
	return 0, simTimeout
}

func (c *simConn) Write(p []byte) (int, error) {
	if c.closed != nil {
		return len(p), nil
	}
	c.in = append(c.in, p...)
	for {
		i := strings.IndexByte(string(c.in), '\n')
		if i < 0 {
			break
		}
		line := strings.TrimRight(string(c.in[:i]), "\r")
		c.in = c.in[i+1:]
		c.command(line)
		if c.closed != nil {
			break
		}
	}
	return len(p), nil
}

// command answers one command line as the scripted case did: with the
// reply to the first unused step of the same verb. Commands the case never
// saw get the answers of a cautious server.
func (c *simConn) command(line string) {
	v := strings.ToUpper(verb(line))
	if c.script != nil {
		if c.used == nil {
			c.used = make([]bool, len(c.script.Steps))
		}
		for i := 1; i < len(c.script.Steps); i++ {
			s := &c.script.Steps[i]
			if !c.used[i] && strings.EqualFold(verb(s.Cmd), v) {
				c.used[i] = true
				c.play(s)
				if v == "QUIT" && c.closed == nil {
					c.closed = io.EOF
				}
				return
			}
		}
	}
	switch v {
	case "RCPT":
		c.out = append(c.out, "550 5.7.1 Relaying denied\r\n"...)
	case "RSET":
		c.out = append(c.out, "250 OK\r\n"...)
	case "QUIT":
		c.out = append(c.out, "221 "+c.host+" closing connection\r\n"...)
		c.closed = io.EOF
	default:
		c.out = append(c.out, "502 5.5.2 Command not recognized\r\n"...)
	}
}

func (c *simConn) Close() error {
	if c.closed == nil {
		c.closed = io.EOF
	}
	return nil
}
func (c *simConn) LocalAddr() net.Addr                { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 40000} }
func (c *simConn) RemoteAddr() net.Addr               { return c.raddr }
func (c *simConn) SetDeadline(t time.Time) error      { return nil }
func (c *simConn) SetReadDeadline(t time.Time) error  { return nil }
func (c *simConn) SetWriteDeadline(t time.Time) error { return nil }

// mix64 is SplitMix64's finalizer: the world's addresses hash through it
// so that behaviours are a pure function of the address and the seed.
func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// verb is the first word of a command line.
func verb(cmd string) string {
	v, _, _ := strings.Cut(cmd, " ")
	return v
}
