package corpus

import (
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/smtpfp/smtpfp/transcript"
)

// kind is what the generator made of one record.
type kind uint8

const (
	kindPlain     kind = iota // a case with a fresh host, addresses, date and version
	kindMutated               // a plain case, then random byte insertions, deletions and substitutions
	kindSplice                // replies of two cases in one dialogue
	kindTruncated             // steps dropped, a reply cut short, or no greeting
	kindNearMiss              // one byte of the winning pattern's match changed so that it fails
	kindUnknown               // a made-up server, or something that is not SMTP
	numKinds
)

// mix is each kind's share of the records, in percent.
var mix = [numKinds]int{kindPlain: 40, kindMutated: 18, kindSplice: 10, kindTruncated: 10, kindNearMiss: 10, kindUnknown: 12}

// The survey's week, and the zones servers print their dates in.
var (
	surveyStart = time.Date(2001, 9, 27, 0, 0, 0, 0, time.UTC)
	surveyWeek  = 7 * 24 * 60 * 60
	zones       = []*time.Location{
		time.FixedZone("", -7*3600), time.FixedZone("", -5*3600), time.FixedZone("", -4*3600),
		time.FixedZone("", -6*3600), time.FixedZone("", 0), time.FixedZone("", 3600),
		time.FixedZone("", 2*3600), time.FixedZone("", 9*3600), time.FixedZone("", 10*3600),
	}
	docNets = []string{"192.0.2.", "198.51.100.", "203.0.113."}
)

// Generator makes a deterministic, endless stream of varied transcripts
// from the DJB2001 cases, for differential tests and benchmarks. The same
// seed gives the same stream; a change to the stream is a change to every
// label recorded from it (testdata/gawk), so make one on purpose.
//
// Of every 100 records about 40 are cases with a fresh address, host
// name, date and version (mostly drawn by the 2001 tally's counts); 18 are
// such cases with random insertions, deletions and substitutions (NUL, CR,
// LF, TAB, bytes 0x80-0xFF, invalid UTF-8); 10 splice the replies of two
// cases; 10 drop or cut steps; 10 are near misses, one byte away from the
// winning seed pattern; 12 are servers no rule names, some not SMTP at
// all. Their seed view averages about 550 bytes.
//
// A Generator is not safe for concurrent use.
type Generator struct {
	rng *rand.Rand
	ts  *templateSet

	cur  []scratch // steps of the record being made; n of them in use
	n    int
	view []byte

	// fresh values of the record being made
	host, client []byte
	when         time.Time
	zone         *time.Location
	vers         []int
	ptrStatus    string
	errText      string

	last struct { // what the last Next made, for tests
		kind kind
		tmpl int
	}
}

type scratch struct {
	cmd, err string
	reply    []byte
}

// NewGenerator returns a generator whose stream is fixed by seed.
func NewGenerator(seed int64) *Generator {
	ts := templates()
	return &Generator{
		rng:  rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15)),
		ts:   ts,
		vers: make([]int, ts.maxVers),
	}
}

// Generate returns the first n records of NewGenerator(seed)'s stream.
func Generate(seed int64, n int) []transcript.Record {
	g := NewGenerator(seed)
	out := make([]transcript.Record, n)
	var tmp transcript.Record
	var steps []transcript.Step
	var arena []byte
	for i := range out {
		g.Next(&tmp)
		// Carve the copies out of shared blocks: 100,000 records are then a
		// few hundred allocations instead of a million.
		if len(steps) < len(tmp.Steps) {
			steps = make([]transcript.Step, max(1024, len(tmp.Steps)))
		}
		rec := tmp
		rec.Steps = steps[:len(tmp.Steps):len(tmp.Steps)]
		steps = steps[len(tmp.Steps):]
		for j, s := range tmp.Steps {
			if len(arena) < len(s.Reply) {
				arena = make([]byte, max(64<<10, len(s.Reply)))
			}
			r := arena[:len(s.Reply):len(s.Reply)]
			copy(r, s.Reply)
			arena = arena[len(s.Reply):]
			s.Reply = r
			rec.Steps[j] = s
		}
		out[i] = rec
	}
	return out
}

