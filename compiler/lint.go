package compiler

// Lint: findings about a rulebase that compiles, decided on its automata
// (automata.go) rather than by looking at regex text.
//
// A rule is dead when every transcript that makes its condition true is
// won by earlier rules. Lint proves it, and only reports what it proves:
//
//   - An earlier rule certainly wins every transcript matched by a pattern
//     that is a whole alternative of its condition (`/a/ -> x` or
//     `/a/ || (b && c) -> x` give /a/). These are the covering patterns.
//   - The rule's condition is an alternation of terms; a term holds only
//     where each of its positive patterns matches. The rule is dead when
//     every term has a positive pattern P whose transcripts are all matched
//     by some covering pattern: L(P) ⊆ L(Q1) ∪ ... ∪ L(Qn).
//
// The inclusion is decided by searching the subset construction of P and
// the Qi for a transcript P matches and no Qi does. The Qi come from
// counterexamples: start with none, find a transcript that P matches, add
// every covering pattern that matches it, and search again, until no
// covering pattern matches the transcript found (the rule is live, as far
// as lint can tell) or there is none (the rule is dead). Each search stops
// at LintOptions.MaxStates states; a rule it cannot decide is not
// reported. Negations and conjunctions only ever shrink a condition, so
// ignoring them keeps every report true.

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/smtpfp/smtpfp/lang"
	"github.com/smtpfp/smtpfp/vm"
)

// LintOptions tunes Lint; the zero value means the defaults.
type LintOptions struct {
	// MaxStates bounds the states of one inclusion search (default
	// 20000); a rule that needs more is not reported.
	MaxStates int
	// SlowStates is the slow_pattern threshold: a pattern whose
	// determinized automaton has more states is reported (default 2000).
	SlowStates int
	// SlowThreads is the other slow_pattern threshold: a pattern that
	// keeps more NFA threads alive at once is reported (default 64).
	SlowThreads int
}

// Default lint limits. 2000 states is above every pattern of the seed
// rulebase (its largest, the smail pattern with eight ".*", determinizes
// to 1104 states; the next is at 326) and well below what fills the
// matcher's 32 MB DFA cache, so a pattern over it is worth a look. A
// search of 20000 states took 20 ms over a four-symbol alphabet; it grows
// with the number of byte classes.
const (
	DefaultMaxStates  = 20000
	DefaultSlowStates = 2000
	// The shipped rulebases' most is 20 (/\*\*...\*/, twenty stars
	// in a row of stars), a counted repetition like {100} is over it.
	DefaultSlowThreads = 64
)

// LintCodes lists the codes Lint reports, and the compiler warnings lint
// passes on, in the order doc/lint.md describes them.
var LintCodes = []string{CodeDeadRule, CodeShadowedRule, CodeMatchAll, CodeDuplicatePattern, CodeUnusedLabel, CodeSlowPattern}

// LintSource compiles and lints a rule file. diags holds the compiler's
// diagnostics and lint's findings, sorted, without those silenced by
// `# fp:ignore CODE` comments; suppressed counts the silenced ones. The
// program is nil when the file does not compile (lint does not run).
func LintSource(name, text string, opt LintOptions) (p *vm.Program, f *lang.File, diags []lang.Diagnostic, suppressed int) {
	p, f, diags = CompileSource(name, text)
	if p != nil {
		diags = append(diags, Lint(f, p, opt)...)
	}
	diags, suppressed = Suppress(f, diags)
	return p, f, lang.Sort(diags), suppressed
}

// Lint returns the findings about f, which compiled to p without errors.
// Compiler warnings (unused_label, bad_cpe) are not repeated; LintSource
// merges them.
func Lint(f *lang.File, p *vm.Program, opt LintOptions) []lang.Diagnostic {
	return lint(f, p, opt).diags
}

// lint runs every check; its linter keeps the automata's work count.
func lint(f *lang.File, p *vm.Program, opt LintOptions) *linter {
	if opt.MaxStates <= 0 {
		opt.MaxStates = DefaultMaxStates
	}
	if opt.SlowStates <= 0 {
		opt.SlowStates = DefaultSlowStates
	}
	if opt.SlowThreads <= 0 {
		opt.SlowThreads = DefaultSlowThreads
	}
	l := &linter{f: f, p: p, opt: opt, a: newAutomata(p), matchAll: map[int]bool{}, dupOf: map[*lang.Match]*lang.Match{},
		short: map[int]shortest{}}
	if !l.index() {
		return l
	}
	l.duplicates()
	l.slow()
	l.rules()
	l.diags = lang.Sort(l.diags)
	return l
}

