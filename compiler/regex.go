package compiler

import (
	"bytes"
	"fmt"
	"regexp/syntax"
	"strings"
)

// The awk regex dialect.
//
// Rules are written as awk EREs and mean what gawk makes of them under
// LC_ALL=C. TranslateERE rewrites one into Go's regexp/syntax over Latin-1
// runes: every byte b of the subject is treated as the rune b, and every
// byte >= 0x80 in the pattern is written \x{b}, so "." is exactly one byte
// and classes are sets of bytes. The differences from Go syntax, and how
// each is handled:
//
//   - "." and [^...] match any byte, newline and NUL included (gawk does;
//     Go's default does not match \n): compiled with DotNL and ClassNL.
//   - ^ and $ anchor at the start and end of the text (or the reply, for a
//     scoped pattern) wherever they appear; there is no multi-line mode.
//   - "*", "+", "?" and "{" at the start of a regex, after "(" or "|", or
//     after an anchor in one of those places, are literal characters in
//     gawk; Go calls them errors. Escaped. After an anchor elsewhere they
//     repeat the anchor, as gawk does ("a$*" is "a").
//   - "{" that does not start a valid interval is a literal "{"; "{,m}"
//     means "{0,m}". Intervals above 1000 are refused (Go's limit; gawk's
//     is 32767).
//   - Stacked repetitions ("a**", "a+?") are one repetition applied to
//     another in ERE; Go reads "??" and "*?" as non-greedy and refuses the
//     rest. Wrapped in (?:...) so they mean what ERE means.
//   - In brackets, a backslash escapes the next character (gawk does,
//     POSIX does not), "]" first is literal, [:class:] are the ASCII POSIX
//     classes, [=c=] and [.c.] are the single character c.
//   - Escapes: \/ \" \\ \a \b (backspace, not Go's word boundary) \f \n
//     \r \t \v, \. and other metacharacters literal, \s \S \w \W as gawk
//     defines them (\s includes \v, which Go's lacks), \` and \' as start
//     and end of text (a repetition after them behaves as after ^ and $).
//     An unknown escape \c is c, as gawk says with a warning; so is "\x"
//     without hex digits.
//   - \NNN (octal) and \xHH (hex) are decoded before anything else, so
//     the byte acts as what it is, operators included: /a\52b/ is /a*b/,
//     [a\x2dc] is [a-c] (POSIX; gawk does this outside compatibility
//     mode). Octal values above \377 wrap to a byte, as in gawk.
//   - An unmatched ")" is a literal ")"; "{,}" is "{0,}"; a "-" after a
//     range or a class in brackets ("[a-c-e]") is an error, as in gawk.
//   - The rule language, not the regex dialect: a "/" inside brackets must
//     be written \/ (gawk accepts /[/]/), because the lexer ends a regex
//     literal at the first unescaped slash.
//   - gawk's word boundaries \y \B \< \> are refused: the matcher is an
//     automaton over bytes without look-behind.
//   - Matching is case-sensitive, except for a regex written /.../i,
//     which matches as gawk does with IGNORECASE=1 under LC_ALL=C: ASCII
//     letters only, each standing for both its cases, in brackets too
//     (before a "^" negates them, so [^a] is neither a nor A), and
//     [:upper:] and [:lower:] both mean [:alpha:]. It is done here, in
//     the translation, not with Go's (?i), which would also fold Latin-1
//     letters (é and É) and so differ from gawk.
//   - Submatches (for version captures) are leftmost-longest, as gawk's
//     match() reports them for the whole match; Go's rules pick the groups.
//
// TranslateERE returns the Go pattern, or the byte offset in ere of the
// problem and a message.

// RegexError is a problem in a regex, at byte Off of the regex text.
type RegexError struct {
	Off, End int
	Msg      string
	Code     string // the diagnostic code when not bad_regex
}

// MaxRegexNesting bounds the groups open at once plus the repetitions
// stacked on one atom ("a***"): each is a level of Go's parse tree, and
// each stacked repetition rewrites the output so far, so 100,000 of them
// were quadratic before Go refused the tree. RE2 and Go allow 1000 levels.
const MaxRegexNesting = 100

func (e *RegexError) Error() string { return e.Msg }

// TranslateERE turns an awk ERE (the bytes between the slashes, escapes
// as written) into an equivalent Go regexp/syntax pattern over Latin-1
// runes.
func TranslateERE(ere string) (string, error) { return translateERE(ere, false) }

