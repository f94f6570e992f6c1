package compiler

// import-awk: a seed-style awk script to a .fp rulebase.
//
// The seed's script is a BEGIN block that names each tally row, then one
// line per pattern, first match wins:
//
//	BEGIN {
//		qmail = "UNIX qmail"
//	}
//	/214 qmail home page/ { print qmail; next }
//	/ Wellcome to HINES mailgateway / { print "unknown (HINES)"; next }
//	{ print "not sure" }
//
// ImportAWK reads that subset of awk: BEGIN assignments of strings;
// patterns made of /regex/, $0 ~ /regex/, $0 !~ /regex/, !, &&, || and
// parentheses; actions `print NAME; next` or `print "STRING"; next`; and a
// last rule without a pattern, which becomes the default. Comments and
// single blank lines are kept. Anything else is an awk_unsupported error
// at its position. A BEGIN variable becomes a label of the same name; a
// printed string becomes a label named after it ("unknown (HINES)" is
// unknown_hines). A tally name that starts with OS names joined by "/"
// ("UNIX/Windows Lotus Domino") gets them as OS tags, so the label's
// tally name is the string the script printed.

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/smtpfp/smtpfp/lang"
)

// ImportOptions name the rulebase ImportAWK writes.
type ImportOptions struct {
	Name    string // rulebase name; default: the script's file name without .awk
	Version string // rulebase version; default "imported"
}

// ImportAWK converts a seed-style awk script to .fp source in canonical
// form. Diagnostics point into the script (render them with src); the
// output is "" when there are errors.
func ImportAWK(name, script string, opt ImportOptions) (out string, src *lang.Source, diags []lang.Diagnostic) {
	src = lang.NewSource(name, script)
	if opt.Name == "" {
		opt.Name = strings.TrimSuffix(filepath.Base(name), ".awk")
	}
	if opt.Version == "" {
		opt.Version = "imported"
	}
	im := &importer{s: script, labels: map[string]*awkLabel{}, byDisplay: map[string]string{}}
	im.parse()
	if lang.HasErrors(im.diags) {
		return "", src, lang.Sort(im.diags)
	}
	text := im.write(opt)
	// The result must compile; if it does not, that is import-awk's bug
	// or a regex the matcher refuses, reported against the script.
	f, pd := lang.Parse(name+".fp", text)
	if lang.HasErrors(pd) {
		return "", src, append(im.diags, lang.Diagnostic{Severity: lang.Error, Code: CodeAwkUnsupported,
			Message: "the converted rulebase does not parse: " + pd[0].Message})
	}
	return lang.Format(f), src, lang.Sort(im.diags)
}

type awkLabel struct {
	id      string
	display string
	order   int
}

// awkItem is one line of output in script order: a comment, a blank
// line or a rule.
type awkItem struct {
	comment string // "# ..." or "" for a blank line
	cond    string
	label   string
	rule    bool
	def     bool
}

type importer struct {
	s         string
	i         int
	diags     []lang.Diagnostic
	labels    map[string]*awkLabel // by id
	byDisplay map[string]string    // printed string -> label id
	items     []awkItem
	header    []string // comments before the first rule or BEGIN
	seenRule  bool
	seenBegin bool
	def       bool
}

func (im *importer) errorf(start, end int, format string, args ...any) {
	im.diags = append(im.diags, lang.Diagnostic{Severity: lang.Error, Code: CodeAwkUnsupported,
		Span: lang.Span{Start: start, End: end}, Message: fmt.Sprintf(format, args...)})
}

// skipBlank skips blanks and newlines, inside braces.
func (im *importer) skipBlank() {
	for {
		im.skipSpace()
		if byteAt(im.s, im.i) != '\n' {
			return
		}
		im.i++
	}
}

// skipSpace skips blanks (not newlines) and a backslash-newline.
func (im *importer) skipSpace() {
	for im.i < len(im.s) {
		c := im.s[im.i]
		if c == ' ' || c == '\t' || c == '\r' {
			im.i++
		} else if c == '\\' && im.i+1 < len(im.s) && im.s[im.i+1] == '\n' {
			im.i += 2
		} else {
			return
		}
	}
}