type linter struct {
	f     *lang.File
	p     *vm.Program
	opt   LintOptions
	a     *automata
	diags []lang.Diagnostic

	rules_   []*lang.Rule        // source rule of each program rule
	matches  []*lang.Match       // every match in source order
	ruleAt   [][2]int            // per rule: its matches, l.matches[from:to]
	key      [][]string          // pattern -> its candidate index keys (litindex.go)
	patOf    map[*lang.Match]int // match -> pattern
	firstUse []*lang.Match       // pattern -> its first match in the source
	terms    [][]term            // per rule: its alternatives
	dupOf    map[*lang.Match]*lang.Match
	matchAll map[int]bool // pattern -> matches every transcript (computed on demand)
	short    map[int]shortest
}

func (l *linter) warn(code string, sp lang.Span, msg string, notes ...lang.Diagnostic) {
	l.diags = append(l.diags, lang.Diagnostic{Severity: lang.Warning, Code: code, Span: sp, Message: msg, Notes: notes})
}

// index ties the source to the program: rules in order, and each match to
// its pattern (the compiler shares one pattern among equal regexes of one
// scope, so the key is the same).
func (l *linter) index() bool {
	key := map[string]int{}
	for i, pt := range l.p.Patterns {
		key[fmt.Sprint(int(pt.Scope))+"\x00"+pt.Expr] = i
	}
	l.patOf = map[*lang.Match]int{}
	l.firstUse = make([]*lang.Match, len(l.p.Patterns))
	var walkOr func(o *lang.Or)
	walkOr = func(o *lang.Or) {
		for _, t := range o.Terms {
			for _, f := range t.Factors {
				u := f
				for u.Not != nil {
					u = u.Not
				}
				if u.Prim.Group != nil {
					walkOr(u.Prim.Group)
					continue
				}
				m := u.Prim.Match
				scope := vm.ScopeAll
				if m.Scope != nil {
					scope, _ = vm.ScopeByName(m.Scope.Name)
				}
				fold, bad := regexFlags(m.Regex)
				expr, err := translateERE(m.Regex.Text(), fold)
				if err != nil || bad != nil {
					continue
				}
				i, ok := key[fmt.Sprint(int(scope))+"\x00"+expr]
				if !ok {
					continue
				}
				l.patOf[m] = i
				l.matches = append(l.matches, m)
				if l.firstUse[i] == nil {
					l.firstUse[i] = m
				}
			}
		}
	}
	for _, ln := range l.f.Lines {
		if ln.Stmt == nil || ln.Stmt.Rule == nil {
			continue
		}
		r := ln.Stmt.Rule
		l.rules_ = append(l.rules_, r)
		l.terms = append(l.terms, terms(r.Cond))
		from := len(l.matches)
		walkOr(r.Cond)
		l.ruleAt = append(l.ruleAt, [2]int{from, len(l.matches)})
	}
	exprs := make([]string, len(l.p.Patterns))
	for i, pt := range l.p.Patterns {
		exprs[i] = pt.Expr
	}
	l.key = indexKeys(exprs)
	// The program must be this file's: one rule per source rule.
	if len(l.rules_) != len(l.p.Rules) {
		return false
	}
	for i, r := range l.rules_ {
		line, _ := l.f.Source.LineCol(r.Pos.Offset)
		if l.p.Rules[i].Line != line {
			return false
		}
	}
	return true
}

// regexText is how a finding names a pattern: as written, with its scope.
func regexText(m *lang.Match) string {
	if m.Scope != nil {
		return m.Scope.Name + " " + m.Op + " " + m.Regex.Lit
	}
	return m.Regex.Lit
}

func (l *linter) line(off int) int {
	n, _ := l.f.Source.LineCol(off)
	return n
}

func note(sp lang.Span, msg string) lang.Diagnostic {
	return lang.Diagnostic{Severity: lang.Note, Span: sp, Message: msg}
}