// TranslateEREFold is TranslateERE for a regex with the i flag: every
// ASCII letter matches in either case.
func TranslateEREFold(ere string) (string, error) { return translateERE(ere, true) }

func translateERE(ere string, fold bool) (string, error) {
	dec, off := decodeNumericEscapes(ere)
	t := translator{src: dec, fold: fold}
	if err := t.run(); err != nil {
		re := err.(*RegexError)
		re.Off, re.End = off[min(re.Off, len(dec))], off[min(re.End, len(dec))]
		return "", re
	}
	return t.out.String(), nil
}

// decodeNumericEscapes replaces each \xHH and \NNN of ere by the byte it
// stands for, as gawk does before its regex engine sees the pattern: so
// the byte acts as what it is, an operator included (/a\52b/ is /a*b/;
// POSIX says so, and only gawk's compatibility mode differs). off maps
// each byte of the result (and its end) back to its offset in ere, for
// error positions.
func decodeNumericEscapes(ere string) (string, []int) {
	var b strings.Builder
	off := make([]int, 0, len(ere)+1)
	for i := 0; i < len(ere); {
		if ere[i] != '\\' || i+1 >= len(ere) {
			b.WriteByte(ere[i])
			off = append(off, i)
			i++
			continue
		}
		c := ere[i+1]
		switch {
		case c == 'x' && i+2 < len(ere) && isHex(ere[i+2]):
			v, j := 0, i+2
			for j < len(ere) && j < i+4 && isHex(ere[j]) {
				v = v*16 + hexVal(ere[j])
				j++
			}
			b.WriteByte(byte(v))
			off = append(off, i)
			i = j
		case c >= '0' && c <= '7':
			v, j := 0, i+1
			for j < len(ere) && j < i+4 && ere[j] >= '0' && ere[j] <= '7' {
				v = v*8 + int(ere[j]-'0')
				j++
			}
			b.WriteByte(byte(v)) // \400 and up wrap, as in gawk
			off = append(off, i)
			i = j
		default:
			b.WriteByte('\\')
			b.WriteByte(c)
			off = append(off, i, i+1)
			i += 2
		}
	}
	off = append(off, len(ere))
	return b.String(), off
}

type translator struct {
	src  string
	fold bool // the i flag: ASCII letters match in either case
	i    int
	out  bytes.Buffer // a Buffer, so wrapping the last atom copies only it
	// atomStart is where the last atom begins in out (-1 when there is
	// none to repeat), and repeated says it already carries a repetition.
	atomStart   int
	repeated    bool
	stacked     int // repetitions applied to the last atom
	depth       int
	groupStarts []int
	srcGroups   []int // source offsets of the open "("
}

func (t *translator) errf(off, end int, format string, args ...any) error {
	return &RegexError{Off: off, End: end, Msg: fmt.Sprintf(format, args...)}
}

func (t *translator) run() error {
	t.atomStart = -1
	for t.i < len(t.src) {
		c := t.src[t.i]
		switch c {
		case '(':
			t.depth++
			if t.depth > MaxRegexNesting {
				return t.tooDeep(t.i)
			}
			t.out.WriteByte('(')
			t.srcGroups = append(t.srcGroups, t.i)
			t.i++
			t.atomStart = -1
			t.pushGroup()
			continue
		case ')':
			if t.depth == 0 {
				// gawk reads an unmatched ")" as itself.
				t.i++
				t.literal(')')
				continue
			}
			t.depth--
			t.srcGroups = t.srcGroups[:len(t.srcGroups)-1]
			t.out.WriteByte(')')
			t.i++
			t.atomStart = t.popGroup()
			t.repeated, t.stacked = false, 0
			continue
		case '|':
			t.out.WriteByte('|')
			t.i++
			t.atomStart = -1
			continue
		case '^', '$':
			// An anchor where an atom may start (the start, after "(" or
			// "|") leaves a following * + ? { literal, as gawk does;
			// anywhere else gawk lets a repetition apply to the anchor
			// itself ("a$*" is "a", "a$+" is "a$").
			t.i++
			anchor := "(?:" + string(c) + ")"
			if t.atomStart < 0 {
				t.out.WriteString(anchor)
				continue
			}
			t.atom(anchor)
			continue
		case '*', '+', '?':
			t.i++
			if t.atomStart < 0 {
				t.literal(c)
				continue
			}
			if err := t.repeat(string(c), t.i-1); err != nil {
				return err
			}
			continue
		case '{':
			if t.atomStart >= 0 {
				if iv, n, err := t.interval(); err != nil {
					return err
				} else if n > 0 {
					t.i += n
					if err := t.repeat(iv, t.i-n); err != nil {
						return err
					}
					continue
				}
			}
			t.i++
			t.literal('{')
			continue
		case '[':
			atom, err := t.bracket()
			if err != nil {
				return err
			}
			t.atom(atom)
			continue
		case '.':
			t.i++
			t.atom(".")
			continue
		case '\\':
			atom, err := t.escape()
			if err != nil {
				return err
			}
			if atom == "" {
				continue // an anchor: nothing to repeat
			}
			t.atom(atom)
			continue
		}
		t.i++
		t.literal(c)
	}
	if t.depth > 0 {
		open := t.srcGroups[len(t.srcGroups)-1]
		return t.errf(open, open+1, `missing closing ")" for this "("`)
	}
	return nil
}