// comment reads a comment at im.i, if any, and returns it.
func (im *importer) comment() string {
	if im.i < len(im.s) && im.s[im.i] == '#' {
		j := strings.IndexByte(im.s[im.i:], '\n')
		if j < 0 {
			j = len(im.s) - im.i
		}
		c := strings.TrimRight(im.s[im.i:im.i+j], " \t\r")
		im.i += j
		return c
	}
	return ""
}

// eol expects the end of a line (after an optional comment) and returns
// the comment.
func (im *importer) eol() (string, bool) {
	im.skipSpace()
	c := im.comment()
	if im.i < len(im.s) && im.s[im.i] != '\n' {
		im.errorf(im.i, im.i+1, "expected end of line, found %q", im.s[im.i])
		return "", false
	}
	if im.i < len(im.s) {
		im.i++
	}
	return c, true
}

func (im *importer) parse() {
	blank := false
	for im.i < len(im.s) && len(im.diags) < lang.MaxErrors {
		im.skipSpace()
		if im.i >= len(im.s) {
			break
		}
		switch c := im.s[im.i]; {
		case c == '\n':
			im.i++
			blank = true
			continue
		case c == '#':
			com := im.comment()
			if !im.seenRule && !im.seenBegin {
				im.header = append(im.header, com)
				continue
			}
			if blank {
				im.items = append(im.items, awkItem{})
			}
			im.items = append(im.items, awkItem{comment: com})
		case strings.HasPrefix(im.s[im.i:], "BEGIN") && !isIdentByte(byteAt(im.s, im.i+5)):
			im.i += 5
			im.seenBegin = true
			im.begin()
		default:
			if im.seenRule && blank {
				im.items = append(im.items, awkItem{})
			}
			im.seenRule = true
			if !im.rule() {
				im.skipLine()
			}
		}
		blank = false
	}
}

func byteAt(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// skipStmt skips to the end of a BEGIN statement: ";", a newline or "}".
func (im *importer) skipStmt() {
	for im.i < len(im.s) && strings.IndexByte(";\n}", im.s[im.i]) < 0 {
		im.i++
	}
}

func (im *importer) skipLine() {
	if j := strings.IndexByte(im.s[im.i:], '\n'); j >= 0 {
		im.i += j + 1
	} else {
		im.i = len(im.s)
	}
}

func (im *importer) ident() (string, int) {
	start := im.i
	if im.i < len(im.s) && !(im.s[im.i] >= '0' && im.s[im.i] <= '9') {
		for im.i < len(im.s) && isIdentByte(im.s[im.i]) {
			im.i++
		}
	}
	return im.s[start:im.i], start
}

// str reads an awk string literal and returns its value.
func (im *importer) str() (string, bool) {
	start := im.i
	if byteAt(im.s, im.i) != '"' {
		return "", false
	}
	var b strings.Builder
	im.i++
	for im.i < len(im.s) {
		c := im.s[im.i]
		switch {
		case c == '"':
			im.i++
			return b.String(), true
		case c == '\n':
			im.errorf(start, start+1, `unterminated string: expected "\"" before end of line`)
			return "", false
		case c == '\\' && im.i+1 < len(im.s):
			im.i++
			e := im.s[im.i]
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case '\\', '"', '/':
				b.WriteByte(e)
			default:
				im.errorf(im.i-1, im.i+1, "escape \\%c in a string is not supported", e)
				return "", false
			}
			im.i++
		default:
			b.WriteByte(c)
			im.i++
		}
	}
	im.errorf(start, start+1, `unterminated string: expected "\"" before end of line`)
	return "", false
}

