package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/smtpfp/smtpfp/cmd/internal/cli"

	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/vm"
)

func init() {
	commands["diff"] = command{runDiff, "show the records whose label changes between two rulebases"}
}

// runDiff classifies every transcript of the archives with two rulebases
// and prints the label changes, grouped old -> new, most frequent first,
// with a few example addresses. Exit status 0, or with --exit-code 1 when
// a label changes (as diff(1) and git diff --exit-code).
func runDiff(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := cli.NewFlags("smtpfp diff", "usage: smtpfp diff [--input json|djb] [--examples N] [--exit-code] OLD.fp NEW.fp ARCHIVE...", "")
	input := fs.String("input", "json", `input format: "json" (archive records) or "djb" (lines ADDRESS TRANSCRIPT in the seed's view)`)
	examples := fs.Int("examples", 3, "example addresses to show for each change")
	exitCode := fs.Bool("exit-code", false, "exit 1 when any label changes")
	strict := fs.Bool("strict", false, "stop at the first malformed record")
	if code, ok := fs.Parse(args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() < 3 {
		errorf(stderr, "diff: want OLD.fp NEW.fp and at least one archive (\"-\" for stdin)")
		return exitUsage
	}
	format, err := pipeline.ParseFormat(*input)
	if err != nil {
		errorf(stderr, "diff: %v", err)
		return exitUsage
	}
	var rbs [2]*rulebase.Rulebase
	for i := range rbs {
		rb, ok := loadRules(fs.Arg(i), stdin, stderr)
		if !ok {
			return exitUsage
		}
		rbs[i] = rb
	}
	type change struct {
		from, to string
		n        int
		addrs    []string
	}
	changes := map[[2]string]*change{}
	total := 0
	label := func(rb *rulebase.Rulebase, res vm.Result) string {
		if res.Label < 0 {
			return "unclassified"
		}
		return rb.Display(res.Label)
	}
	problems := &pipeline.Problems{W: stderr, Prefix: "smtpfp: "}
	opt := pipeline.Options{Format: format, Rulebases: rbs[:], Strict: *strict, Problems: problems}
	err = readRecords(fs.Args()[2:], stdin, opt, func(it *pipeline.Item) error {
		if !it.Matched() {
			return nil
		}
		total++
		from, to := label(rbs[0], it.Res[0]), label(rbs[1], it.Res[1])
		if from == to {
			return nil
		}
		c := changes[[2]string{from, to}]
		if c == nil {
			c = &change{from: from, to: to}
			changes[[2]string{from, to}] = c
		}
		c.n++
		if len(c.addrs) < *examples {
			c.addrs = append(c.addrs, it.Addr)
		}
		return nil
	})
	if err != nil {
		return readError(stderr, err)
	}
	var list []*change
	changed := 0
	for _, c := range changes {
		list = append(list, c)
		changed += c.n
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.n != b.n {
			return a.n > b.n
		}
		if a.from != b.from {
			return a.from < b.from
		}
		return a.to < b.to
	})
	for i, rb := range rbs {
		fmt.Fprintf(stdout, "%s rulebase %q version %q %s\n", []string{"old:", "new:"}[i], rb.Name(), rb.Version(), rb.Hash())
	}
	fmt.Fprintf(stdout, "%s classified, %d change label\n", countOf(total, "transcript"), changed)
	for _, c := range list {
		fmt.Fprintf(stdout, "%8d  %s -> %s\n", c.n, c.from, c.to)
		if len(c.addrs) > 0 {
			more := ""
			if c.n > len(c.addrs) {
				more = ", ..."
			}
			fmt.Fprintf(stdout, "          e.g. %s%s\n", strings.Join(c.addrs, ", "), more)
		}
	}
	status := exitOK
	if changed > 0 && *exitCode {
		status = exitProblems
	}
	return problemsStatus(stderr, "diff", problems, status)
}
