package compiler

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/smtpfp/smtpfp/lang"
	"github.com/smtpfp/smtpfp/vm"
)

// OSTags maps the tags rules write to how the tally shows them.
var OSTags = map[string]string{
	"unix": "UNIX", "windows": "Windows", "macos": "MacOS", "vms": "VMS", "linux": "Linux", "bsd": "BSD",
	"netware": "NetWare", "os2": "OS/2", "ibm": "IBM", "appliance": "Appliance", "cloud": "Cloud",
}

func knownTags() string {
	var ks []string
	for k := range OSTags {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ", ")
}

// CompileSource parses and compiles one rule file. The program is nil
// when there are errors; warnings come with a program.
func CompileSource(name, text string) (*vm.Program, *lang.File, []lang.Diagnostic) {
	f, diags := lang.Parse(name, text)
	p, more := Compile(f)
	diags = lang.Sort(append(diags, more...))
	if lang.HasErrors(diags) {
		return nil, f, diags
	}
	return p, f, diags
}

// Compile checks a parsed file and builds its program. It reports every
// problem it finds, not only the first; the program is nil if any is an
// error.
func Compile(f *lang.File) (*vm.Program, []lang.Diagnostic) {
	c := &compiler{file: f, p: &vm.Program{Default: -1}, labels: map[string]int{},
		patIndex: map[string]int{}, setIndex: map[vm.ByteSet]uint32{}}
	c.run()
	if !lang.HasErrors(c.diags) {
		c.width()
	}
	diags := lang.Sort(c.diags)
	if lang.HasErrors(diags) {
		return nil, diags
	}
	if err := c.p.Init(); err != nil {
		// The compiler's own output failed validation: a bug, not the user's.
		panic("compiler: invalid program: " + err.Error())
	}
	return c.p, diags
}

type compiler struct {
	file     *lang.File
	p        *vm.Program
	diags    []lang.Diagnostic
	labels   map[string]int
	labelPos []*lang.Label
	used     []bool
	patIndex map[string]int // scope + "\x00" + expr -> pattern
	patSpan  []lang.Span    // pattern -> its regex where first written
	setIndex map[vm.ByteSet]uint32
}

func (c *compiler) errorf(code string, sp lang.Span, format string, args ...any) *lang.Diagnostic {
	c.diags = append(c.diags, lang.Diagnostic{Severity: lang.Error, Code: code, Span: sp, Message: fmt.Sprintf(format, args...)})
	return &c.diags[len(c.diags)-1]
}

func (c *compiler) warnf(code string, sp lang.Span, format string, args ...any) {
	c.diags = append(c.diags, lang.Diagnostic{Severity: lang.Warning, Code: code, Span: sp, Message: fmt.Sprintf(format, args...)})
}

func noteAt(sp lang.Span, msg string) lang.Diagnostic {
	return lang.Diagnostic{Severity: lang.Note, Span: sp, Message: msg}
}

func (c *compiler) run() {
	var header *lang.Header
	var view *lang.ViewDecl
	var def *lang.Default
	// Labels first, so rules may name labels declared below them.
	for _, ln := range c.file.Lines {
		if ln.Stmt != nil && ln.Stmt.Label != nil {
			c.label(ln.Stmt.Label)
		}
	}
	for _, ln := range c.file.Lines {
		s := ln.Stmt
		if s == nil {
			continue
		}
		switch {
		case s.Header != nil:
			if header != nil {
				c.errorf(CodeDuplicateHeader, lang.Span{Start: s.Header.Pos.Offset, End: s.Header.Pos.Offset + 8}, "duplicate rulebase header").
					Notes = []lang.Diagnostic{noteAt(lang.Span{Start: header.Pos.Offset, End: header.Pos.Offset + 8}, "first header is here")}
				continue
			}
			header = s.Header
			c.p.Name, c.p.Version = s.Header.Name.Value, s.Header.Version.Value
		case s.View != nil:
			if view != nil {
				c.errorf(CodeDuplicateHeader, s.View.Name.Span(), "duplicate view")
				continue
			}
			view = s.View
			v, ok := vm.ViewByName(s.View.Name.Name)
			if !ok {
				c.errorf(CodeUnknownView, s.View.Name.Span(), "unknown view %q (known: djb, raw)", s.View.Name.Name)
			}
			c.p.View = v
		case s.Default != nil:
			if def != nil {
				c.errorf(CodeDuplicateDefault, lang.Span{Start: s.Default.Pos.Offset, End: s.Default.Pos.Offset + 7}, "duplicate default").
					Notes = []lang.Diagnostic{noteAt(lang.Span{Start: def.Pos.Offset, End: def.Pos.Offset + 7}, "first default is here")}
				continue
			}
			def = s.Default
			c.p.Default = c.use(s.Default.Label)
		case s.Advisory != nil:
			c.advisory(s.Advisory)
		case s.Rule != nil:
			c.rule(s.Rule)
		}
	}
	if header == nil {
		c.errorf(CodeMissingHeader, lang.Span{}, "missing rulebase header: expected `rulebase \"NAME\" version \"VERSION\"`")
	}
	if view == nil {
		c.errorf(CodeMissingView, lang.Span{}, "missing view: expected `view djb` or `view raw`")
	}
	for i, l := range c.labelPos {
		if len(c.file.BadLines) > 0 {
			break // a rule on a bad line may be the one that uses it
		}
		if !c.used[i] {
			c.warnf(CodeUnusedLabel, l.ID.Span(), "label %q is never used", l.ID.Name)
		}
	}
}

