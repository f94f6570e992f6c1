package transcript

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"math/bits"
	"slices"
	"time"
	"unicode/utf8"
	"unsafe"
)

// Decoder decodes archive lines into Records: exactly what json.Unmarshal
// decodes, and rejecting exactly what it rejects (FuzzDecode checks both
// against encoding/json), at several times its speed (`make bench`).
//
// It is written for this one schema: the record as smtpscan writes it
// (known keys, in any order, each once; strings with any escapes; valid
// UTF-8) is decoded in one pass without reflection, replies landing in
// an arena the Decoder reuses. Anything else — an unknown or differently
// cased key, a duplicate key, null, a lone surrogate, invalid UTF-8, a
// number that is not a plain integer, malformed JSON — is handed to
// encoding/json, so its answers (and its error messages) are the ones a
// user gets. The fast path never has to get a corner case right; it only
// has to know when it is in one.
//
// The strings of the records (addresses, PTR names, errors) are cut from
// chunks of strChunk bytes that are never written again where a string
// was cut, in place of an allocation each: so one string kept alone
// keeps its chunk (4 KB at most) from being collected.
type Decoder struct {
	arena  []byte            // reply bytes of the records decoded since Reset
	steps  []Step            // steps of the records decoded since Reset
	scr    []byte            // an unescaped string on its way to being a string
	chars  []byte            // the chunk strings are cut from, up to its length
	strs   map[string]string // interned strings
	recent [256]string       // the last interned string of each small hash
	// heads[k] is the start of step k of the last record whose step k
	// began as the writer writes it (see stepHead).
	heads [16]stepHead
	// The hour of the last time read (see hour).
	hourKey [len("2006-01-02T15")]byte
	hourSec int64
	hourOK  bool
	// Fast counts the records decoded by the fast path (for tests and
	// benchmarks: a decoder that always fell back would still be exact).
	Fast int
}

// Reset lets the Decoder reuse the memory of the records decoded so far:
// their Steps and Reply slices must no longer be used. Strings stay valid.
func (d *Decoder) Reset() {
	d.arena = d.arena[:0]
	d.steps = d.steps[:0]
}

// Decode decodes one archive line into rec (which it zeroes first). The
// record's Steps and replies are valid until the next Reset.
func (d *Decoder) Decode(line []byte, rec *Record) error {
	*rec = Record{}
	a, s := len(d.arena), len(d.steps)
	p := parser{d: d, b: line}
	if p.record(rec) {
		d.Fast++
		return nil
	}
	d.arena, d.steps = d.arena[:a], d.steps[:s]
	*rec = Record{}
	return json.Unmarshal(line, rec)
}

// empty is a non-nil empty reply: encoding/json gives `"reply":""` as
// []byte{}, not nil, and the two must not be told apart by a caller.
var empty = []byte{}

type parser struct {
	d *Decoder
	b []byte
	i int
}