// begin reads BEGIN { NAME = "STRING" ... }.
func (im *importer) begin() {
	im.skipSpace()
	if byteAt(im.s, im.i) != '{' {
		im.errorf(im.i, im.i+1, `expected "{" after BEGIN`)
		im.skipLine()
		return
	}
	im.i++
	for im.i < len(im.s) {
		im.skipSpace()
		c := byteAt(im.s, im.i)
		switch {
		case c == '\n' || c == ';':
			im.i++
			continue
		case c == '#':
			im.comment()
			continue
		case c == '}':
			im.i++
			im.eol()
			return
		}
		name, at := im.ident()
		if name == "" {
			im.errorf(im.i, im.i+1, "expected an assignment NAME = \"STRING\" in BEGIN, found %q", c)
			im.skipStmt()
			continue
		}
		im.skipSpace()
		if byteAt(im.s, im.i) != '=' {
			im.errorf(im.i, im.i+1, `expected "=" after %s: BEGIN may only assign strings`, name)
			im.skipStmt()
			continue
		}
		im.i++
		im.skipSpace()
		if byteAt(im.s, im.i) != '"' {
			im.errorf(im.i, im.i+1, "expected a string after %s =, found %s", name, im.found())
			im.skipStmt()
			continue
		}
		val, ok := im.str()
		if !ok {
			im.skipStmt()
			continue
		}
		if _, dup := im.labels[name]; dup {
			im.errorf(at, at+len(name), "%s is assigned twice", name)
			continue
		}
		im.labels[name] = &awkLabel{id: name, display: val, order: len(im.labels)}
	}
	im.errorf(im.i, im.i, `missing "}" at the end of BEGIN`)
}

// rule reads PATTERN { ACTION } or { ACTION } on one line.
func (im *importer) rule() bool {
	start := im.i
	var cond string
	if byteAt(im.s, im.i) != '{' {
		c, ok := im.or()
		if !ok {
			return false
		}
		cond = c
		im.skipSpace()
		if byteAt(im.s, im.i) != '{' {
			im.errorf(im.i, im.i+1, `expected "{" after the pattern, found %s`, im.found())
			return false
		}
	}
	if im.def {
		im.errorf(start, start+1, "a rule after the rule without a pattern can never run")
		return false
	}
	im.i++
	label, next, ok := im.action()
	if !ok {
		return false
	}
	com, ok := im.eol()
	if !ok {
		return false
	}
	if cond == "" {
		im.def = true
		im.items = append(im.items, awkItem{label: label, def: true, comment: com})
		return true
	}
	if !next {
		im.errorf(start, start+len(cond), `a rule whose action does not end with "next" falls through to the next rules: it has no .fp form`)
		return false
	}
	im.items = append(im.items, awkItem{cond: cond, label: label, rule: true, comment: com})
	return true
}

func (im *importer) found() string {
	if im.i >= len(im.s) || im.s[im.i] == '\n' {
		return "end of line"
	}
	return strconv.Quote(im.s[im.i : im.i+1])
}

// action reads `print X; next }` or `print X }` and returns the label.
func (im *importer) action() (string, bool, bool) {
	im.skipBlank()
	word, at := im.ident()
	if word != "print" {
		im.errorf(at, max(im.i, at+1), `expected "print", found %s`, quoteOr(word, im))
		return "", false, false
	}
	im.skipSpace()
	var label string
	if byteAt(im.s, im.i) == '"' {
		val, ok := im.str()
		if !ok {
			return "", false, false
		}
		label = im.literal(val)
	} else {
		name, at := im.ident()
		if name == "" {
			im.errorf(im.i, im.i+1, "expected a name or a string after print, found %s", im.found())
			return "", false, false
		}
		if _, ok := im.labels[name]; !ok {
			im.errorf(at, at+len(name), "%s is not assigned a string in BEGIN: awk would print an empty line", name)
			return "", false, false
		}
		label = name
	}
	im.skipSpace()
	next := false
	if c := byteAt(im.s, im.i); c == ';' || c == '\n' {
		im.i++
		im.skipBlank()
		if w, _ := im.ident(); w == "next" {
			next = true
		} else if w != "" {
			im.errorf(im.i-len(w), im.i, `expected "next" after print, found %q`, w)
			return "", false, false
		}
		im.skipBlank()
		if byteAt(im.s, im.i) == ';' {
			im.i++
			im.skipBlank()
		}
	}
	if byteAt(im.s, im.i) != '}' {
		im.errorf(im.i, im.i+1, `expected "}" after the action, found %s`, im.found())
		return "", false, false
	}
	im.i++
	return label, next, true
}