func (c *compiler) label(l *lang.Label) {
	if i, dup := c.labels[l.ID.Name]; dup {
		c.errorf(CodeDuplicateLabel, l.ID.Span(), "duplicate label %q", l.ID.Name).
			Notes = []lang.Diagnostic{noteAt(c.labelPos[i].ID.Span(), "first declared here")}
		return
	}
	lab := vm.Label{ID: l.ID.Name, Name: l.Name.Value}
	for _, t := range l.OS {
		d, ok := OSTags[t.Name]
		if !ok {
			c.errorf(CodeUnknownOSTag, t.Span(), "unknown OS tag %q (known: %s)", t.Name, knownTags())
			continue
		}
		lab.OS = append(lab.OS, d)
	}
	if l.Vendor != nil {
		lab.Vendor = l.Vendor.Value
	}
	if l.Product != nil {
		lab.Product = l.Product.Value
	}
	if l.CPE != nil {
		lab.CPE = l.CPE.Value
		if !strings.HasPrefix(lab.CPE, "cpe:2.3:") || strings.Count(lab.CPE, ":") < 12 {
			c.warnf(CodeBadCPE, l.CPE.Span(), `CPE should be "cpe:2.3:" followed by 11 fields`)
		}
	}
	c.labels[l.ID.Name] = len(c.p.Labels)
	c.p.Labels = append(c.p.Labels, lab)
	c.labelPos = append(c.labelPos, l)
	c.used = append(c.used, false)
}

// use resolves a label name, marking it used; -1 if undefined.
func (c *compiler) use(id *lang.Ident) int {
	i, ok := c.labels[id.Name]
	if !ok {
		c.errorf(CodeUndefinedLabel, id.Span(), "undefined label %q", id.Name)
		return -1
	}
	c.used[i] = true
	return i
}

func (c *compiler) advisory(a *lang.Advisory) {
	li, ok := c.labels[a.Label.Name]
	if !ok {
		c.errorf(CodeBadAdvisory, a.Label.Span(), "advisory for undefined label %q", a.Label.Name)
		return
	}
	if strings.TrimSpace(a.Version.Value) == "" {
		c.errorf(CodeBadAdvisory, a.Version.Span(), "advisory needs a version")
		return
	}
	adv := vm.Advisory{ID: a.ID.Value, Label: li, Op: a.Op, Version: a.Version.Value}
	if u := a.Upper; u != nil {
		// A range is written lower bound first, so that it reads as
		// the advisories write it ("8.7 through 8.7.5").
		switch {
		case a.Op != ">=" && a.Op != ">":
			c.errorf(CodeBadAdvisory, a.Version.Span(), "range must start with its lower bound (>= or >), found %q", a.Op)
			return
		case u.Op != "<" && u.Op != "<=":
			c.errorf(CodeBadAdvisory, u.Version.Span(), "range must end with its upper bound (< or <=), found %q", u.Op)
			return
		case strings.TrimSpace(u.Version.Value) == "":
			c.errorf(CodeBadAdvisory, u.Version.Span(), "advisory needs a version")
			return
		}
		adv.Op2, adv.Version2 = u.Op, u.Version.Value
	}
	c.p.Advisories = append(c.p.Advisories, adv)
}