func (p *parser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// peek skips white space and returns the next byte (0 at the end). The
// writer writes no white space: a byte above ' ' is returned at once.
func (p *parser) peek() byte {
	if p.i < len(p.b) && p.b[p.i] > ' ' {
		return p.b[p.i]
	}
	p.ws()
	if p.i < len(p.b) {
		return p.b[p.i]
	}
	return 0
}

func (p *parser) eat(c byte) bool {
	if p.peek() != c {
		return false
	}
	p.i++
	return true
}

// Objects are walked member by member: open, then key and after for each
// member, with the member's value parsed in between by the caller (a
// loop, not a callback per member: this is the decoder's inner loop).

// open reads an object's '{' and reports whether it has members.
func (p *parser) open() (members, ok bool) {
	if !p.eat('{') {
		return false, false
	}
	if p.eat('}') {
		return false, true
	}
	return true, true
}

// key reads a member's key and the colon (raw: a key with an escape or a
// byte >= 0x80 is refused, and encoding/json left to judge it).
func (p *parser) key() ([]byte, bool) {
	if !p.eat('"') {
		return nil, false
	}
	start := p.i
	for p.i < len(p.b) && p.b[p.i] != '"' {
		if p.b[p.i] == '\\' || p.b[p.i] < 0x20 || p.b[p.i] >= 0x80 {
			return nil, false
		}
		p.i++
	}
	if p.i >= len(p.b) {
		return nil, false
	}
	key := p.b[start:p.i]
	p.i++
	if !p.eat(':') {
		return nil, false
	}
	p.ws()
	return key, true
}

// after reads what follows a member's value: ',' (more members) or '}'.
func (p *parser) after() (more, ok bool) {
	switch p.peek() {
	case ',':
		p.i++
		return true, true
	case '}':
		p.i++
		return false, true
	}
	return false, false
}

// walk runs member over each member of an object.
func (p *parser) walk(member func(key []byte) bool) bool {
	more, ok := p.open()
	for ok && more {
		var key []byte
		if key, ok = p.key(); !ok || !member(key) {
			return false
		}
		more, ok = p.after()
	}
	return ok
}

// str reads a string into dst (appending its unescaped bytes). It
// copies as it scans, a word at a time, into room made once: the
// unescaped string is never longer than the rest of the line.
func (p *parser) str(dst []byte) ([]byte, bool) {
	b := p.b // a local: buf's stores cannot change it
	if p.i >= len(b) || b[p.i] != '"' {
		return dst, false
	}
	i := p.i + 1
	start := len(dst)
	buf := slices.Grow(dst, len(b)-i+8)
	buf = buf[:cap(buf)]
	n := start
	src, out := unsafe.Pointer(unsafe.SliceData(b)), unsafe.Pointer(unsafe.SliceData(buf))
	// The high bits of the bytes looked at: of every plain byte (whose
	// UTF-8 is checked at the end), and maybe of a few beyond a stop,
	// which at worst costs that check.
	var high uint64
	for {
		// The run of plain bytes up to a quote, backslash or control
		// byte. A word is copied whole (there is room: see above) and
		// the run ends at its lowest flagged byte, which is exact: no
		// subtraction borrows below the first byte that flags it.
		// The loads and stores skip bounds checks (unsafe: i+8 <= len(b)
		// is the loop's condition, n+8 <= cap(buf) the room made above).
		for i+8 <= len(b) {
			w := binary.LittleEndian.Uint64((*[8]byte)(unsafe.Add(src, i))[:])
			const ones, highs = 0x0101010101010101, 0x8080808080808080
			stop := ((w - 0x20*ones) | zeroed(w^('"'*ones)) | zeroed(w^('\\'*ones))) &^ w & highs
			binary.LittleEndian.PutUint64((*[8]byte)(unsafe.Add(out, n))[:], w)
			high |= w
			if stop != 0 {
				k := bits.TrailingZeros64(stop) >> 3
				n += k
				i += k
				goto stopped
			}
			n += 8
			i += 8
		}
		for i < len(b) {
			c := b[i]
			k := special[c]
			if k == 1 {
				break
			}
			high |= uint64(k) << 6
			buf[n] = c
			n++
			i++
		}
	stopped:
		if i >= len(b) || b[i] < 0x20 {
			return dst, false
		}
		if b[i] == '"' {
			p.i = i + 1
			if high&0x8080808080808080 != 0 && !utf8.Valid(buf[start:n]) {
				// encoding/json substitutes U+FFFD; let it.
				return dst, false
			}
			return buf[:n], true
		}
		// An escape. CRLF, the commonest, is taken as a pair.
		if i+4 <= len(b) && binary.LittleEndian.Uint32(b[i:]) == crlf {
			buf[n], buf[n+1] = '\r', '\n'
			n += 2
			i += 4
			continue
		}
		if i+1 >= len(b) {
			return dst, false
		}
		var c byte
		switch b[i+1] {
		case '"', '\\', '/':
			c = b[i+1]
		case 'b':
			c = '\b'
		case 'f':
			c = '\f'
		case 'n':
			c = '\n'
		case 'r':
			c = '\r'
		case 't':
			c = '\t'
		case 'u':
			r, ok := hex4(b, i+2)
			if !ok {
				return dst, false
			}
			adv := 6
			if r >= 0xd800 && r < 0xe000 {
				// Only a well-formed pair; a lone surrogate becomes
				// U+FFFD in encoding/json, which it may as well do.
				if r >= 0xdc00 || i+12 > len(b) || b[i+6] != '\\' || b[i+7] != 'u' {
					return dst, false
				}
				lo, ok := hex4(b, i+8)
				if !ok || lo < 0xdc00 || lo >= 0xe000 {
					return dst, false
				}
				r = 0x10000 + (r-0xd800)<<10 + (lo - 0xdc00)
				adv = 12
			}
			// At most 4 bytes for at least 6 read: there is room.
			n += utf8.EncodeRune(buf[n:], rune(r))
			i += adv
			continue
		default:
			return dst, false
		}
		buf[n] = c
		n++
		i += 2
	}
}

// crlf is `\r\n` as escaped in JSON, as a little-endian word.
const crlf = '\\' | 'r'<<8 | '\\'<<16 | 'n'<<24

// zeroed has the high bit set in each byte of w that was zero (and
// maybe in bytes above one; callers then look byte by byte).
func zeroed(w uint64) uint64 { return w - 0x0101010101010101 }

// special classes string bytes: 0 plain, 1 ends a run (quote,
// backslash, control), 2 part of a multi-byte UTF-8 sequence.
var special = func() (t [256]byte) {
	for c := range 0x20 {
		t[c] = 1
	}
	t['"'], t['\\'] = 1, 1
	for c := 0x80; c < 0x100; c++ {
		t[c] = 2
	}
	return t
}()

func hex4(b []byte, i int) (uint32, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r uint32
	for _, c := range b[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | uint32(c)
	}
	return r, true
}

// string reads a string value; common ones (commands, outcomes, labels)
// are shared rather than allocated again for every record.
func (p *parser) string(intern bool) (string, bool) {
	if intern {
		// The common case, a short string of plain ASCII: interned
		// from where it lies, its bytes being its value.
		b := p.b
		if p.i < len(b) && b[p.i] == '"' {
			for j := p.i + 1; j < len(b) && j-p.i <= 64; j++ {
				c := b[j]
				if c == '"' {
					s := p.d.intern(b[p.i+1 : j])
					p.i = j + 1
					return s, true
				}
				if c == '\\' || c < 0x20 || c >= 0x80 {
					break
				}
			}
		}
	}
	var ok bool
	p.d.scr, ok = p.str(p.d.scr[:0])
	if !ok {
		return "", false
	}
	b := p.d.scr
	if !intern || len(b) > 64 {
		return p.d.save(b), true
	}
	return p.d.intern(b), true
}

// strChunk is the size of the chunks strings are cut from: big enough to
// make their allocation rare, small enough that a string kept alone
// does not keep much memory with it.
const strChunk = 4 << 10

// saved reads a string value that is not worth interning, unescaping it
// straight into the chunk when there is room for the rest of the line.
func (p *parser) saved() (string, bool) {
	d := p.d
	if cap(d.chars)-len(d.chars) < len(p.b)-p.i+8 {
		return p.string(false)
	}
	start := len(d.chars)
	var ok bool
	if d.chars, ok = p.str(d.chars); !ok || len(d.chars) == start {
		return "", ok
	}
	return unsafe.String(&d.chars[start], len(d.chars)-start), true
}

// save returns b as a string cut from the chunk, or on its own when long.
func (d *Decoder) save(b []byte) string {
	if len(b) == 0 || len(b) > strChunk/8 {
		return string(b)
	}
	if cap(d.chars)-len(d.chars) < len(b) {
		d.chars = make([]byte, 0, strChunk)
	}
	start := len(d.chars)
	d.chars = append(d.chars, b...)
	return unsafe.String(&d.chars[start], len(b))
}

// intern returns b as a string, shared with the last one of the same
// bytes rather than allocated again.
func (d *Decoder) intern(b []byte) string {
	// A direct-mapped cache in front of the map: a compare, not a hash.
	var h byte
	if len(b) > 0 {
		h = byte(len(b))*31 + b[0]*7 + b[len(b)-1] + b[len(b)/2]*3
	}
	if c := d.recent[h]; c == string(b) {
		return c
	}
	if s, ok := d.strs[string(b)]; ok {
		d.recent[h] = s
		return s
	}
	s := d.save(b)
	if d.strs == nil {
		d.strs = map[string]string{}
	}
	if len(d.strs) < 4096 {
		d.strs[s] = s
	}
	return s
}

// int reads a JSON integer that fits an int; fractions, exponents and
// huge numbers are encoding/json's to judge.
func (p *parser) int() (int, bool) {
	i, neg := p.i, false
	if i < len(p.b) && p.b[i] == '-' {
		neg = true
		i++
	}
	start := i
	n := 0
	for i < len(p.b) && p.b[i] >= '0' && p.b[i] <= '9' {
		n = n*10 + int(p.b[i]-'0')
		i++
	}
	digits := i - start
	if digits == 0 || digits > 18 || (digits > 1 && p.b[start] == '0') {
		return 0, false
	}
	if i < len(p.b) {
		switch p.b[i] {
		case '.', 'e', 'E':
			return 0, false
		}
	}
	p.i = i
	if neg {
		n = -n
	}
	return n, true
}

func (p *parser) lit(s string) bool {
	if len(p.b)-p.i < len(s) || string(p.b[p.i:p.i+len(s)]) != s {
		return false
	}
	p.i += len(s)
	return true
}

// bits of Record's keys, to refuse a duplicate (encoding/json's answer
// for one depends on the field's type; not worth copying).
const (
	kAddr = 1 << iota
	kPort
	kPTR
	kPTRStatus
	kTime
	kOutcome
	kCode
	kError
	kDialogue
	kSteps
	kClass
	kRelay
	kProtocol
	kTLS
)

// recordKeys are Record's keys in the writer's order (the order of
// bits kAddr...).
var recordKeys = [...]string{"addr", "port", "ptr", "ptr_status", "time", "outcome", "code", "error", "dialogue", "steps", "class", "relay", "protocol", "tls"}

// keyLit is `"key":` as two words to compare 16 bytes against.
type keyLit struct{ w0, m0, w1, m1 uint64 }

var recordLits = func() (t [len(recordKeys)]keyLit) {
	for j, k := range recordKeys {
		var b, m [16]byte
		n := copy(b[:], `"`+k+`":`)
		for i := range n {
			m[i] = 0xff
		}
		t[j] = keyLit{binary.LittleEndian.Uint64(b[:]), binary.LittleEndian.Uint64(m[:]),
			binary.LittleEndian.Uint64(b[8:]), binary.LittleEndian.Uint64(m[8:])}
	}
	return t
}()

// recordLit reads one of Record's keys and its colon if they are
// written as the writer writes them (no escape, no space), trying the
// keys from index from on, the writer's order: it returns the key's
// index, or -1 (p.i unmoved) for the generic walk to judge.
func (p *parser) recordLit(from int) int {
	if len(p.b)-p.i < 16 {
		return -1
	}
	w0 := binary.LittleEndian.Uint64(p.b[p.i:])
	w1 := binary.LittleEndian.Uint64(p.b[p.i+8:])
	for j := from; j < len(recordLits); j++ {
		if l := &recordLits[j]; w0&l.m0 == l.w0 && w1&l.m1 == l.w1 {
			p.i += len(recordKeys[j]) + 3
			if p.i < len(p.b) && p.b[p.i] <= ' ' {
				p.ws()
			}
			return j
		}
	}
	return -1
}

func (p *parser) record(r *Record) bool {
	seen, next := 0, 0
	more, ok := p.open()
	for ok && more {
		var k int
		if j := p.recordLit(next); j >= 0 {
			k, next = 1<<j, j+1
		} else {
			var key []byte
			if key, ok = p.key(); !ok {
				return false
			}
			k = recordBit(key)
		}
		if !p.recordMember(r, &seen, k) {
			return false
		}
		more, ok = p.after()
	}
	p.ws()
	return ok && p.i == len(p.b)
}

// recordBit is the bit of one of Record's keys, 0 for another key.
func recordBit(key []byte) int {
	for j, k := range recordKeys {
		if string(key) == k {
			return 1 << j
		}
	}
	return 0
}

// once marks key bit k seen, refusing a duplicate.
func (p *parser) once(seen *int, k int) bool {
	if *seen&k != 0 {
		return false
	}
	*seen |= k
	return true
}

// recordMember parses the value of one of Record's keys.
func (p *parser) recordMember(r *Record, seen *int, k int) bool {
	if !p.once(seen, k) {
		return false
	}
	var ok bool
	switch k {
	case kAddr:
		r.Addr, ok = p.saved()
	case kPort:
		r.Port, ok = p.int()
	case kPTR:
		r.PTR, ok = p.saved()
	case kPTRStatus:
		r.PTRStatus, ok = p.string(true)
	case kTime:
		ok = p.time(r)
	case kOutcome:
		var s string
		s, ok = p.string(true)
		r.Outcome = Outcome(s)
	case kCode:
		r.Code, ok = p.int()
	case kError:
		r.Error, ok = p.saved()
	case kDialogue:
		r.Dialogue, ok = p.string(true)
	case kSteps:
		ok = p.stepList(r)
	case kClass:
		if p.lit("null") {
			return true
		}
		r.Class = &Class{}
		ok = p.class(r.Class)
	case kProtocol:
		r.Protocol, ok = p.string(true)
	case kTLS:
		if p.lit("null") {
			return true
		}
		r.TLS = &TLS{}
		ok = p.tls(r.TLS)
	case kRelay:
		switch {
		case p.lit("null"):
			return true
		case p.lit("true"):
			t := true
			r.Relay = &t
		case p.lit("false"):
			f := false
			r.Relay = &f
		default:
			return false
		}
		return true
	}
	return ok
}

// hour reads a time laid out as the writer writes it, "YYYY-MM-DDTHH:MM:SSZ"
// (fractions and offsets are UnmarshalJSON's), and remembers the Unix
// time of its hour: most times of an archive (a scan's, in the order
// connections were made) are in the hour of the time before. The fields checked are those time.parseRFC3339 checks, in the
// same ranges; when they pass it returns time.Date(..., UTC) as this does
// (time.Unix(...).UTC() is the same Time).
func (p *parser) hour(r *Record) bool {
	const n = len(`"2006-01-02T15:04:05Z"`)
	if len(p.b)-p.i < n {
		return false
	}
	b := p.b[p.i : p.i+n]
	if b[0] != '"' || b[14] != ':' || b[17] != ':' || b[20] != 'Z' || b[21] != '"' {
		return false
	}
	mm, ok1 := num2(b[15], b[16], 59)
	ss, ok2 := num2(b[18], b[19], 59)
	if !ok1 || !ok2 {
		return false
	}
	d := p.d
	if !d.hourOK || string(b[1:14]) != string(d.hourKey[:]) {
		if b[5] != '-' || b[8] != '-' || b[11] != 'T' {
			return false
		}
		y1, ok1 := num2(b[1], b[2], 99)
		y2, ok2 := num2(b[3], b[4], 99)
		mo, ok3 := num2(b[6], b[7], 12)
		dd, ok4 := num2(b[9], b[10], 31)
		hh, ok5 := num2(b[12], b[13], 23)
		year := y1*100 + y2
		if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || mo < 1 || dd < 1 || dd > daysIn(mo, year) {
			return false
		}
		copy(d.hourKey[:], b[1:14])
		d.hourSec = time.Date(year, time.Month(mo), dd, hh, 0, 0, 0, time.UTC).Unix()
		d.hourOK = true
	}
	r.Time = time.Unix(d.hourSec+int64(mm*60+ss), 0).UTC()
	p.i += n
	return true
}

// daysIn is the number of days in month mo (1-12) of year.
func daysIn(mo, year int) int {
	if mo == 2 && year%4 == 0 && (year%100 != 0 || year%400 == 0) {
		return 29
	}
	return int("\x1f\x1c\x1f\x1e\x1f\x1e\x1f\x1f\x1e\x1f\x1e\x1f"[mo-1])
}

// num2 reads two decimal digits, a number up to max.
func num2(a, b byte, max int) (int, bool) {
	if a < '0' || a > '9' || b < '0' || b > '9' {
		return 0, false
	}
	v := int(a-'0')*10 + int(b-'0')
	return v, v <= max
}

// time hands the raw string to time.Time's own UnmarshalJSON, as
// encoding/json does (which does not unescape it first), unless it is
// laid out as the writer writes a UTC time (see hour).
func (p *parser) time(r *Record) bool {
	if p.hour(r) {
		return true
	}
	start := p.i
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return false
	}
	j := p.i + 1
	for j < len(p.b) && p.b[j] != '"' {
		if p.b[j] == '\\' || p.b[j] < 0x20 || p.b[j] >= 0x80 {
			return false
		}
		j++
	}
	if j >= len(p.b) {
		return false
	}
	p.i = j + 1
	return r.Time.UnmarshalJSON(p.b[start:p.i]) == nil
}