func (t *translator) pushGroup() {
	t.groupStarts = append(t.groupStarts, t.out.Len()-1)
}

func (t *translator) popGroup() int {
	n := len(t.groupStarts) - 1
	s := t.groupStarts[n]
	t.groupStarts = t.groupStarts[:n]
	return s
}

func (t *translator) atom(s string) {
	t.atomStart = t.out.Len()
	t.repeated, t.stacked = false, 0
	t.out.WriteString(s)
}

func (t *translator) literal(c byte) {
	t.atom(t.lit(c))
}

// lit is one byte as a Go pattern atom, both cases of it under the i flag.
func (t *translator) lit(c byte) string {
	if o, ok := otherCase(c); ok && t.fold {
		return "[" + string(c) + string(o) + "]"
	}
	return byteLit(c)
}

// otherCase is the other case of an ASCII letter.
func otherCase(c byte) (byte, bool) {
	switch {
	case c >= 'a' && c <= 'z':
		return c - 'a' + 'A', true
	case c >= 'A' && c <= 'Z':
		return c - 'A' + 'a', true
	}
	return 0, false
}

func lower(c int) int {
	if c >= 'A' && c <= 'Z' {
		return c - 'A' + 'a'
	}
	return c
}

// foldRange is what the i flag adds to the bracket range lo-hi: the other
// case of each ASCII letter in it, as Go class ranges.
func foldRange(lo, hi int) string {
	var b strings.Builder
	for _, r := range [][2]int{{'a', 'z'}, {'A', 'Z'}} {
		l, h := max(lo, r[0]), min(hi, r[1])
		if l > h {
			continue
		}
		ol, _ := otherCase(byte(l))
		oh, _ := otherCase(byte(h))
		b.WriteString(classByte(ol) + "-" + classByte(oh))
	}
	return b.String()
}

// repeat applies op to the last atom, wrapping an already repeated atom
// in a group so Go reads ERE's stacked repetition as ERE does.
func (t *translator) repeat(op string, at int) error {
	t.stacked++
	if t.depth+t.stacked > MaxRegexNesting {
		return t.tooDeep(at)
	}
	if t.repeated {
		last := string(t.out.Bytes()[t.atomStart:])
		t.out.Truncate(t.atomStart)
		t.out.WriteString("(?:")
		t.out.WriteString(last)
		t.out.WriteString(")")
	}
	t.out.WriteString(op)
	t.repeated = true
	return nil
}

func (t *translator) tooDeep(at int) error {
	return &RegexError{Off: at, End: at + 1, Code: CodeTooDeep,
		Msg: fmt.Sprintf("regex nested too deeply: more than %d levels of groups and stacked repetitions", MaxRegexNesting)}
}

// interval parses {n}, {n,}, {n,m}, {,m} at t.i. It returns the Go form
// and the bytes used, or n == 0 when this "{" is a literal.
func (t *translator) interval() (string, int, error) {
	j := t.i + 1
	num := func() (int, bool) {
		k := j
		v := 0
		for j < len(t.src) && t.src[j] >= '0' && t.src[j] <= '9' {
			v = v*10 + int(t.src[j]-'0')
			if v > 1<<20 {
				v = 1 << 20
			}
			j++
		}
		return v, j > k
	}
	lo, haveLo := num()
	hi, haveHi, comma := lo, haveLo, false
	if j < len(t.src) && t.src[j] == ',' {
		comma = true
		j++
		hi, haveHi = num()
	}
	if j >= len(t.src) || t.src[j] != '}' || (!haveLo && !comma) {
		return "", 0, nil
	}
	j++
	if !haveLo {
		lo = 0
	}
	if haveHi && hi < lo {
		return "", 0, t.errf(t.i, j, "invalid interval {%d,%d}: the maximum is less than the minimum", lo, hi)
	}
	if lo > 1000 || (haveHi && hi > 1000) {
		return "", 0, t.errf(t.i, j, "interval count above 1000 is not supported")
	}
	switch {
	case !comma:
		return fmt.Sprintf("{%d}", lo), j - t.i, nil
	case !haveHi:
		return fmt.Sprintf("{%d,}", lo), j - t.i, nil
	}
	return fmt.Sprintf("{%d,%d}", lo, hi), j - t.i, nil
}