// duplicates reports a rule alternative that is a single pattern written
// before as one, or one that matches exactly what such an earlier one
// matches. (A regex written again inside conjunctions is how conditions
// share a test, and is not reported.)
func (l *linter) duplicates() {
	// witness[i]: pattern i's shortest transcript. P and Q can only be
	// equal when each matches the other's; the earlier patterns that may
	// match P's come from the candidate index.
	witness := map[int]vm.Input{}
	idx := newLitIndex()
	first := map[int]*lang.Match{} // pattern -> first match that is a whole alternative
	for _, ts := range l.terms {
		for _, t := range ts {
			if !t.exact() {
				continue
			}
			m := t.pos[0]
			i := l.patOf[m]
			if f, ok := first[i]; ok {
				l.dupOf[m] = f
				l.warn(CodeDuplicatePattern, m.Span(), fmt.Sprintf("%s is written before, at line %d", regexText(m), l.line(f.Pos.Offset)),
					note(f.Span(), "first written here"))
				continue
			}
			first[i] = m
			var equal []int // earlier patterns that match i's witness
			if res, w := l.shortest(i); res == searchFound {
				witness[i] = w
				equal = l.matching(idx.candidates(w.Text), w)
			}
			for _, j := range equal {
				wj, ok := witness[j]
				if !ok || len(l.matching([]int{i}, wj)) == 0 || !l.included(i, j) || !l.included(j, i) {
					continue
				}
				f := first[j]
				l.dupOf[m] = f
				l.warn(CodeDuplicatePattern, m.Span(), fmt.Sprintf("%s matches exactly what %s at line %d matches",
					regexText(m), regexText(f), l.line(f.Pos.Offset)), note(f.Span(), "that pattern is here"))
				break
			}
			idx.add(i, l.key[i])
		}
	}
}

// matching returns the patterns of pats that match in, in pats' order.
func (l *linter) matching(pats []int, in vm.Input) []int {
	if len(pats) == 0 {
		return nil
	}
	hit := l.a.group(pats).run(in)
	var out []int
	for k, q := range pats {
		if hit[k>>6]&(1<<(uint(k)&63)) != 0 {
			out = append(out, q)
		}
	}
	return out
}

// shortest is the result of searching for pattern i's shortest
// transcript, once per pattern: duplicates and cover both start there.
type shortest struct {
	res int
	w   vm.Input
}

func (l *linter) shortest(i int) (int, vm.Input) {
	s, ok := l.short[i]
	if !ok {
		s.res, s.w = l.a.group([]int{i}).uncovered(0, l.opt.MaxStates)
		l.short[i] = s
	}
	return s.res, s.w
}

// included reports whether L(i) ⊆ L(j), proven.
func (l *linter) included(i, j int) bool {
	res, _ := l.a.group([]int{i, j}).uncovered(0, l.opt.MaxStates)
	return res == searchProven
}

// isMatchAll reports whether pattern i matches every transcript.
func (l *linter) isMatchAll(i int) bool {
	v, ok := l.matchAll[i]
	if !ok {
		res, _ := l.a.group([]int{i}).uncovered(-1, l.opt.MaxStates)
		v = res == searchProven
		l.matchAll[i] = v
	}
	return v
}

// slow reports patterns whose automaton determinizes to many states,
// with the count (up to ten times the threshold), and patterns that keep
// many NFA threads alive at once, with the most found: the cost of each
// byte when the matcher falls back to the NFA.
func (l *linter) slow() {
	limit := 10 * l.opt.SlowStates
	sc := newStateCounter(l.a)
	defer func() { l.a.work += sc.work }()
	for i, m := range l.firstUse {
		if m == nil {
			continue
		}
		n, threads := sc.countStates(i, limit+1)
		var msg string
		switch {
		case n > l.opt.SlowStates:
			figure := fmt.Sprintf("%d states", n)
			if n > limit {
				figure = fmt.Sprintf("more than %d states", limit)
			}
			msg = fmt.Sprintf("%s determinizes to %s (limit %d): the lazy DFA pays for each in memory and cache resets",
				regexText(m), figure, l.opt.SlowStates)
		case threads > l.opt.SlowThreads:
			msg = fmt.Sprintf("%s keeps up to %d NFA threads alive at once (limit %d): when the lazy DFA gives up, each costs every byte",
				regexText(m), threads, l.opt.SlowThreads)
		default:
			continue
		}
		l.warn(CodeSlowPattern, m.Span(), msg)
	}
}

