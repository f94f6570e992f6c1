package compiler

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sebdah/goldie/v2"

	"github.com/smtpfp/smtpfp/lang"
)

const lintGoldenDir = "../testdata/golden/lint"

// renderLint is the text a lint golden holds: every finding rendered,
// then how many were silenced.
func renderLint(name, src string, opt LintOptions) string {
	_, f, diags, suppressed := LintSource(name, src, opt)
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(f.Source.Render(d))
	}
	fmt.Fprintf(&b, "%d finding(s), %d silenced\n", len(diags), suppressed)
	return b.String()
}

// TestLintGolden lints each rule file of testdata/golden/lint, made to
// show one kind of finding, and compares the rendered findings with its
// .golden. Refresh with GOLDIE_UPDATE=1.
func TestLintGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(lintGoldenDir, "*.fp"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no lint cases: %v", err)
	}
	g := goldie.New(t, goldie.WithFixtureDir(lintGoldenDir))
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".fp")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			g.Assert(t, name, []byte(renderLint(filepath.Base(path), string(src), LintOptions{})))
		})
	}
}

// TestLintDJB2001 pins what lint says about the seed's rulebase: nothing.
// Every one of its rules wins a recorded transcript
// (rulebase.TestDJB2001Golden), so none may be reported dead, and its
// patterns are plain enough to determinize cheaply.
func TestLintDJB2001(t *testing.T) {
	src, err := os.ReadFile("../rules/djb2001.fp")
	if err != nil {
		t.Fatal(err)
	}
	if got := renderLint("rules/djb2001.fp", string(src), LintOptions{}); got != "0 finding(s), 0 silenced\n" {
		t.Errorf("got:\n%s", got)
	}
	// With a threshold below the smail pattern's 1104 states it is the
	// one slow pattern.
	got := renderLint("rules/djb2001.fp", string(src), LintOptions{SlowStates: 1000})
	if !strings.Contains(got, "warning[slow_pattern]: / Hello.* here.s what we support") || !strings.Contains(got, "1104 states") ||
		!strings.HasSuffix(got, "1 finding(s), 0 silenced\n") {
		t.Errorf("with SlowStates 1000, got:\n%s", got)
	}
}