// escape handles a backslash at t.i outside brackets.
func (t *translator) escape() (string, error) {
	start := t.i
	if t.i+1 >= len(t.src) {
		return "", t.errf(start, start+1, "trailing backslash")
	}
	c := t.src[t.i+1]
	t.i += 2
	switch c {
	case 's':
		return `[\t\n\v\f\r ]`, nil
	case 'S':
		return `[^\t\n\v\f\r ]`, nil
	case 'w':
		return `[0-9A-Za-z_]`, nil
	case 'W':
		return `[^0-9A-Za-z_]`, nil
	case '`', '\'':
		// Like ^ and $: a repetition after one repeats the anchor,
		// unless it stands where an atom may start.
		anchor := `(?:\A)`
		if c == '\'' {
			anchor = `(?:\z)`
		}
		if t.atomStart < 0 {
			t.out.WriteString(anchor)
			return "", nil
		}
		return anchor, nil
	case 'y', 'B', '<', '>':
		return "", t.errf(start, t.i, `gawk's word-boundary operator "\%c" is not supported`, c)
	}
	b, err := t.escapedByte(c, start)
	if err != nil {
		return "", err
	}
	return t.lit(b), nil
}

// escapedByte decodes the byte of an escape whose letter c has been read
// (t.i is past it); used inside and outside brackets.
func (t *translator) escapedByte(c byte, start int) (byte, error) {
	switch c {
	case 'a':
		return 7, nil
	case 'b':
		return 8, nil
	case 'f':
		return '\f', nil
	case 'n':
		return '\n', nil
	case 'r':
		return '\r', nil
	case 't':
		return '\t', nil
	case 'v':
		return '\v', nil
	case '0', '1', '2', '3', '4', '5', '6', '7':
		v := int(c - '0')
		for k := 0; k < 2 && t.i < len(t.src) && t.src[t.i] >= '0' && t.src[t.i] <= '7'; k++ {
			v = v*8 + int(t.src[t.i]-'0')
			t.i++
		}
		return byte(v), nil // \400 and up wrap, as in gawk
	case 'x':
		v, n := 0, 0
		for n < 2 && t.i < len(t.src) && isHex(t.src[t.i]) {
			v = v*16 + hexVal(t.src[t.i])
			t.i++
			n++
		}
		if n == 0 {
			return 'x', nil // gawk: "\x" with no digits is "x" (with a warning)
		}
		return byte(v), nil
	}
	return c, nil
}