// term is one alternative of a condition: pos are its positive patterns
// (the term holds only where each matches), leaves counts all its
// patterns.
type term struct {
	pos    []*lang.Match
	leaves int
}

// exact reports whether the term is one positive pattern and nothing
// else: then it holds exactly where that pattern matches.
func (t term) exact() bool { return t.leaves == 1 && len(t.pos) == 1 }

func unwrap(u *lang.Unary) (*lang.Primary, bool) {
	neg := false
	for u.Not != nil {
		neg = !neg
		u = u.Not
	}
	return u.Prim, neg
}

// terms splits a condition into its alternatives, opening groups that are
// not negated.
func terms(o *lang.Or) []term {
	var out []term
	for _, a := range o.Terms {
		if len(a.Factors) == 1 {
			if prim, neg := unwrap(a.Factors[0]); prim.Group != nil && !neg {
				out = append(out, terms(prim.Group)...)
				continue
			}
		}
		var t term
		conj(a, &t)
		out = append(out, t)
	}
	return out
}

func conj(a *lang.And, t *term) {
	for _, f := range a.Factors {
		prim, neg := unwrap(f)
		switch {
		case prim.Group != nil && !neg && len(prim.Group.Terms) == 1:
			conj(prim.Group.Terms[0], t)
		case prim.Group != nil:
			t.leaves += 2 // opaque: more than one pattern
		default:
			t.leaves++
			if neg == (prim.Match.Op == "!~") {
				t.pos = append(t.pos, prim.Match)
			}
		}
	}
}

// rules finds dead and shadowed rules, and match-all patterns.
func (l *linter) rules() {
	covering := map[int]int{} // pattern -> first rule it is a whole alternative of
	coverIdx := newLitIndex() // the covering patterns, by required literal
	allRule := -1             // first rule with a match-all alternative
	for i, r := range l.rules_ {
		ts := l.terms[i]
		for _, m := range l.matches[l.ruleAt[i][0]:l.ruleAt[i][1]] {
			if l.firstUse[l.patOf[m]] == m && l.isMatchAll(l.patOf[m]) {
				msg := fmt.Sprintf("%s matches every transcript", regexText(m))
				if isExactTerm(ts, m) {
					msg += ": no later rule and not the default can apply"
				}
				l.warn(CodeMatchAll, m.Span(), msg)
			}
		}
		switch {
		case allRule >= 0:
			ar := l.rules_[allRule]
			l.warn(CodeShadowedRule, r.Span(), fmt.Sprintf("rule can never win: the rule at line %d matches every transcript", l.line(ar.Pos.Offset)),
				note(ar.Span(), "that rule is here"))
		default:
			if covers, ok := l.dead(ts, covering, coverIdx); ok && !l.allDuplicates(ts) {
				l.reportDead(r, covers, covering)
			}
		}
		for _, t := range ts {
			if !t.exact() {
				continue
			}
			pat := l.patOf[t.pos[0]]
			if _, seen := covering[pat]; !seen {
				covering[pat] = i
				coverIdx.add(pat, l.key[pat])
			}
			if allRule < 0 && l.isMatchAll(pat) {
				allRule = i
			}
		}
	}
}

// allDuplicates reports whether every alternative of a rule repeats an
// earlier one: duplicate_pattern has said why it can never win.
func (l *linter) allDuplicates(ts []term) bool {
	for _, t := range ts {
		if !t.exact() || l.dupOf[t.pos[0]] == nil {
			return false
		}
	}
	return true
}

func isExactTerm(ts []term, m *lang.Match) bool {
	for _, t := range ts {
		if t.exact() && t.pos[0] == m {
			return true
		}
	}
	return false
}

// dead decides whether every term of a rule is covered by the covering
// patterns, and returns the patterns that cover it.
func (l *linter) dead(ts []term, covering map[int]int, coverIdx *litIndex) ([]int, bool) {
	var all []int
	for _, t := range ts {
		found := false
		for _, m := range t.pos {
			if cs, ok := l.cover(l.patOf[m], covering, coverIdx); ok {
				all = append(all, cs...)
				found = true
				break
			}
		}
		if !found {
			return nil, false
		}
	}
	return all, true
}

