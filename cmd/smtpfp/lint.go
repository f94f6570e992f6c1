package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"github.com/smtpfp/smtpfp/compiler"
	"github.com/smtpfp/smtpfp/lang"
)

func init() {
	commands["lint"] = command{runLint, "find dead, shadowed, duplicate and slow rules (doc/lint.md)"}
}

// runLint prints the findings of each rule file and a summary line. Exit
// status: 0, or 1 with --fail-on-warnings when anything was found; 2 when
// a file cannot be read or does not compile.
func runLint(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("lint", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	failOn := fs.Bool("fail-on-warnings", false, "exit 1 when there is any finding")
	var opt compiler.LintOptions
	fs.IntVar(&opt.SlowStates, "slow-states", compiler.DefaultSlowStates, "report patterns whose DFA has more states than this")
	fs.IntVar(&opt.MaxStates, "max-states", compiler.DefaultMaxStates, "give up on deciding a rule after this many automaton states")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: smtpfp lint [--fail-on-warnings] FILE.fp...")
		fmt.Fprintln(stderr, "\nSilence a finding for one rule with a comment naming its code on the rule's line or")
		fmt.Fprintln(stderr, "the line above: # fp:ignore dead_rule")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		errorf(stderr, "lint: no rule files given")
		return exitUsage
	}
	status := exitOK
	for _, path := range fs.Args() {
		b, err := os.ReadFile(path)
		if err != nil {
			errorf(stderr, "%v", err)
			return exitUsage
		}
		p, f, diags, silenced := compiler.LintSource(path, string(b), opt)
		for _, d := range diags {
			fmt.Fprint(stdout, f.Source.Render(d))
		}
		if p == nil || lang.HasErrors(diags) {
			errorf(stderr, "lint: %s does not compile", path)
			return exitUsage
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