func (p *parser) stepList(r *Record) bool {
	if !p.eat('[') {
		return false
	}
	first := len(p.d.steps)
	if !p.eat(']') {
		for {
			p.ws()
			// Parsed in place: a Step is too big to copy for nothing.
			k := len(p.d.steps) - first
			p.d.steps = append(p.d.steps, Step{})
			if !p.step(&p.d.steps[first+k], k) {
				return false
			}
			c := p.peek()
			p.i++
			if c == ']' {
				break
			}
			if c != ',' {
				return false
			}
		}
	}
	n := len(p.d.steps)
	if n == first {
		r.Steps = []Step{}
	} else {
		r.Steps = p.d.steps[first:n:n]
	}
	return true
}

const (
	sCmd = 1 << iota
	sReply
	sB64
	sErr
	sEarly
	sTLS
)

// stepHead is a step's bytes as the writer lays them out, from its '{'
// to its reply's opening quote (`{"cmd":"HELP","reply":"`), and the
// command they hold.
type stepHead struct {
	b   []byte
	cmd string
}

// The constant parts of a stepHead.
const (
	headCmd   = `{"cmd":"`
	headReply = `","reply":"`
)

var headCmdWord = binary.LittleEndian.Uint64([]byte(headCmd))

// head reads the start of step k if it is laid out as the writer lays
// it out, leaving p.i at the reply's opening quote: the bytes of step k
// of the last record (a compare), or else the same shape with another
// command (with no escape, control or high byte in it). Both parse as
// the generic walk would, to the state it would be in: cmd and reply
// seen, at the reply's value.
func (p *parser) head(s *Step, k int) bool {
	b := p.b[p.i:]
	var last *stepHead
	if k < len(p.d.heads) {
		last = &p.d.heads[k]
		if n := len(last.b); n > 0 && len(b) >= n && string(b[:n]) == string(last.b) {
			s.Cmd = last.cmd
			p.i += n - 1
			return true
		}
	}
	if len(b) < len(headCmd) || binary.LittleEndian.Uint64(b) != headCmdWord {
		return false
	}
	j := len(headCmd)
	for j < len(b) && b[j] != '"' {
		if c := b[j]; c == '\\' || c < 0x20 || c >= 0x80 {
			return false
		}
		j++
	}
	n := j + len(headReply)
	if len(b) < n || string(b[j:n]) != headReply {
		return false
	}
	s.Cmd = p.d.intern(b[len(headCmd):j])
	if last != nil {
		last.b = append(last.b[:0], b[:n]...)
		last.cmd = s.Cmd
	}
	p.i += n - 1
	return true
}

