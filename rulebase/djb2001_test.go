package rulebase

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sebdah/goldie/v2"

	"github.com/smtpfp/smtpfp/corpus"
	"github.com/smtpfp/smtpfp/transcript"
	"github.com/smtpfp/smtpfp/view"
	"github.com/smtpfp/smtpfp/vm"
)

func loadDJB(t testing.TB) *Rulebase {
	t.Helper()
	rb, err := Load("../rules/djb2001.fp")
	if err != nil {
		t.Fatal(err)
	}
	return rb
}

// TestDJB2001Golden pins the label of every recorded seed transcript:
// testdata/golden/classify/djb2001/<case>.golden holds the rule, its line
// and the tally name. Refresh with GOLDIE_UPDATE=1 (make golden).
func TestDJB2001Golden(t *testing.T) {
	rb := loadDJB(t)
	g := goldie.New(t, goldie.WithFixtureDir("../testdata/golden/classify/djb2001"), goldie.WithNameSuffix(".golden"))
	cases := corpus.DJB2001()
	if len(cases) < len(rb.Prog.Rules)+1 {
		t.Fatalf("%d cases for %d rules and a default", len(cases), len(rb.Prog.Rules))
	}
	covered := map[int]bool{}
	for _, c := range cases {
		rec := c.Record
		rec.Class = rb.ClassOf(rb.Prog.Match(view.View(&rec, rb.Prog.View, nil, nil)))
		cl := rec.Class
		if cl.Name != c.Want || cl.Rule != c.Rule {
			t.Errorf("%s: got rule %d %q, want rule %d %q", c.Name, cl.Rule, cl.Name, c.Rule, c.Want)
		}
		covered[cl.Rule] = true
		g.Assert(t, c.Name, []byte(fmt.Sprintf("rule %d line %d: %s\n", cl.Rule, cl.Line, cl.Name)))
	}
	for i := range rb.Prog.Rules {
		if !covered[i] {
			t.Errorf("rule %d (line %d) has no transcript that it wins", i, rb.Prog.Rules[i].Line)
		}
	}
}

// seedLine renders a record as the seed's script read it.
func seedLine(rec *transcript.Record) []byte {
	return view.View(rec, vm.ViewDJB, nil, nil).Text
}

const gawkLabels = "../testdata/gawk/djb2001-labels.txt"

// TestDJB2001AgainstGawk is the differential test: 10,000 generated
// transcripts in the seed's view, labelled by gawk running the seed's awk
// script (testdata/djb2001.awk, LC_ALL=C) and by smtpfp running
// rules/djb2001.fp. Every label must agree. gawk's answers are recorded in
// testdata/gawk/djb2001-labels.txt so the test runs without gawk; with
// gawk they must equal the live answers (GOLDIE_UPDATE=1 rewrites them).
func TestDJB2001AgainstGawk(t *testing.T) {
	rb := loadDJB(t)
	recs := corpus.Generate(2001, 10000)
	var input bytes.Buffer
	for i := range recs {
		line := seedLine(&recs[i])
		if bytes.IndexByte(line, '\n') >= 0 {
			t.Fatalf("record %d: the seed view has a newline", i)
		}
		input.Write(line)
		input.WriteByte('\n')
	}
	var want []string
	if _, err := exec.LookPath("gawk"); err == nil {
		cmd := exec.Command("gawk", "-f", "../testdata/djb2001.awk")
		cmd.Env = append(os.Environ(), "LC_ALL=C")
		cmd.Stdin = bytes.NewReader(input.Bytes())
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("gawk: %v", err)
		}
		want = strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
		rec, _ := os.ReadFile(gawkLabels)
		if os.Getenv("GOLDIE_UPDATE") != "" {
			os.MkdirAll(filepath.Dir(gawkLabels), 0o755)
			if err := os.WriteFile(gawkLabels, out, 0o644); err != nil {
				t.Fatal(err)
			}
		} else if string(rec) != string(out) {
			t.Errorf("gawk's labels differ from %s: rerun with GOLDIE_UPDATE=1", gawkLabels)
		}
	} else {
		if os.Getenv("CI") != "" {
			t.Fatal("gawk is not installed; CI must install it")
		}
		t.Log("gawk not installed: comparing with its recorded labels")
		out, err := os.ReadFile(gawkLabels)
		if err != nil {
			t.Fatal(err)
		}
		want = strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	}
	if len(want) != len(recs) {
		t.Fatalf("gawk printed %d labels for %d records", len(want), len(recs))
	}
	m := vm.NewMachine(rb.Prog)
	bad := 0
	labels := map[string]int{}
	for i := range recs {
		line := seedLine(&recs[i])
		got := rb.Display(m.Match(vm.Input{Text: line}).Label)
		labels[got]++
		if got != want[i] {
			bad++
			if bad <= 10 {
				t.Errorf("record %d: smtpfp %q, gawk %q\n%q", i, got, want[i], line)
			}
		}
	}
	if bad > 0 {
		t.Fatalf("%d of %d records disagree", bad, len(recs))
	}
	// The corpus must exercise the rulebase, not just the default.
	if len(labels) < 40 {
		t.Errorf("generated corpus reaches only %d labels", len(labels))
	}
}

func TestCPEWithVersion(t *testing.T) {
	for _, tc := range []struct{ cpe, version, want string }{
		{"cpe:2.3:a:exim:exim:*:*:*:*:*:*:*:*", "4.96", "cpe:2.3:a:exim:exim:4.96:*:*:*:*:*:*:*"},
		{"cpe:2.3:a:x:y:*:*:*:*:*:*:*:*", "1.0 beta+2", `cpe:2.3:a:x:y:1.0\ beta\+2:*:*:*:*:*:*:*`},
		{"cpe:2.3:a:x:y:2.0:*:*:*:*:*:*:*", "3.0", "cpe:2.3:a:x:y:2.0:*:*:*:*:*:*:*"}, // names its own version
		{"cpe:2.3:a:x:y:*:*:*:*:*:*:*:*", "", "cpe:2.3:a:x:y:*:*:*:*:*:*:*:*"},
		{"", "1.0", ""},
		{"cpe:/a:x:y", "1.0", "cpe:/a:x:y"}, // CPE 2.2 URIs are left alone
	} {
		if got := CPEWithVersion(tc.cpe, tc.version); got != tc.want {
			t.Errorf("CPEWithVersion(%q, %q) = %q, want %q", tc.cpe, tc.version, got, tc.want)
		}
	}
}