func (c *compiler) rule(r *lang.Rule) {
	src := c.file.Source
	line, col := src.LineCol(r.Pos.Offset)
	ru := vm.Rule{Label: -1, VerPat: -1, File: src.Name, Line: line, Col: col,
		Source: src.Text[r.Pos.Offset:r.EndPos.Offset]}
	ok := true
	depth, maxDepth := 0, 0
	push := func(cd vm.Cond) {
		switch cd.Op {
		case vm.CondPat:
			depth++
		case vm.CondAnd, vm.CondOr:
			depth--
		}
		maxDepth = max(maxDepth, depth)
		ru.Cond = append(ru.Cond, cd)
	}
	var firstPos = -1
	var or func(o *lang.Or, neg bool)
	var unary func(u *lang.Unary, neg bool)
	or = func(o *lang.Or, neg bool) {
		for i, t := range o.Terms {
			for j, f := range t.Factors {
				unary(f, neg)
				if j > 0 {
					push(vm.Cond{Op: vm.CondAnd})
				}
			}
			if i > 0 {
				push(vm.Cond{Op: vm.CondOr})
			}
		}
	}
	unary = func(u *lang.Unary, neg bool) {
		if u.Not != nil {
			unary(u.Not, !neg)
			push(vm.Cond{Op: vm.CondNot})
			return
		}
		if u.Prim.Group != nil {
			or(u.Prim.Group, neg)
			return
		}
		m := u.Prim.Match
		pat, good := c.pattern(m)
		if !good {
			ok = false
			pat = 0
		}
		push(vm.Cond{Op: vm.CondPat, Arg: uint32(pat)})
		isNeg := neg != (m.Op == "!~")
		if m.Op == "!~" {
			push(vm.Cond{Op: vm.CondNot})
		}
		if good {
			seen := false
			for _, q := range ru.Pattern {
				seen = seen || q == pat
			}
			if !seen {
				ru.Pattern = append(ru.Pattern, pat)
			}
			if !isNeg && firstPos < 0 {
				firstPos = pat
			}
		}
	}
	or(r.Cond, false)
	if maxDepth > 64 {
		c.errorf(CodeTooDeep, r.Span(), "condition is nested too deeply (more than 64 levels)")
		ok = false
	}
	ru.Label = c.use(r.Label)
	if r.Version != nil {
		n, _ := strconv.Atoi(r.Version.Lit[1:])
		switch {
		case firstPos < 0:
			c.errorf(CodeBadCapture, r.Version.Span(), "version %s: the rule has no regex outside a negation to take it from", r.Version.Lit)
			ok = false
		case n < 1 || n > c.p.Patterns[firstPos].NumCap:
			c.errorf(CodeBadCapture, r.Version.Span(), "version %s: the regex has %d capture group%s", r.Version.Lit,
				c.p.Patterns[firstPos].NumCap, plural(c.p.Patterns[firstPos].NumCap))
			ok = false
		default:
			ru.VerPat, ru.VerCap = firstPos, n
		}
	}
	if ok && ru.Label >= 0 {
		c.p.Rules = append(c.p.Rules, ru)
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// pattern compiles the regex of m into the program (once per distinct
// scope and regex) and returns its index.
func (c *compiler) pattern(m *lang.Match) (int, bool) {
	scope := vm.ScopeAll
	if m.Scope != nil {
		s, ok := vm.ScopeByName(m.Scope.Name)
		if !ok {
			c.errorf(CodeUnknownScope, m.Scope.Span(), "unknown reply %q (known: %s)", m.Scope.Name, strings.Join(vm.ScopeNames(), ", "))
			return 0, false
		}
		scope = s
	}
	text := m.Regex.Text()
	base := m.Regex.TextSpan().Start
	fold, bad := regexFlags(m.Regex)
	if bad != nil {
		c.errorf(CodeBadRegex, bad.span, "%s", bad.msg)
		return 0, false
	}
	expr, err := translateERE(text, fold)
	if err != nil {
		re := err.(*RegexError)
		code := CodeBadRegex
		if re.Code != "" {
			code = re.Code
		}
		c.errorf(code, lang.Span{Start: base + re.Off, End: base + max(re.End, re.Off+1)}, "%s", re.Msg)
		return 0, false
	}
	key := fmt.Sprint(int(scope)) + "\x00" + expr
	if i, ok := c.patIndex[key]; ok {
		return i, true
	}
	re, err := syntax.Parse(expr, ParseFlags)
	if err != nil {
		// TranslateERE catches what gawk would reject; what is left is a
		// Go limit (such as nested repetition counts over 1000 in total).
		msg := err.Error()
		if se, ok := err.(*syntax.Error); ok {
			msg = string(se.Code)
		}
		c.errorf(CodeBadRegex, m.Regex.TextSpan(), "%s", msg)
		return 0, false
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		c.errorf(CodeBadRegex, m.Regex.TextSpan(), "%v", err)
		return 0, false
	}
	if n := len(prog.Inst); n > MaxPatternInsts {
		sp, why := m.Regex.TextSpan(), ""
		if off, end, ok := largestInterval(text); ok {
			sp, why = lang.Span{Start: base + off, End: base + end}, ": the repetition "+text[off:end]+" is copied out that many times"
		}
		c.errorf(CodeRegexTooLarge, sp, "regex compiles to %d NFA instructions (limit %d)%s", n, MaxPatternInsts, why)
		return 0, false
	}
	idx := len(c.p.Patterns)
	start := c.addProg(prog, idx)
	c.p.Patterns = append(c.p.Patterns, vm.Pattern{Start: start, Scope: scope, Expr: expr, Source: text, NumCap: re.MaxCap()})
	c.patSpan = append(c.patSpan, m.Regex.TextSpan())
	c.patIndex[key] = idx
	return idx, true
}

// MaxPatternInsts bounds the NFA of one regex. The matcher's work per
// byte is bounded by the program's size (vm.Program.StepBound), and a
// counted repetition is what makes one regex large: /[a-z]{1000}N/ is a
// thousand instructions whose threads all stay alive in lowercase text,
// so ten such rules stalled classifying one 100 KB reply (#13).
// Like RE2's limit on repetition counts, but on what they expand to. The
// largest regex of the shipped rulebases compiles to 318.
const MaxPatternInsts = 1000

// The NFA fallback's cost per byte is the threads its state holds. A
// regex keeps few alive (a literal one or two, one per ".*"), except
// where a counted repetition or a long run of one class lets a match
// start at each of many recent bytes: /[a-z]{990}N/ keeps 990 in
// lowercase text. check refuses a rulebase whose regexes keep more than
// MaxExtraThreads alive beyond FreeThreads each, counted on each regex's
// automaton (up to widthStates states, lint's slow_pattern threshold;
// past that, its waiting instructions, which bound them). The shipped
// rulebases' regexes keep at most 20 (rules/djb2001.fp's twenty "\*"),
// 5 beyond FreeThreads in all.
const (
	FreeThreads     = 16
	MaxExtraThreads = 250
	widthStates     = DefaultSlowStates
	// Every regex may explore widthFree states; more, up to widthStates,
	// come from widthBudget for the whole rulebase, so that thousands of
	// regexes with large automata do not stall check (the rest get the
	// static bound) while thousands of small ones are all counted.
	widthFree   = 200
	widthBudget = 200000
)

// width refuses a program whose regexes keep too many threads alive.
func (c *compiler) width() {
	a := newAutomata(c.p)
	// The counts are independent, so they run in parallel with the
	// largest limit; a regex that the budget gives less is counted again
	// with its own, when its first count stopped past that.
	counts := countAll(a, widthStates)
	var again *stateCounter
	var hs []heavyRegex
	total, budget := 0, widthBudget
	for i := range c.p.Patterns {
		limit := min(widthStates, widthFree+budget)
		n, threads := counts[i][0], counts[i][1]
		if n >= limit && limit < widthStates {
			if again == nil {
				again = newStateCounter(a)
			}
			n, threads = again.countStates(i, limit)
		}
		budget -= max(0, n-widthFree)
		if n >= limit {
			threads = c.waiting(a, i)
		}
		if threads > FreeThreads {
			total += threads - FreeThreads
			hs = append(hs, heavyRegex{i, threads})
		}
	}
	c.widthDiag(hs, total)
}

// heavyRegex is a regex that keeps more than FreeThreads alive.
type heavyRegex struct{ pat, threads int }

// waiting is regex i's waiting instructions, which bound the threads it
// keeps alive when its automaton is too large to count.
func (c *compiler) waiting(a *automata, i int) int {
	n := 0
	for _, pc := range a.pcs[i] {
		if op := c.p.Insts[pc].Op; op == vm.OpByte || op == vm.OpEnd {
			n++
		}
	}
	return n
}

// widthDiag refuses the rulebase when its heavy regexes keep, in all,
// total threads beyond FreeThreads each, more than MaxExtraThreads.
func (c *compiler) widthDiag(hs []heavyRegex, total int) {
	if total <= MaxExtraThreads {
		return
	}
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].threads > hs[j].threads })
	d := c.errorf(CodeRegexTooLarge, c.patSpan[hs[0].pat], "this regex keeps up to %d NFA threads alive at once, and the rulebase's regexes %d beyond %d each (limit %d): in the NFA fallback each costs every byte of a record",
		hs[0].threads, total, FreeThreads, MaxExtraThreads)
	for _, h := range hs[1:min(len(hs), 4)] {
		d.Notes = append(d.Notes, noteAt(c.patSpan[h.pat], fmt.Sprintf("this regex keeps up to %d", h.threads)))
	}
}