func (p *parser) step(s *Step, k int) bool {
	seen := 0
	var more, ok bool
	if p.head(s, k) {
		seen = sCmd | sReply
		start := len(p.d.arena)
		if p.d.arena, ok = p.str(p.d.arena); !ok {
			return false
		}
		s.Reply = p.d.arena[start:len(p.d.arena):len(p.d.arena)]
		if p.i < len(p.b) && p.b[p.i] == '}' {
			// The step as the writer writes most: no more members.
			p.i++
			if len(s.Reply) == 0 {
				s.Reply = empty
			}
			return true
		}
		more, ok = p.after()
	} else {
		more, ok = p.open()
	}
	for ok && more {
		var key []byte
		if key, ok = p.key(); !ok || !p.stepMember(s, &seen, key) {
			return false
		}
		more, ok = p.after()
	}
	if !ok || seen&(sReply|sB64) == sReply|sB64 {
		return false
	}
	if seen&(sReply|sB64) != 0 && len(s.Reply) == 0 {
		s.Reply = empty
	}
	// Step.UnmarshalJSON's error; its message is encoding/json's to give.
	return s.Early >= 0 && s.Early <= len(s.Reply)
}

// stepMember parses the value of one of a step's keys.
func (p *parser) stepMember(s *Step, seen *int, key []byte) bool {
	var k int
	switch string(key) {
	case "cmd":
		k = sCmd
	case "reply":
		k = sReply
	case "reply_b64":
		k = sB64
	case "err":
		k = sErr
	case "early":
		k = sEarly
	case "tls":
		k = sTLS
	default:
		return false
	}
	if *seen&k != 0 {
		return false
	}
	*seen |= k
	var ok bool
	switch k {
	case sCmd:
		s.Cmd, ok = p.string(true)
	case sErr:
		s.Err, ok = p.string(true)
	case sEarly:
		s.Early, ok = p.int()
	case sTLS:
		// null (no change, to encoding/json) is its to judge.
		switch {
		case p.lit("true"):
			s.TLS, ok = true, true
		case p.lit("false"):
			ok = true
		}
	case sReply:
		start := len(p.d.arena)
		p.d.arena, ok = p.str(p.d.arena)
		s.Reply = p.d.arena[start:len(p.d.arena):len(p.d.arena)]
	case sB64:
		p.d.scr, ok = p.str(p.d.scr[:0])
		if ok {
			start := len(p.d.arena)
			need := base64.StdEncoding.DecodedLen(len(p.d.scr))
			p.d.arena = slices.Grow(p.d.arena, need)[:start+need]
			n, err := base64.StdEncoding.Decode(p.d.arena[start:], p.d.scr)
			if err != nil {
				return false
			}
			p.d.arena = p.d.arena[:start+n]
			s.Reply = p.d.arena[start : start+n : start+n]
		}
	}
	return ok
}

