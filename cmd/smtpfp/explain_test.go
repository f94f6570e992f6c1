package main

import (
	"strings"
	"testing"

	"github.com/sebdah/goldie/v2"
)

const explainDir = "../../testdata/golden/explain"

// TestExplainGoldens pins explain's output: a raw-view rulebase with a
// scoped rule, a version, later matches, a rule that holds by negations,
// a record with no greeting and one no rule takes; and seed transcripts
// under the embedded rulebase, from an archive and as seed lines.
func TestExplainGoldens(t *testing.T) {
	g := goldie.New(t, goldie.WithFixtureDir(explainDir))
	seedLine := "192.0.2.9 220 mail.example.com ESMTP Sendmail 8.9.3/8.9.3; Thu, 27 Sep 2001M 221 mail.example.com closing connectionM \n"
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
	}{
		{"tiny", "", []string{"--rules", explainDir + "/tiny.fp", explainDir + "/tiny.jsonl"}},
		{"djb2001-qmail", "", []string{"--rules", "embedded:djb2001.fp", "../../corpus/djb2001/01-qmail.jsonl"}},
		{"djb2001-default", "", []string{"--rules", "embedded:djb2001.fp", "../../corpus/djb2001/default-notsure.jsonl"}},
		{"djb2001-seed-line", seedLine, []string{"--rules", "embedded:djb2001.fp", "--input", "djb"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errs, code := runArgs(t, tc.stdin, append([]string{"explain"}, tc.args...)...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			g.Assert(t, tc.name, []byte(strings.ReplaceAll(out, explainDir+"/", "")))
		})
	}
}

func TestExplainErrors(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		stdin string
		code  int
		msg   string
	}{
		{[]string{"explain", "--input", "xml"}, "", exitUsage, `unknown --input "xml"`},
		{[]string{"explain", "--rules", explainDir + "/tiny.fp", "--input", "djb"}, "", exitUsage, "needs a rulebase in the djb view"},
		{[]string{"explain", "nonexistent.jsonl"}, "", exitUsage, "no such file"},
		{[]string{"explain"}, "{not json\n", exitProblems, "<stdin>: record 1"},
		{[]string{"explain", "--rules", "embedded:djb2001.fp", "--input", "djb"}, "no-space-here\n", exitProblems, "found no space"},
		{[]string{"explain", "--input", "djb"}, "no-space-here\n", exitProblems, "found no space"},
	} {
		_, errs, code := runArgs(t, tc.stdin, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tc.args, code, errs, tc.code, tc.msg)
		}
	}
}