// cover decides L(pat) ⊆ ∪ L(covering patterns) by counterexamples, and
// returns a minimal set of covering patterns that proves it.
func (l *linter) cover(pat int, covering map[int]int, coverIdx *litIndex) ([]int, bool) {
	if _, ok := covering[pat]; ok {
		return []int{pat}, true
	}
	if len(covering) == 0 {
		// Only a pattern that matches nothing is covered by nothing.
		res, _ := l.a.group([]int{pat}).uncovered(0, l.opt.MaxStates)
		return nil, res == searchProven
	}
	var cs []int
	in := map[int]bool{}
	for {
		res, w := l.shortest(pat)
		if len(cs) > 0 {
			res, w = l.a.group(append([]int{pat}, cs...)).uncovered(0, l.opt.MaxStates)
		}
		switch res {
		case searchUnknown:
			return nil, false
		case searchProven:
			return l.minimize(pat, cs), true
		}
		grew := false
		for _, q := range l.matching(coverIdx.candidates(w.Text), w) {
			if !in[q] {
				in[q] = true
				cs = append(cs, q)
				grew = true
			}
		}
		if !grew {
			return nil, false
		}
	}
}

// minimize drops covering patterns that the proof does not need.
func (l *linter) minimize(pat int, cs []int) []int {
	for k := len(cs) - 1; k >= 0 && len(cs) > 1; k-- {
		try := append(append([]int{pat}, cs[:k]...), cs[k+1:]...)
		if res, _ := l.a.group(try).uncovered(0, l.opt.MaxStates); res == searchProven {
			cs = append(cs[:k:k], cs[k+1:]...)
		}
	}
	return cs
}

func (l *linter) reportDead(r *lang.Rule, covers []int, covering map[int]int) {
	ruleSet := map[int]bool{}
	for _, c := range covers {
		ruleSet[covering[c]] = true
	}
	var idx []int
	for k := range ruleSet {
		idx = append(idx, k)
	}
	sort.Ints(idx)
	if len(idx) == 0 {
		l.warn(CodeDeadRule, r.Span(), "rule can never win: its condition matches no transcript")
		return
	}
	var lines []string
	var notes []lang.Diagnostic
	for _, k := range idx {
		cr := l.rules_[k]
		lines = append(lines, fmt.Sprint(l.line(cr.Pos.Offset)))
		notes = append(notes, note(cr.Span(), "covered by this rule"))
	}
	who := "the rule at line " + lines[0]
	if len(lines) > 1 {
		who = "the rules at lines " + strings.Join(lines[:len(lines)-1], ", ") + " and " + lines[len(lines)-1]
	}
	l.warn(CodeDeadRule, r.Span(), "rule can never win: every transcript it matches is won by "+who, notes...)
}

var (
	// fp:ignore and a comma-separated list of codes; anything after it
	// is a reason for the reader.
	ignoreRE = regexp.MustCompile(`fp:ignore\s+([a-z_]+(?:\s*,\s*[a-z_]+)*)`)
)

// Suppress removes the warnings silenced by a `# fp:ignore CODE[, CODE]`
// comment on the line the warning points at, or in the comment lines right
// above it. It returns the rest and how many it removed. Errors are never
// silenced.
func Suppress(f *lang.File, ds []lang.Diagnostic) ([]lang.Diagnostic, int) {
	comment := map[int]string{}
	onlyComment := map[int]bool{}
	for _, ln := range f.Lines {
		if ln.Comment == nil {
			continue
		}
		n, _ := f.Source.LineCol(ln.Pos.Offset)
		if ln.Pos.Line > 0 {
			n = ln.Pos.Line
		}
		comment[n] = *ln.Comment
		onlyComment[n] = ln.Stmt == nil
	}
	codes := func(c string) map[string]bool {
		m := ignoreRE.FindStringSubmatch(c)
		if m == nil {
			return nil
		}
		out := map[string]bool{}
		for _, w := range strings.Split(m[1], ",") {
			out[strings.TrimSpace(w)] = true
		}
		return out
	}
	silenced := func(d lang.Diagnostic) bool {
		n, _ := f.Source.LineCol(d.Span.Start)
		if codes(comment[n])[d.Code] {
			return true
		}
		for k := n - 1; k >= 1 && onlyComment[k]; k-- {
			if codes(comment[k])[d.Code] {
				return true
			}
		}
		return false
	}
	var kept []lang.Diagnostic
	dropped := 0
	for _, d := range ds {
		if d.Severity == lang.Warning && silenced(d) {
			dropped++
			continue
		}
		kept = append(kept, d)
	}
	return kept, dropped
}