const (
	cLabel = 1 << iota
	cName
	cOS
	cVersion
	cRule
	cLine
	cRulebase
	cRulesVer
	cHash
	cVendor
	cProduct
	cCPE
)

func (p *parser) class(c *Class) bool {
	seen := 0
	return p.walk(func(key []byte) bool {
		var k int
		switch string(key) {
		case "label":
			k = cLabel
		case "name":
			k = cName
		case "os":
			k = cOS
		case "version":
			k = cVersion
		case "rule":
			k = cRule
		case "line":
			k = cLine
		case "rulebase":
			k = cRulebase
		case "rulebase_version":
			k = cRulesVer
		case "rulebase_hash":
			k = cHash
		case "vendor":
			k = cVendor
		case "product":
			k = cProduct
		case "cpe":
			k = cCPE
		default:
			return false
		}
		if seen&k != 0 {
			return false
		}
		seen |= k
		var ok bool
		switch k {
		case cLabel:
			c.Label, ok = p.string(true)
		case cName:
			c.Name, ok = p.string(true)
		case cVersion:
			c.Version, ok = p.string(true)
		case cRulebase:
			c.Rulebase, ok = p.string(true)
		case cRulesVer:
			c.RulesVer, ok = p.string(true)
		case cHash:
			c.Hash, ok = p.string(true)
		case cVendor:
			c.Vendor, ok = p.string(true)
		case cProduct:
			c.Product, ok = p.string(true)
		case cCPE:
			c.CPE, ok = p.string(true)
		case cRule:
			c.Rule, ok = p.int()
		case cLine:
			c.Line, ok = p.int()
		case cOS:
			ok = p.strList(&c.OS)
		}
		return ok
	})
}