// Next overwrites *rec with the next record. It reuses rec's Steps and
// reply buffers, so copy a record before passing it to Next again if it is
// to be kept.
func (g *Generator) Next(rec *transcript.Record) {
	g.n = 0
	g.errText = ""
	g.fresh()
	k := g.pickKind()
	g.last.tmpl = -1
	switch k {
	case kindPlain:
		g.plain(g.pickCase())
	case kindMutated:
		g.plain(g.pickCase())
		g.mutate()
	case kindSplice:
		g.splice()
	case kindTruncated:
		g.plain(g.pickCase())
		g.truncate()
	case kindNearMiss:
		if !g.nearMiss() {
			k = kindPlain
		}
	case kindUnknown:
		g.unknown()
	}
	g.last.kind = k

	steps := rec.Steps[:0]
	for i := 0; i < g.n; i++ {
		s := &g.cur[i]
		var buf []byte
		if i < cap(rec.Steps) {
			buf = rec.Steps[:cap(rec.Steps)][i].Reply[:0]
		}
		steps = append(steps, transcript.Step{Cmd: s.cmd, Err: s.err, Reply: append(buf, s.reply...)})
	}
	ptr := ""
	if g.ptrStatus == "ok" {
		ptr = string(g.host)
	}
	var greeting []byte
	if g.n > 0 {
		greeting = g.cur[0].reply
	}
	*rec = transcript.Record{
		Addr:      g.addr(),
		PTR:       ptr,
		PTRStatus: g.ptrStatus,
		Time:      g.when,
		Outcome:   transcript.Greeted,
		Code:      transcript.ReplyCode(greeting),
		Error:     g.errText,
		Dialogue:  "smtpfp/1",
		Steps:     steps,
	}
}

func (g *Generator) pickKind() kind {
	r := g.rng.IntN(100)
	for k, p := range mix {
		if r < p {
			return kind(k)
		}
		r -= p
	}
	return kindPlain
}