func quoteOr(w string, im *importer) string {
	if w != "" {
		return strconv.Quote(w)
	}
	return im.found()
}

// literal returns the label for a printed string, making one on first use.
func (im *importer) literal(val string) string {
	if id, ok := im.byDisplay[val]; ok {
		return id
	}
	base := slug(val)
	id := base
	for k := 2; im.labels[id] != nil; k++ {
		id = fmt.Sprintf("%s_%d", base, k)
	}
	im.labels[id] = &awkLabel{id: id, display: val, order: len(im.labels)}
	im.byDisplay[val] = id
	return id
}

// slug makes a label name of a string: lowercase letters and digits,
// other runs as one "_".
func slug(s string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if under && b.Len() > 0 {
				b.WriteByte('_')
			}
			under = false
			b.WriteRune(r)
		} else {
			under = true
		}
	}
	id := b.String()
	if id == "" || id[0] >= '0' && id[0] <= '9' {
		id = "l_" + id
	}
	return strings.TrimSuffix(id, "_")
}

// or, and, unary: the pattern grammar, returned as .fp text.
func (im *importer) or() (string, bool) {
	a, ok := im.and()
	for ok {
		im.skipSpace()
		if !strings.HasPrefix(im.s[im.i:], "||") {
			return a, true
		}
		im.i += 2
		var b string
		if b, ok = im.and(); ok {
			a += " || " + b
		}
	}
	return "", false
}

func (im *importer) and() (string, bool) {
	a, ok := im.unary()
	for ok {
		im.skipSpace()
		if !strings.HasPrefix(im.s[im.i:], "&&") {
			return a, true
		}
		im.i += 2
		var b string
		if b, ok = im.unary(); ok {
			a += " && " + b
		}
	}
	return "", false
}

func (im *importer) unary() (string, bool) {
	im.skipSpace()
	switch c := byteAt(im.s, im.i); {
	case c == '!':
		im.i++
		x, ok := im.unary()
		return "!" + x, ok
	case c == '(':
		start := im.i
		im.i++
		x, ok := im.or()
		if !ok {
			return "", false
		}
		im.skipSpace()
		if byteAt(im.s, im.i) != ')' {
			im.errorf(start, start+1, `missing ")" for this "("`)
			return "", false
		}
		im.i++
		return "(" + x + ")", true
	case c == '/':
		return im.regex()
	case strings.HasPrefix(im.s[im.i:], "$0"):
		start := im.i
		im.i += 2
		im.skipSpace()
		neg := false
		switch {
		case strings.HasPrefix(im.s[im.i:], "!~"):
			neg = true
			im.i += 2
		case byteAt(im.s, im.i) == '~':
			im.i++
		default:
			im.errorf(start, im.i, `expected "~" or "!~" after $0, found %s`, im.found())
			return "", false
		}
		im.skipSpace()
		if byteAt(im.s, im.i) != '/' {
			im.errorf(im.i, im.i+1, "expected a /regex/ after ~, found %s: dynamic regexes are not supported", im.found())
			return "", false
		}
		re, ok := im.regex()
		if neg {
			re = "!" + re
		}
		return re, ok
	}
	im.errorf(im.i, im.i+1, "expected a pattern (/regex/, $0 ~ /regex/, !, or a parenthesis), found %s", im.found())
	return "", false
}

