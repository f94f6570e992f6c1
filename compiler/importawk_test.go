package compiler

import (
	"os"
	"strings"
	"testing"

	"github.com/sebdah/goldie/v2"

	"github.com/smtpfp/smtpfp/corpus"
	"github.com/smtpfp/smtpfp/transcript"
	"github.com/smtpfp/smtpfp/view"
	"github.com/smtpfp/smtpfp/vm"
)

// TestImportAWKDJB2001 converts the seed's awk script and checks that
// the rulebase it gives labels every recorded seed transcript and 2000
// generated ones exactly as rules/djb2001.fp does (by tally name, the
// only thing the script prints). The converted text is pinned in
// testdata/golden/import-awk/djb2001.golden.
func TestImportAWKDJB2001(t *testing.T) {
	script, err := os.ReadFile("../testdata/djb2001.awk")
	if err != nil {
		t.Fatal(err)
	}
	out, src, diags := ImportAWK("testdata/djb2001.awk", string(script), ImportOptions{})
	for _, d := range diags {
		t.Error(src.Render(d))
	}
	goldie.New(t, goldie.WithFixtureDir("../testdata/golden/import-awk")).Assert(t, "djb2001", []byte(out))
	imported, f, diags := CompileSource("djb2001-imported.fp", out)
	if imported == nil {
		for _, d := range diags {
			t.Error(f.Source.Render(d))
		}
		t.FailNow()
	}
	for _, d := range diags {
		t.Errorf("warning in the imported rulebase:\n%s", f.Source.Render(d))
	}
	seed, err := os.ReadFile("../rules/djb2001.fp")
	if err != nil {
		t.Fatal(err)
	}
	want, _, _ := CompileSource("djb2001.fp", string(seed))
	if len(imported.Rules) != len(want.Rules) {
		t.Errorf("%d rules imported, rules/djb2001.fp has %d", len(imported.Rules), len(want.Rules))
	}
	recs := corpus.Generate(2001, 2000)
	for _, c := range corpus.DJB2001() {
		recs = append(recs, c.Record)
	}
	display := func(p *vm.Program, r vm.Result) string {
		if r.Label < 0 {
			return ""
		}
		return p.Labels[r.Label].Display()
	}
	labels := map[string]bool{}
	for i := range recs {
		if recs[i].Outcome != transcript.Greeted {
			continue
		}
		in := view.View(&recs[i], vm.ViewDJB, nil, nil)
		g, w := display(imported, imported.Match(in)), display(want, want.Match(in))
		labels[w] = true
		if g != w {
			t.Errorf("record %d %s: imported %q, rules/djb2001.fp %q\n%q", i, recs[i].Addr, g, w, in.Text)
		}
	}
	if len(labels) < 45 {
		t.Errorf("the records reach only %d labels", len(labels))
	}
}

// TestImportAWKErrors: what the importer refuses, rendered in full.
func TestImportAWKErrors(t *testing.T) {
	tests := []struct{ script, want string }{
		{"/a/ { print x; next }\n",
			"s.awk:1:13: error[awk_unsupported]: x is not assigned a string in BEGIN: awk would print an empty line\n    1 | /a/ { print x; next }\n      |             ^\n"},
		{"/a/ { print \"A\" }\n/b/ { print \"B\"; next }\n",
			"s.awk:1:1: error[awk_unsupported]: a rule whose action does not end with \"next\" falls through to the next rules: it has no .fp form\n    1 | /a/ { print \"A\" }\n      | ^~~\n"},
		{"/a(/ { print \"A\"; next }\n",
			"s.awk:1:3: error[awk_unsupported]: missing closing \")\" for this \"(\"\n    1 | /a(/ { print \"A\"; next }\n      |   ^\n"},
		{"$1 == \"x\" { print \"A\"; next }\n",
			"s.awk:1:1: error[awk_unsupported]: expected a pattern (/regex/, $0 ~ /regex/, !, or a parenthesis), found \"$\"\n    1 | $1 == \"x\" { print \"A\"; next }\n      | ^\n"},
		{"{ print \"A\" }\n/b/ { print \"B\"; next }\n",
			"s.awk:2:1: error[awk_unsupported]: a rule after the rule without a pattern can never run\n    2 | /b/ { print \"B\"; next }\n      | ^\n"},
		{"BEGIN { x = 1 }\n",
			"s.awk:1:13: error[awk_unsupported]: expected a string after x =, found \"1\"\n    1 | BEGIN { x = 1 }\n      |             ^\n"},
		{"/a/ { count++; next }\n",
			"s.awk:1:7: error[awk_unsupported]: expected \"print\", found \"count\"\n    1 | /a/ { count++; next }\n      |       ^~~~~\n"},
		{"/a/ { print \"A\"; exit }\n",
			"s.awk:1:18: error[awk_unsupported]: expected \"next\" after print, found \"exit\"\n    1 | /a/ { print \"A\"; exit }\n      |                  ^~~~\n"},
	}
	for _, tt := range tests {
		out, src, diags := ImportAWK("s.awk", tt.script, ImportOptions{})
		var b strings.Builder
		for _, d := range diags {
			b.WriteString(src.Render(d))
		}
		if b.String() != tt.want || out != "" {
			t.Errorf("%q:\ngot:\n%s\nwant:\n%s\noutput %q", tt.script, b.String(), tt.want, out)
		}
	}
}

// TestImportAWKForms: the pattern forms and labels it converts.
func TestImportAWKForms(t *testing.T) {
	script := `# header comment
BEGIN { a = "UNIX/Windows A Server"; b = "OS/2 B" }
# tied to the rule below
$0 ~ /x[/]y/ && !(/z/ || $0 !~ /w/) { print a; next } # trailing
/q/ {
	print b
	next
}

!/p/ { print "unknown (p)"; next }
{ print "not sure" }
`
	want := `# header comment
rulebase "s" version "1"
view djb

label a "A Server" os unix, windows
label b "B" os os2
label unknown_p "unknown (p)"
label not_sure "not sure"

# tied to the rule below
/x[\/]y/ && !(/z/ || !/w/) -> a # trailing
/q/ -> b

!/p/ -> unknown_p
default -> not_sure
`
	out, src, diags := ImportAWK("dir/s.awk", script, ImportOptions{Version: "1"})
	for _, d := range diags {
		t.Error(src.Render(d))
	}
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
	if p, _, _ := CompileSource("s.fp", out); p == nil {
		t.Error("does not compile")
	} else if p.Labels[0].Display() != "UNIX/Windows A Server" || p.Labels[1].Display() != "OS/2 B" {
		t.Errorf("displays %q %q", p.Labels[0].Display(), p.Labels[1].Display())
	}
}
