package compiler

import (
	"unicode/utf8"

	"github.com/smtpfp/smtpfp/vm"
)

// Explanation says which patterns and rules of a program hold for one
// transcript, worked out with Go's regexp pattern by pattern (the slow
// oracle, independent of the automaton), for `smtpfp explain`.
type Explanation struct {
	Matched []bool // per pattern: whether it matches
	Holds   []int  // rules whose condition holds, in priority order; Holds[0] wins
	// Spans[i] is the leftmost-longest match of pattern i as offsets into
	// the input's text, or nil when it does not match.
	Spans [][2]int
}

// Explain evaluates every pattern and every rule of p on in.
func Explain(p *vm.Program, in vm.Input) Explanation {
	e := Explanation{Matched: make([]bool, len(p.Patterns)), Spans: make([][2]int, len(p.Patterns))}
	for i := range p.Patterns {
		if sp, ok := PatternSpan(p, i, in); ok {
			e.Matched[i] = true
			e.Spans[i] = sp
		} else {
			e.Spans[i] = [2]int{-1, -1}
		}
	}
	for i := range p.Rules {
		if EvalRule(&p.Rules[i], e.Matched) {
			e.Holds = append(e.Holds, i)
		}
	}
	return e
}

// EvalRule evaluates a rule's postfix condition given which patterns
// matched.
func EvalRule(r *vm.Rule, matched []bool) bool {
	var st []bool
	for _, c := range r.Cond {
		switch c.Op {
		case vm.CondPat:
			st = append(st, matched[c.Arg])
		case vm.CondNot:
			st[len(st)-1] = !st[len(st)-1]
		case vm.CondAnd:
			st[len(st)-2] = st[len(st)-2] && st[len(st)-1]
			st = st[:len(st)-1]
		case vm.CondOr:
			st[len(st)-2] = st[len(st)-2] || st[len(st)-1]
			st = st[:len(st)-1]
		}
	}
	return len(st) == 1 && st[0]
}

// PatternSpan returns the leftmost-longest match of pattern i in the text
// it sees (the whole text, or each reply of its scope in turn), as byte
// offsets into in.Text.
func PatternSpan(p *vm.Program, i int, in vm.Input) ([2]int, bool) {
	re, err := p.Regexp(i)
	if err != nil {
		return [2]int{-1, -1}, false
	}
	for _, t := range pieces(in, p.Patterns[i].Scope) {
		seg := in.Text[t[0]:t[1]]
		loc := re.FindStringIndex(vm.Latin1(seg))
		if loc == nil {
			continue
		}
		// Offsets in the Latin-1 string back to bytes: each byte >= 0x80
		// is two bytes of UTF-8.
		back := func(off int) int {
			n, k := 0, 0
			for k < off {
				k++
				if seg[n] >= utf8.RuneSelf {
					k++
				}
				n++
			}
			return n
		}
		return [2]int{t[0] + back(loc[0]), t[0] + back(loc[1])}, true
	}
	return [2]int{-1, -1}, false
}

// pieces returns the [start, end) offsets of the text a pattern of scope
// sc sees: the whole text, or each reply of the scope.
func pieces(in vm.Input, sc vm.Scope) [][2]int {
	if sc == vm.ScopeAll {
		return [][2]int{{0, len(in.Text)}}
	}
	var out [][2]int
	for i, b := range in.Bounds {
		if b.Scope != sc {
			continue
		}
		end := len(in.Text)
		if i+1 < len(in.Bounds) {
			end = in.Bounds[i+1].Off
		}
		start := min(b.Off, len(in.Text))
		end = min(max(end, start), len(in.Text))
		out = append(out, [2]int{start, end})
	}
	return out
}
