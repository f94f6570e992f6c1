package main

import (
	"fmt"
	"io"

	"github.com/smtpfp/smtpfp/cmd/internal/cli"
	"github.com/smtpfp/smtpfp/compiler"
	"github.com/smtpfp/smtpfp/lang"
)

func init() {
	commands["lint"] = command{runLint, "find dead, shadowed, duplicate and slow rules (doc/lint.md)"}
}

// runLint prints the findings of each rule file and a summary line. Exit
// status: 0, or 1 with --fail-on-warnings when anything was found, or when
// a file does not compile (as for check); 2 when a file cannot be read.
func runLint(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := cli.NewFlags("smtpfp lint", "usage: smtpfp lint [--fail-on-warnings] FILE.fp...",
		"Findings are warnings: they exit 0, or 1 with --fail-on-warnings. A rule file that does\n"+
			"not compile exits 1, as for check. Silence a finding for one rule with a comment naming\n"+
			"its code on the rule's line or the line above: # fp:ignore dead_rule\n")
	failOn := fs.Bool("fail-on-warnings", false, "exit 1 when there is any finding")
	var opt compiler.LintOptions
	fs.IntVar(&opt.SlowStates, "slow-states", compiler.DefaultSlowStates, "report patterns whose DFA has more states than this")
	fs.IntVar(&opt.MaxStates, "max-states", compiler.DefaultMaxStates, "give up on deciding a rule after this many automaton states")
	if code, ok := fs.Parse(args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return fs.Fail(stderr, "no rule files given")
	}
	in := cli.StdinOf(stdin)
	status := exitOK
	for _, path := range fs.Args() {
		path, b, err := readSource(path, in)
		if err != nil {
			errorf(stderr, "%v", err)
			return exitUsage
		}
		if isArtifact(path, b) {
			errorf(stderr, "lint: %s: a compiled rulebase has no source to lint: lint the .fp", path)
			return exitUsage
		}
		p, f, diags, silenced := compiler.LintSource(path, string(b), opt)
		for _, d := range diags {
			fmt.Fprint(stdout, f.Source.Render(d))
		}
		if p == nil || lang.HasErrors(diags) {
			errorf(stderr, "lint: %s does not compile", path)
			return exitProblems
		}
		fmt.Fprintf(stdout, "%s: %d rules, %s, %d silenced\n", path, len(p.Rules), countOf(len(diags), "finding"), silenced)
		if len(diags) > 0 && *failOn {
			status = exitProblems
		}
	}
	return status
}

// countOf is "1 finding", "2 findings".
func countOf(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