// strList reads an array of strings (shared, like labels) into dst.
func (p *parser) strList(dst *[]string) bool {
	if !p.eat('[') {
		return false
	}
	*dst = []string{}
	if p.eat(']') {
		return true
	}
	for {
		p.ws()
		s, ok := p.string(true)
		if !ok {
			return false
		}
		*dst = append(*dst, s)
		switch p.peek() {
		case ',':
			p.i++
		case ']':
			p.i++
			return true
		default:
			return false
		}
	}
}

// tlsKeys are TLS's keys; a key's bit is 1 << its index.
var tlsKeys = [...]string{"mode", "handshake", "error", "version", "cipher", "sni", "alpn", "alpn_negotiated",
	"chain", "self_signed", "verify", "verify_error", "name", "name_from"}

func (p *parser) tls(t *TLS) bool {
	seen := 0
	return p.walk(func(key []byte) bool {
		j := 0
		for j < len(tlsKeys) && tlsKeys[j] != string(key) {
			j++
		}
		if j == len(tlsKeys) || seen&(1<<j) != 0 {
			return false
		}
		seen |= 1 << j
		var ok bool
		switch tlsKeys[j] {
		case "mode":
			t.Mode, ok = p.string(true)
		case "handshake":
			t.Handshake, ok = p.string(true)
		case "error":
			t.Error, ok = p.saved()
		case "version":
			t.Version, ok = p.string(true)
		case "cipher":
			t.Cipher, ok = p.string(true)
		case "sni":
			t.SNI, ok = p.saved()
		case "alpn":
			ok = p.strList(&t.ALPN)
		case "alpn_negotiated":
			t.ALPNGot, ok = p.string(true)
		case "chain":
			ok = p.chain(t)
		case "self_signed":
			switch {
			case p.lit("true"):
				t.SelfSigned, ok = true, true
			case p.lit("false"):
				ok = true
			}
		case "verify":
			t.Verify, ok = p.string(true)
		case "verify_error":
			t.VerifyErr, ok = p.saved()
		case "name":
			t.Name, ok = p.saved()
		case "name_from":
			t.NameFrom, ok = p.string(true)
		}
		return ok
	})
}

// chain reads the certificates, each base64 decoded as encoding/json
// decodes a []byte, into memory of their own (records may keep them
// past Reset).
func (p *parser) chain(t *TLS) bool {
	if !p.eat('[') {
		return false
	}
	t.Chain = [][]byte{}
	if p.eat(']') {
		return true
	}
	for {
		p.ws()
		var ok bool
		if p.d.scr, ok = p.str(p.d.scr[:0]); !ok {
			return false
		}
		b := make([]byte, base64.StdEncoding.DecodedLen(len(p.d.scr)))
		n, err := base64.StdEncoding.Decode(b, p.d.scr)
		if err != nil {
			return false
		}
		t.Chain = append(t.Chain, b[:n])
		switch p.peek() {
		case ',':
			p.i++
		case ']':
			p.i++
			return true
		default:
			return false
		}
	}
}