// pickCase picks a template: two times in three by the tally's counts
// (as a survey of 2001 would meet them), otherwise uniformly, so that rare
// rules are exercised too.
func (g *Generator) pickCase() int {
	if g.rng.IntN(3) == 0 {
		return g.rng.IntN(len(g.ts.all))
	}
	w := g.rng.IntN(g.ts.total)
	lo, hi := 0, len(g.ts.cum)
	for lo < hi {
		m := (lo + hi) / 2
		if g.ts.cum[m] <= w {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// fresh draws the values that fill a template's holes.
func (g *Generator) fresh() {
	g.client = g.appendAddr(g.client[:0])
	g.when = surveyStart.Add(time.Duration(g.rng.IntN(surveyWeek)) * time.Second)
	g.zone = zones[g.rng.IntN(len(zones))]
	for i := range g.vers {
		g.vers[i] = g.rng.IntN(8)
	}
	g.host = g.appendHost(g.host[:0])
	g.ptrStatus = "ok"
	if g.rng.IntN(10) == 0 {
		g.ptrStatus = "nxdomain"
	}
}

var (
	hostPrefixes = []string{"mail", "mx", "smtp", "relay", "gw", "mailhost", "post", "ns", "www",
		"host", "pop", "mailgw", "exchange", "notes", "fw", "mx1", "mx2", "smtp1", "mail2", "out", "inbound"}
	hostDomains = []string{"example.com", "example.net", "example.org"}
)

func (g *Generator) appendHost(b []byte) []byte {
	if g.rng.IntN(8) == 0 {
		// a dial-up or DSL style name
		b = append(b, "host-"...)
		b = strconv.AppendInt(b, int64(192+g.rng.IntN(11)), 10)
		b = append(b, '-')
		b = strconv.AppendInt(b, int64(g.rng.IntN(256)), 10)
		b = append(b, '-')
		b = strconv.AppendInt(b, int64(g.rng.IntN(256)), 10)
		b = append(b, ".dsl."...)
		return append(b, hostDomains[g.rng.IntN(len(hostDomains))]...)
	}
	b = append(b, hostPrefixes[g.rng.IntN(len(hostPrefixes))]...)
	if g.rng.IntN(4) == 0 {
		b = strconv.AppendInt(b, int64(g.rng.IntN(20)), 10)
	}
	b = append(b, '.')
	if g.rng.IntN(2) == 0 {
		for n := 2 + g.rng.IntN(9); n > 0; n-- {
			b = append(b, byte('a'+g.rng.IntN(26)))
		}
		b = append(b, '.')
	}
	return append(b, hostDomains[g.rng.IntN(len(hostDomains))]...)
}

func (g *Generator) appendAddr(b []byte) []byte {
	b = append(b, docNets[g.rng.IntN(len(docNets))]...)
	return strconv.AppendInt(b, int64(1+g.rng.IntN(254)), 10)
}

func (g *Generator) addr() string {
	var a [16]byte
	return string(g.appendAddr(a[:0]))
}

// step returns the next scratch step, its reply emptied.
func (g *Generator) step(cmd, err string) *scratch {
	if g.n == len(g.cur) {
		g.cur = append(g.cur, scratch{})
	}
	s := &g.cur[g.n]
	g.n++
	s.cmd, s.err, s.reply = cmd, err, s.reply[:0]
	return s
}

// render appends step i of template t, holes filled, to b.
func (g *Generator) render(b []byte, t *template, i int) []byte {
	for _, p := range t.steps[i].parts {
		switch p.hole {
		case holeNone:
			b = append(b, p.lit...)
		case holeHost:
			b = append(b, g.host...)
		case holeClient:
			b = append(b, g.client...)
		case holeDate:
			b = g.when.In(g.zone).AppendFormat(b, "Mon, 2 Jan 2006 15:04:05")
		case holeDateZ:
			b = g.when.In(g.zone).AppendFormat(b, "Mon, 2 Jan 2006 15:04:05 -0700")
		case holeVersion:
			alts := versionAlts[t.c.Name][p.ver]
			b = append(b, alts[g.vers[p.ver]%len(alts)]...)
		}
	}
	return b
}

// notices are lines servers put before their greeting. bannerRules are
// the rules whose pattern needs the greeting right after the address
// (^[^ ]* 554, " 220 Please login", " 214-Commands", " 220-Sendmail
// 8.6.12", the HTTP page): they never get a notice.
var (
	notices = []string{
		" NOTICE: unauthorized use of this system is prohibited; all connections are logged",
		" -- Unsolicited commercial email is not accepted here. See http://www.example.com/policy.html",
		" This system is for the use of authorized users only. Usage may be monitored.",
		" Mail relaying is restricted to customers; report abuse to abuse@example.net",
	}
	bannerRules = map[int]bool{0: true, 31: true, 61: true, 62: true, 68: true, 69: true}
)

func (g *Generator) plain(ti int) {
	t := &g.ts.all[ti]
	g.last.tmpl = ti
	notice := !bannerRules[t.c.Rule] && g.rng.IntN(6) == 0
	for i, st := range t.steps {
		s := g.step(st.cmd, st.err)
		if i == 0 && notice {
			s.reply = append(s.reply, "220-"...)
			s.reply = append(s.reply, g.host...)
			s.reply = append(s.reply, g.pick(notices)...)
			s.reply = append(s.reply, "\r\n"...)
		}
		s.reply = g.render(s.reply, t, i)
	}
	g.errText = t.c.Record.Error
}

// mutate makes one to six random edits anywhere in the replies.
func (g *Generator) mutate() {
	for n := 1 + g.rng.IntN(6); n > 0; n-- {
		s := &g.cur[g.rng.IntN(g.n)]
		pos := 0
		if len(s.reply) > 0 {
			pos = g.rng.IntN(len(s.reply) + 1)
		}
		switch op := g.rng.IntN(10); {
		case op < 4 || len(s.reply) == pos: // insert
			var ins [5]byte
			b := g.junk(ins[:0])
			s.reply = append(s.reply, b...)
			copy(s.reply[pos+len(b):], s.reply[pos:])
			copy(s.reply[pos:], b)
		case op < 6: // delete
			s.reply = append(s.reply[:pos], s.reply[pos+1:]...)
		default: // substitute
			s.reply[pos] = g.junkByte()
		}
	}
}

// invalidUTF8 are sequences no UTF-8 decoder accepts: a lone lead byte, a
// truncated sequence, an overlong '/', a surrogate, a five-byte form.
var invalidUTF8 = [][]byte{{0xc3}, {0xe2, 0x82}, {0xc0, 0xaf}, {0xed, 0xa0, 0x80}, {0xf8, 0x88, 0x80, 0x80, 0x80}, {0xff}}

func (g *Generator) junk(b []byte) []byte {
	if g.rng.IntN(10) == 0 {
		return append(b, invalidUTF8[g.rng.IntN(len(invalidUTF8))]...)
	}
	return append(b, g.junkByte())
}

var controls = []byte{0, '\r', '\n', '\t', ' ', 0x7f, 0x1b, 0x08}

func (g *Generator) junkByte() byte {
	switch r := g.rng.IntN(100); {
	case r < 20:
		return controls[g.rng.IntN(len(controls))]
	case r < 45:
		return byte(0x80 + g.rng.IntN(128))
	default:
		return byte(0x20 + g.rng.IntN(95))
	}
}

// splice makes one dialogue out of the replies of two cases.
func (g *Generator) splice() {
	a, b := &g.ts.all[g.pickCase()], &g.ts.all[g.pickCase()]
	mode := g.rng.IntN(3)
	for i := 0; i < len(commands); i++ {
		src := a
		switch {
		case mode == 0 && i > 0, mode == 1 && g.rng.IntN(2) == 0:
			src = b
		}
		if i >= len(src.steps) {
			if src = a; i >= len(src.steps) {
				break
			}
		}
		s := g.step(src.steps[i].cmd, src.steps[i].err)
		s.reply = g.render(s.reply, src, i)
		if mode == 2 && i < len(b.steps) && g.rng.IntN(3) == 0 {
			// two replies to one command, as a desynchronized server sends
			s.reply = g.render(s.reply, b, i)
		}
	}
	if g.n == 0 {
		g.plain(0)
	}
}

// commands is the dialogue the cases record.
var commands = []string{"", "EHLO survey.example", "HELO survey.example", "MAIL FROM:<>", "HELP", "VRFY postmaster", "QUIT"}

// truncate ends the dialogue early, cuts a reply short, drops a step or
// loses the greeting.
func (g *Generator) truncate() {
	switch g.rng.IntN(4) {
	case 0: // the server closed after k steps
		if g.n < 2 {
			return
		}
		k := g.n/2 + g.rng.IntN(g.n-g.n/2)
		g.n = k
		g.cur[k-1].err = "closed"
		g.errText = "connection closed after " + stepName(g.cur[k-1].cmd)
	case 1: // a reply cut off by the read deadline
		j := g.rng.IntN(g.n)
		s := &g.cur[j]
		if len(s.reply) > 0 {
			s.reply = s.reply[:g.rng.IntN(len(s.reply))]
		}
		s.err = "timeout"
		if g.rng.IntN(2) == 0 {
			g.n = j + 1
			g.errText = "timeout reading reply to " + stepName(s.cmd)
		}
	case 2: // a step missing from the record
		if g.n < 3 {
			return
		}
		j := 1 + g.rng.IntN(g.n-2)
		gone := g.cur[j] // keep its buffer for reuse
		copy(g.cur[j:g.n-1], g.cur[j+1:g.n])
		g.cur[g.n-1] = gone
		g.n--
	case 3: // no greeting before the deadline; the dialogue went on
		g.cur[0].reply = g.cur[0].reply[:0]
		g.cur[0].err = "timeout"
	}
}

func stepName(cmd string) string {
	if cmd == "" {
		return "greeting"
	}
	for i := 0; i < len(cmd); i++ {
		if cmd[i] == ' ' {
			return cmd[:i]
		}
	}
	return cmd
}
