package vm

import (
	"regexp"
	"sync"
	"unicode/utf8"
)

// Go's regexp package, run over Latin-1 text, gives the match span and the
// capture groups of the winning rule (the automaton only says which
// patterns match), and is the oracle that tests and the baseline benchmark
// compare the automaton with. Pattern.Expr is written over runes 0-255, so
// turning each byte of the text into the rune of the same value gives
// byte semantics.

type lazyRegexp struct {
	once sync.Once
	re   *regexp.Regexp
	err  error
}

// Regexp returns pattern i compiled with Go's regexp, leftmost-longest
// like awk's match().
func (p *Program) Regexp(i int) (*regexp.Regexp, error) {
	p.Init()
	l := &p.d.re[i]
	l.once.Do(func() {
		l.re, l.err = regexp.Compile(`(?s)` + p.Patterns[i].Expr)
		if l.err == nil {
			l.re.Longest()
		}
	})
	return l.re, l.err
}

// Latin1 returns b with each byte as the rune of the same value, in UTF-8.
func Latin1(b []byte) string {
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		if c < utf8.RuneSelf {
			out = append(out, c)
		} else {
			out = utf8.AppendRune(out, rune(c))
		}
	}
	return string(out)
}

// texts returns the pieces of in a pattern of scope sc sees, as [start,
// end) offsets into in.Text. Bounds are read as the automaton reads them:
// each starts where the previous one did if it says earlier (or before
// the text), and none goes past the end, so both engines agree on any
// input, ordered or not.
func texts(in Input, sc Scope) [][2]int {
	if sc == ScopeAll {
		return [][2]int{{0, len(in.Text)}}
	}
	var out [][2]int
	start := 0
	for i, b := range in.Bounds {
		start = min(max(b.Off, start), len(in.Text))
		end := len(in.Text)
		if i+1 < len(in.Bounds) {
			end = min(max(in.Bounds[i+1].Off, start), len(in.Text))
		}
		if b.Scope == sc {
			out = append(out, [2]int{start, end})
		}
	}
	return out
}

// submatch returns the leftmost-longest match of pattern i in its text, as
// offsets into in.Text (-1 for groups that did not take part), or nil.
func (p *Program) submatch(i int, in Input) []int {
	re, err := p.Regexp(i)
	if err != nil {
		return nil
	}
	for _, t := range texts(in, p.Patterns[i].Scope) {
		seg := in.Text[t[0]:t[1]]
		s := Latin1(seg)
		loc := re.FindStringSubmatchIndex(s)
		if loc == nil {
			continue
		}
		// Map offsets in the Latin-1 string back to bytes of seg.
		back := make([]int, len(s)+1)
		j := 0
		for k, c := range seg {
			back[j] = k
			if c < utf8.RuneSelf {
				j++
			} else {
				back[j+1] = k
				j += 2
			}
		}
		back[len(s)] = len(seg)
		for k := range loc {
			if loc[k] >= 0 {
				loc[k] = t[0] + back[loc[k]]
			}
		}
		return loc
	}
	return nil
}

// PatternSpan returns the leftmost-longest match of pattern i in the text
// it sees (the whole text, or each reply of its scope in turn) as byte
// offsets into in.Text, using Go's regexp: the oracle, independent of the
// automaton. ok is false when it does not match.
func (p *Program) PatternSpan(i int, in Input) (start, end int, ok bool) {
	if p.Init() != nil {
		return -1, -1, false
	}
	if sm := p.submatch(i, in); sm != nil {
		return sm[0], sm[1], true
	}
	return -1, -1, false
}

// Holds evaluates the rule's condition given which patterns matched.
func (r *Rule) Holds(matched func(pattern int) bool) bool {
	var st []bool
	for _, c := range r.Cond {
		switch c.Op {
		case CondPat:
			st = append(st, matched(int(c.Arg)))
		case CondNot:
			st[len(st)-1] = !st[len(st)-1]
		case CondAnd:
			st[len(st)-2] = st[len(st)-2] && st[len(st)-1]
			st = st[:len(st)-1]
		case CondOr:
			st[len(st)-2] = st[len(st)-2] || st[len(st)-1]
			st = st[:len(st)-1]
		}
	}
	return len(st) == 1 && st[0]
}

// MatchRegexp is the slow oracle: each rule's condition evaluated in order
// with Go's regexp, one regexp per pattern as needed. It must agree with
// Match on every input (tests and FuzzMatch check it), and it is the
// "regexps one by one" baseline of the benchmarks.
func (p *Program) MatchRegexp(in Input) Result {
	if err := p.Init(); err != nil {
		return Result{Rule: -1, Label: -1, Start: -1, End: -1}
	}
	known := map[int]bool{}
	var lat = map[[2]int]string{}
	matches := func(i int) bool {
		if v, ok := known[i]; ok {
			return v
		}
		re, err := p.Regexp(i)
		v := false
		if err == nil {
			for _, t := range texts(in, p.Patterns[i].Scope) {
				s, ok := lat[t]
				if !ok {
					s = Latin1(in.Text[t[0]:t[1]])
					lat[t] = s
				}
				if re.MatchString(s) {
					v = true
					break
				}
			}
		}
		known[i] = v
		return v
	}
	for i := range p.Rules {
		if p.Rules[i].Holds(matches) {
			return p.result(i, in, false)
		}
	}
	return p.result(-1, in, false)
}