// bracket translates a bracket expression at t.i.
func (t *translator) bracket() (string, error) {
	start := t.i
	j := t.i + 1
	var b strings.Builder
	b.WriteByte('[')
	if j < len(t.src) && t.src[j] == '^' {
		b.WriteByte('^')
		j++
	}
	first := true
	prev := -1 // last single byte, for ranges
	for {
		if j >= len(t.src) {
			return "", t.errf(start, start+1, `missing closing "]"`)
		}
		c := t.src[j]
		if c == ']' && !first {
			j++
			break
		}
		first = false
		var lo int
		switch {
		case c == '[' && j+1 < len(t.src) && t.src[j+1] == ':':
			end := strings.Index(t.src[j+2:], ":]")
			if end < 0 {
				return "", t.errf(j, j+2, `missing ":]" after "[:"`)
			}
			name := t.src[j+2 : j+2+end]
			if !posixClass[name] {
				return "", t.errf(j, j+4+end, "unknown character class %q", "[:"+name+":]")
			}
			if t.fold && (name == "upper" || name == "lower") {
				name = "alpha" // gawk: IGNORECASE makes either class both
			}
			b.WriteString("[:" + name + ":]")
			j += end + 4
			if err := t.rangeEnd(j); err != nil {
				return "", err
			}
			prev = -1
			continue
		case c == '[' && j+1 < len(t.src) && (t.src[j+1] == '=' || t.src[j+1] == '.'):
			d := t.src[j+1]
			if j+4 < len(t.src)+1 && j+4 <= len(t.src)-1 && t.src[j+3] == d && t.src[j+4] == ']' {
				lo = int(t.src[j+2])
				j += 5
			} else {
				return "", t.errf(j, j+2, "only single-character %q elements are supported", "["+string(d)+"c"+string(d)+"]")
			}
		case c == '\\':
			if j+1 >= len(t.src) {
				return "", t.errf(j, j+1, "trailing backslash")
			}
			save := t.i
			t.i = j + 2
			v, err := t.escapedByte(t.src[j+1], j)
			if err != nil {
				return "", err
			}
			j = t.i
			t.i = save
			lo = int(v)
		default:
			lo = int(c)
			j++
		}
		// A range a-z: "-" not last.
		if j+1 < len(t.src) && t.src[j] == '-' && t.src[j+1] != ']' {
			hiOff := j + 1
			var hi int
			if t.src[hiOff] == '\\' && hiOff+1 < len(t.src) {
				save := t.i
				t.i = hiOff + 2
				v, err := t.escapedByte(t.src[hiOff+1], hiOff)
				if err != nil {
					return "", err
				}
				j = t.i
				t.i = save
				hi = int(v)
			} else if t.src[hiOff] == '[' {
				return "", t.errf(hiOff, hiOff+1, "a class cannot end a range")
			} else {
				hi = int(t.src[hiOff])
				j = hiOff + 1
			}
			if hi < lo {
				return "", t.errf(start, j, "invalid range %s-%s: the end is before the start", printable(byte(lo)), printable(byte(hi)))
			}
			if t.fold && lower(lo) > lower(hi) {
				// gawk compares a range's ends in lower case under
				// IGNORECASE, and refuses [Z-a] ("Invalid range end").
				return "", t.errf(start, j, "invalid range %s-%s under the i flag: in lower case the end is before the start", printable(byte(lo)), printable(byte(hi)))
			}
			b.WriteString(classByte(byte(lo)) + "-" + classByte(byte(hi)))
			if t.fold {
				b.WriteString(foldRange(lo, hi))
			}
			if err := t.rangeEnd(j); err != nil {
				return "", err
			}
			prev = -1
			continue
		}
		b.WriteString(classByte(byte(lo)))
		if t.fold {
			b.WriteString(foldRange(lo, lo))
		}
		prev = lo
	}
	_ = prev
	b.WriteByte(']')
	t.i = j
	return b.String(), nil
}

// rangeEnd refuses a "-" at j that would start a range from the end of a
// range or a class ("[a-c-e]", "[[:alpha:]-z]"), as gawk does ("Invalid
// range end"); a "-" just before the closing "]" is a literal.
func (t *translator) rangeEnd(j int) error {
	if j+1 < len(t.src) && t.src[j] == '-' && t.src[j+1] != ']' {
		return t.errf(j, j+1, `invalid range end: "-" after a range or class`)
	}
	return nil
}

var posixClass = map[string]bool{"alnum": true, "alpha": true, "blank": true, "cntrl": true, "digit": true,
	"graph": true, "lower": true, "print": true, "punct": true, "space": true, "upper": true, "xdigit": true}

// byteLit is one byte as a Go pattern atom.
func byteLit(c byte) string {
	switch {
	case c >= 0x80 || c < 0x20 || c == 0x7f:
		return fmt.Sprintf(`\x{%x}`, c)
	case strings.IndexByte(`\.+*?()|[]{}^$`, c) >= 0:
		return `\` + string(c)
	}
	return string(c)
}

// classByte is one byte inside a Go character class.
func classByte(c byte) string {
	switch {
	case c >= 0x80 || c < 0x20 || c == 0x7f:
		return fmt.Sprintf(`\x{%x}`, c)
	case strings.IndexByte(`\]-^[`, c) >= 0:
		return `\` + string(c)
	}
	return string(c)
}

func printable(c byte) string {
	if c >= 0x20 && c < 0x7f {
		return string(c)
	}
	return fmt.Sprintf(`\x%02x`, c)
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	}
	return int(c-'A') + 10
}

// ParseFlags are the regexp/syntax flags TranslateERE's output is meant
// for: Perl syntax (\A, \z, \x{..}), "." and classes matching newline,
// ^ and $ at the ends of the text only.
const ParseFlags = syntax.Perl | syntax.DotNL