// regex reads /.../ as awk does (a "/" inside brackets does not end it)
// and returns it as a .fp regex literal, where such a "/" is written \/.
func (im *importer) regex() (string, bool) {
	start := im.i
	im.i++
	var b strings.Builder
	b.WriteByte('/')
	inBracket := false
	for im.i < len(im.s) {
		c := im.s[im.i]
		switch {
		case c == '\n':
			im.errorf(start, start+1, `unterminated regex: expected "/" before end of line`)
			return "", false
		case c == '\\' && im.i+1 < len(im.s) && im.s[im.i+1] != '\n':
			b.WriteString(im.s[im.i : im.i+2])
			im.i += 2
			continue
		case !inBracket && c == '[':
			inBracket = true
			b.WriteByte(c)
			im.i++
			if byteAt(im.s, im.i) == '^' {
				b.WriteByte('^')
				im.i++
			}
			if byteAt(im.s, im.i) == ']' {
				b.WriteByte(']')
				im.i++
			}
			continue
		case inBracket && c == '[' && (byteAt(im.s, im.i+1) == ':' || byteAt(im.s, im.i+1) == '.' || byteAt(im.s, im.i+1) == '='):
			d := im.s[im.i+1]
			end := strings.Index(im.s[im.i+2:], string(d)+"]")
			nl := strings.IndexByte(im.s[im.i:], '\n')
			if end >= 0 && (nl < 0 || im.i+2+end < im.i+nl) {
				b.WriteString(im.s[im.i : im.i+2+end+2])
				im.i += 2 + end + 2
				continue
			}
		case inBracket && c == ']':
			inBracket = false
		case c == '/' && inBracket:
			b.WriteString(`\/`)
			im.i++
			continue
		case c == '/':
			im.i++
			b.WriteByte('/')
			lit := b.String()
			if _, err := TranslateERE(lit[1 : len(lit)-1]); err != nil {
				re := err.(*RegexError)
				// Offsets in lit match the script's unless a "\/" was
				// added; the caret is then near, not exact.
				im.errorf(start+1+re.Off, start+1+max(re.End, re.Off+1), "%s", re.Msg)
				return "", false
			}
			return lit, true
		}
		b.WriteByte(c)
		im.i++
	}
	im.errorf(start, start+1, `unterminated regex: expected "/" before end of line`)
	return "", false
}

// osByDisplay maps a tally's OS word ("UNIX") to its tag ("unix").
func osByDisplay() map[string]string {
	m := map[string]string{}
	for tag, d := range OSTags {
		m[d] = tag
	}
	return m
}

// splitDisplay splits "UNIX/Windows Lotus Domino" into OS tags and name.
func splitDisplay(s string) ([]string, string) {
	word, rest, ok := strings.Cut(s, " ")
	if !ok || rest == "" {
		return nil, s
	}
	tags := osByDisplay()
	var out []string
	for word != "" {
		found := false
		// The longest OS name first: "OS/2" contains a "/".
		var names []string
		for d := range tags {
			names = append(names, d)
		}
		sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
		for _, d := range names {
			if strings.HasPrefix(word, d) && (len(word) == len(d) || word[len(d)] == '/') {
				out = append(out, tags[d])
				word = strings.TrimPrefix(word[len(d):], "/")
				found = true
				break
			}
		}
		if !found {
			return nil, s
		}
	}
	return out, rest
}

// write prints the rulebase.
func (im *importer) write(opt ImportOptions) string {
	var b strings.Builder
	for _, c := range im.header {
		b.WriteString(c + "\n")
	}
	fmt.Fprintf(&b, "rulebase %s version %s\nview djb\n\n", strconv.Quote(opt.Name), strconv.Quote(opt.Version))
	var labels []*awkLabel
	for _, l := range im.labels {
		labels = append(labels, l)
	}
	sort.Slice(labels, func(i, j int) bool { return labels[i].order < labels[j].order })
	for _, l := range labels {
		tags, name := splitDisplay(l.display)
		fmt.Fprintf(&b, "label %s %s", l.id, strconv.Quote(name))
		if len(tags) > 0 {
			b.WriteString(" os " + strings.Join(tags, ", "))
		}
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	for _, it := range im.items {
		switch {
		case it.rule:
			b.WriteString(it.cond + " -> " + it.label)
		case it.def:
			b.WriteString("default -> " + it.label)
		}
		if it.comment != "" {
			if it.rule || it.def {
				b.WriteByte(' ')
			}
			b.WriteString(it.comment)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
