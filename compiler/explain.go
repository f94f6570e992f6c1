package compiler

import "github.com/smtpfp/smtpfp/vm"

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
		s, end, ok := p.PatternSpan(i, in)
		e.Matched[i] = ok
		e.Spans[i] = [2]int{s, end}
	}
	for i := range p.Rules {
		if p.Rules[i].Holds(func(pat int) bool { return e.Matched[pat] }) {
			e.Holds = append(e.Holds, i)
		}
	}
	return e
}
