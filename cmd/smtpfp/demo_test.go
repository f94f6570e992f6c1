package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/corpus"
)

// TestDemo: smtpfp with no arguments prints the 2001 post's tally, row for
// row, in its order.
func TestDemo(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(nil, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var want strings.Builder
	for _, r := range corpus.Tally2001 {
		fmt.Fprintf(&want, "%8d %s\n", r.Count, r.Name)
	}
	if !strings.HasSuffix(out.String(), "\n\n"+want.String()) {
		t.Errorf("demo output does not end with the seed's tally:\n%s", out.String())
	}
}

// TestReadmeRulebaseFacts: README's figures and claims about the shipped
// rulebases are what the named commands print: the label count of
// smtp.fp is check's, every shipped rulebase has golden transcripts
// (smtpfp test), and the demo's rulebase is the one --help and README name.
func TestReadmeRulebaseFacts(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := strings.Join(strings.Fields(string(b)), " ")
	out, _, code := runArgs(t, "", "check", "../../rules/smtp.fp")
	m := regexp.MustCompile(`, (\d+) labels,`).FindStringSubmatch(out)
	if code != exitOK || m == nil {
		t.Fatalf("check: exit %d\n%s", code, out)
	}
	if want := m[1] + " labels (`smtpfp check rules/smtp.fp`"; !strings.Contains(readme, want) {
		t.Errorf("README does not say %q", want)
	}
	shipped, _ := filepath.Glob("../../rules/*.fp")
	if len(shipped) != 3 || !strings.Contains(readme, "each of the three shipped rulebases has theirs") {
		t.Errorf("%d shipped rulebases; README's test row does not say three", len(shipped))
	}
	for _, fp := range shipped {
		if out, errs, code := runArgs(t, "", "test", fp); code != exitOK {
			t.Errorf("test %s: exit %d\n%s%s", fp, code, out, errs)
		}
	}
	if demoRules != "embedded:djb2001.fp" || !strings.Contains(readme, "with the embedded `djb2001` rulebase") {
		t.Errorf("the demo uses %s; README does not say so", demoRules)
	}
	help, _, _ := runArgs(t, "", "--help")
	if !strings.Contains(strings.Join(strings.Fields(help), " "), "with the embedded djb2001 rulebase") {
		t.Errorf("smtpfp --help does not name the demo's rulebase:\n%s", help)
	}
}
