package compiler

import (
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/lang"
	"github.com/smtpfp/smtpfp/vm"
)

// FuzzNesting grows nesting: open repeated n times, a core, close
// repeated n times, in a condition or inside a regex. Whatever the depth,
// compiling returns (no stack overflow, no panic) with spans inside the
// file; a unit that opens a level each time ("(", "!", "!(" in a
// condition, "(" or a stacked "*" in a regex) is refused with too_deep
// past its limit and accepted within it; and a rule that compiles
// classifies as Go's regexp does. CI runs it briefly:
//
//	go test ./compiler -run '^$' -fuzz '^FuzzNesting$' -fuzztime 10s
func FuzzNesting(f *testing.F) {
	f.Add("(", ")", uint32(150000), false)
	f.Add("!", "", uint32(1000000), false)
	f.Add("!(", ")", uint32(33), false)
	f.Add("(", ")", uint32(64), false)
	f.Add("/a/ && (", ")", uint32(64), false)
	f.Add("(", ")", uint32(101), true)
	f.Add("(", ")", uint32(100), true)
	f.Add("", "*", uint32(100000), true)
	f.Add("(a|", ")", uint32(99), true)
	f.Add("[", "]", uint32(1000), true)
	// Many atoms, each with stacked repetitions: rewriting the whole
	// output for each made this 320 KB regex quadratic.
	f.Add("a***************", "", uint32(20000), true)
	f.Fuzz(func(t *testing.T, open, close string, n uint32, inRegex bool) {
		k := int(n % 1200000)
		if len(open)+len(close) > 16 || strings.ContainsAny(open+close, "\n") || k*(len(open)+len(close)) > 4<<20 {
			return
		}
		var rule string
		if inRegex {
			rule = "/" + strings.Repeat(open, k) + "a" + strings.Repeat(close, k) + "/ -> x\n"
		} else {
			rule = strings.Repeat(open, k) + "/a/" + strings.Repeat(close, k) + " -> x\n"
		}
		src := "rulebase \"t\" version \"1\"\nview raw\nlabel x \"X\"\n" + rule
		p, file, diags := CompileSource("t.fp", src)
		deep := false
		for _, d := range diags {
			if d.Span.Start < 0 || d.Span.Start > d.Span.End || d.Span.End > len(src) {
				t.Fatalf("span %v outside the file (%d bytes): %s", d.Span, len(src), d.Message)
			}
			if l, _ := file.Source.LineCol(d.Span.Start); l != 4 {
				t.Fatalf("diagnostic on line %d: %s", l, d.Message)
			}
			deep = deep || d.Code == lang.CodeTooDeep
		}
		levels, limit := -1, lang.MaxNesting
		switch {
		case !inRegex && (open == "(" && close == ")" || open == "!" && close == ""):
			levels = k
		case !inRegex && open == "!(" && close == ")":
			levels = 2 * k
		case inRegex && (open == "(" && close == ")" || open == "" && close == "*"):
			levels, limit = k, MaxRegexNesting
		}
		if levels >= 0 && deep != (levels > limit) {
			t.Fatalf("%d levels of %q %q (limit %d): too_deep %v: %v", levels, open, close, limit, deep, diags)
		}
		if p == nil {
			return
		}
		for _, text := range []string{"a", "", "xaax", strings.Repeat("a", 70)} {
			in := vm.Input{Text: []byte(text)}
			if got, want := p.Match(in).Rule, p.MatchRegexp(in).Rule; got != want {
				t.Fatalf("%q on %q: rule %d, regexp says %d", rule, text, got, want)
			}
		}
	})
}