// TestLintDJB2001Extended appends rules to the seed's rulebase that its
// own rules leave dead: lint finds them among 71 rules, and names the
// rules that cover each, two together for the qmail one.
func TestLintDJB2001Extended(t *testing.T) {
	src, err := os.ReadFile("../rules/djb2001.fp")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(src), "\ndefault -> notsure", `
/ ESMTP Sendmail 8\.9\.3/ -> sendmail
/214[ -]qmail home page: http:..pobox.com..djb.qmail.htmlM/ -> qmail
/ ESMTP (Exim|Postfix) / -> exim
default -> notsure`, 1)
	// Line numbers are looked up, so the test survives edits of the file.
	lineOf := func(rule string) int {
		for i, l := range strings.Split(text, "\n") {
			if l == rule {
				return i + 1
			}
		}
		t.Fatalf("no line %q", rule)
		return 0
	}
	got := renderLint("djb2001.fp", text, LintOptions{})
	for _, want := range []string{
		fmt.Sprintf("djb2001.fp:%d:1: warning[dead_rule]: rule can never win: every transcript it matches is won by the rule at line %d\n",
			lineOf(`/ ESMTP Sendmail 8\.9\.3/ -> sendmail`), lineOf(`/ ESMTP Sendmail / -> sendmail`)),
		fmt.Sprintf("djb2001.fp:%d:1: warning[dead_rule]: rule can never win: every transcript it matches is won by the rules at lines %d and %d\n",
			lineOf(`/214[ -]qmail home page: http:..pobox.com..djb.qmail.htmlM/ -> qmail`),
			lineOf(`/214 qmail home page: http:..pobox.com..djb.qmail.htmlM/ -> qmail`),
			lineOf(`/214-qmail home page: http:..pobox.com..djb.qmail.htmlM/ -> qmail`)),
		fmt.Sprintf("djb2001.fp:%d:1: warning[dead_rule]: rule can never win: every transcript it matches is won by the rules at lines %d and %d\n",
			lineOf(`/ ESMTP (Exim|Postfix) / -> exim`), lineOf(`/ ESMTP Postfix / -> postfix`), lineOf(`/ ESMTP Exim / -> exim`)),
		"3 finding(s), 0 silenced\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

// TestLintFindings checks findings one at a time, rendered in full.
func TestLintFindings(t *testing.T) {
	const head = "rulebase \"t\" version \"1\"\nview raw\nlabel a \"A\"\nlabel b \"B\"\n"
	tests := []struct{ rules, want string }{
		{"/ab/ -> a\n/ac/ -> a\n/a[bc]/ -> b\n",
			"t.fp:7:1: warning[dead_rule]: rule can never win: every transcript it matches is won by the rules at lines 5 and 6\n" +
				"    7 | /a[bc]/ -> b\n      | ^~~~~~~~~~~~\n" +
				"t.fp:5:1: note: covered by this rule\n    5 | /ab/ -> a\n      | ^~~~~~~~~\n" +
				"t.fp:6:1: note: covered by this rule\n    6 | /ac/ -> a\n      | ^~~~~~~~~\n"},
		// $ at the end of the text: "ab" ends the text or is followed by
		// a byte, which /ab./ takes.
		{"/ab$/ -> a\n/ab./ -> a\n/ab/ -> b\n",
			"t.fp:7:1: warning[dead_rule]: rule can never win: every transcript it matches is won by the rules at lines 5 and 6\n" +
				"    7 | /ab/ -> b\n      | ^~~~~~~~~\n" +
				"t.fp:5:1: note: covered by this rule\n    5 | /ab$/ -> a\n      | ^~~~~~~~~~\n" +
				"t.fp:6:1: note: covered by this rule\n    6 | /ab./ -> a\n      | ^~~~~~~~~~\n"},
		// Scoped: a greeting match is a match of the whole transcript,
		// not the other way round.
		{"greeting ~ /x/ -> a\n/x/ -> b\n", ""},
		{"/x/ -> a\ngreeting ~ /x/ -> b\n",
			"t.fp:6:1: warning[dead_rule]: rule can never win: every transcript it matches is won by the rule at line 5\n" +
				"    6 | greeting ~ /x/ -> b\n      | ^~~~~~~~~~~~~~~~~~~\n" +
				"t.fp:5:1: note: covered by this rule\n    5 | /x/ -> a\n      | ^~~~~~~~\n"},
		// A greeting that is exactly "" is matched by /^$/ of the greeting
		// only when the greeting is empty: not covered by /^$/ of all.
		{"/^$/ -> a\ngreeting ~ /^$/ -> b\n", ""},
		{"!/x/ -> a\n/y/ -> b\n", ""},
	}
	for _, tt := range tests {
		_, f, diags, _ := LintSource("t.fp", head+tt.rules, LintOptions{})
		var b strings.Builder
		for _, d := range diags {
			if d.Severity != lang.Warning || d.Code == CodeUnusedLabel {
				continue
			}
			b.WriteString(f.Source.Render(d))
		}
		if b.String() != tt.want {
			t.Errorf("%s\ngot:\n%s\nwant:\n%s", tt.rules, b.String(), tt.want)
		}
	}
}

// scaleRules is a rulebase of n product banners, one in ten a more
// specific version of an earlier one (dead). Names are distinct words.
func scaleRules(n int) string {
	var b strings.Builder
	b.WriteString("rulebase \"scale\" version \"1\"\nview raw\nlabel x \"X\"\n")
	name := func(i int) string {
		w := []byte("P")
		for ; i > 0; i /= 26 {
			w = append(w, byte('a'+i%26))
		}
		return string(w)
	}
	for i := 0; i < n; i++ {
		if i%10 == 9 {
			fmt.Fprintf(&b, "greeting ~ /^220 [^ ]+ ESMTP %s 2\\.[0-9]/ -> x\n", name(i-5))
			continue
		}
		fmt.Fprintf(&b, "greeting ~ /^220 [^ ]+ ESMTP %s [0-9.]+/ || ehlo ~ /250-%s/ -> x\n", name(i), name(i))
	}
	return b.String()
}

// TestLintScales: lint's work (instructions its automata touch) grows
// about linearly with the rules, where comparing every pair of rules made
// it quadratic (#13); and it still finds
// every planted dead rule. The times are BenchmarkLint's, in make bench.
func TestLintScales(t *testing.T) {
	work := map[int]int{}
	for _, n := range []int{400, 1600} {
		p, f, diags := CompileSource("s.fp", scaleRules(n))
		if p == nil {
			t.Fatal(diags[0].Message)
		}
		l := lint(f, p, LintOptions{})
		dead := 0
		for _, d := range l.diags {
			if d.Code == CodeDeadRule {
				dead++
			}
		}
		// Rules 4, 14, 24...: the dead rule of block k names rule 10k+4.
		if dead != n/10 {
			t.Errorf("%d rules: %d dead, want %d", n, dead, n/10)
		}
		work[n] = l.a.work
	}
	if r := float64(work[1600]) / float64(work[400]); r > 6 {
		t.Errorf("4x the rules cost %.1fx the work (%d, %d): not linear", r, work[400], work[1600])
	} else {
		t.Logf("4x the rules: %.2fx the work", r)
	}
}

// TestIndexKeys: a pattern's keys are literals of which every match
// contains one (one for each branch of an alternation), each the rarest
// window of keyLen bytes among the rulebase's; none for a pattern that
// requires no literal bytes.
func TestIndexKeys(t *testing.T) {
	tests := []struct{ ere, key string }{
		{"ESMTP Postfix", " Postf"}, // rarer than the shared "ESMTP "
		{"ESMTP Exim", "MTP Ex"},
		{"^220 [^ ]+ ESMTP", " ESMTP"},
		{"a|b", ""}, // Go makes it the class [ab]
		{"(IronPort|AsyncOS)", "IronPo|AsyncO"},
		{"x|y*", ""},
		{"(abc)*", ""},
		{"x(abc)+", "abc"},
		{"(ab){2,3}", "ab"},
		{"(ab){0,3}", ""},
		{"ab?c", "a"},
		{"220 [0-9]+", "220 "},
	}
	var exprs []string
	for _, tt := range tests {
		expr, err := TranslateERE(tt.ere)
		if err != nil {
			t.Fatal(err)
		}
		exprs = append(exprs, expr)
	}
	for i, ks := range indexKeys(exprs) {
		if k := strings.Join(ks, "|"); k != tests[i].key {
			t.Errorf("/%s/: key %q, want %q", tests[i].ere, k, tests[i].key)
		}
	}
}