// largestInterval finds the {n,m} of the regex with the largest count,
// for the caret of regex_too_large.
func largestInterval(ere string) (off, end int, ok bool) {
	best := -1
	for _, loc := range intervalRE.FindAllStringSubmatchIndex(ere, -1) {
		v := 0
		for _, g := range [][2]int{{loc[2], loc[3]}, {loc[4], loc[5]}} {
			if g[0] >= 0 {
				n, _ := strconv.Atoi(ere[g[0]:g[1]])
				v = max(v, n)
			}
		}
		if v > best {
			best, off, end, ok = v, loc[0], loc[1], true
		}
	}
	return off, end, ok
}

var intervalRE = regexp.MustCompile(`\{([0-9]*),?([0-9]*)\}`)

// addProg appends a Go regexp program as vm instructions over bytes and
// returns its start. Runes above 0xFF never occur in Latin-1 text, so
// they are clipped away.
func (c *compiler) addProg(prog *syntax.Prog, pat int) uint32 {
	base := uint32(len(c.p.Insts))
	for _, in := range prog.Inst {
		var vi vm.Inst
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			vi = vm.Inst{Op: vm.OpSplit, Next: base + in.Out, Alt: base + in.Arg}
		case syntax.InstCapture, syntax.InstNop:
			vi = vm.Inst{Op: vm.OpNop, Next: base + in.Out}
		case syntax.InstEmptyWidth:
			switch e := syntax.EmptyOp(in.Arg); {
			case e&syntax.EmptyBeginText != 0:
				vi = vm.Inst{Op: vm.OpBegin, Next: base + in.Out}
			case e&syntax.EmptyEndText != 0:
				vi = vm.Inst{Op: vm.OpEnd, Next: base + in.Out}
			default:
				panic(fmt.Sprintf("compiler: unsupported empty-width assertion %v", e))
			}
		case syntax.InstMatch:
			vi = vm.Inst{Op: vm.OpMatch, Arg: uint32(pat)}
		case syntax.InstFail:
			vi = vm.Inst{Op: vm.OpFail}
		default: // InstRune, InstRune1, InstRuneAny, InstRuneAnyNotNL
			var set vm.ByteSet
			switch in.Op {
			case syntax.InstRuneAny:
				set.Add(0, 255)
			case syntax.InstRuneAnyNotNL:
				set.Add(0, '\n'-1)
				set.Add('\n'+1, 255)
			default:
				runes := in.Rune
				if len(runes) == 1 {
					r := runes[0]
					runes = []rune{r, r}
					// Go's parser turns a class that is exactly a letter's
					// case orbit ([bB], [éÉ]) into that letter with
					// FoldCase: the rune stands for its whole orbit.
					if syntax.Flags(in.Arg)&syntax.FoldCase != 0 {
						for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
							runes = append(runes, f, f)
						}
					}
				}
				for k := 0; k+1 < len(runes); k += 2 {
					lo, hi := runes[k], runes[k+1]
					if lo > 255 {
						continue
					}
					set.Add(byte(lo), byte(min(hi, 255)))
				}
			}
			vi = vm.Inst{Op: vm.OpByte, Arg: c.set(set), Next: base + in.Out}
		}
		c.p.Insts = append(c.p.Insts, vi)
	}
	return base + uint32(prog.Start)
}

func (c *compiler) set(s vm.ByteSet) uint32 {
	if i, ok := c.setIndex[s]; ok {
		return i
	}
	i := uint32(len(c.p.Sets))
	c.p.Sets = append(c.p.Sets, s)
	c.setIndex[s] = i
	return i
}

type flagError struct {
	span lang.Span
	msg  string
}

// regexFlags reads the flags after a regex's closing slash: "i" (fold
// case, gawk's IGNORECASE) or none.
func regexFlags(r *lang.Regex) (fold bool, bad *flagError) {
	fl, sp := r.Flags(), r.FlagsSpan()
	for k := 0; k < len(fl); k++ {
		at := lang.Span{Start: sp.Start + k, End: sp.Start + k + 1}
		switch {
		case fl[k] != 'i':
			return false, &flagError{at, fmt.Sprintf("unknown regex flag %q (known: i, for case-insensitive)", fl[k:k+1])}
		case fold:
			return false, &flagError{at, `regex flag "i" given twice`}
		}
		fold = true
	}
	return fold, nil
}
