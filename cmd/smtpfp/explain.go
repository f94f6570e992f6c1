package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/smtpfp/smtpfp/cmd/internal/cli"

	"github.com/smtpfp/smtpfp/compiler"
	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/transcript"
	"github.com/smtpfp/smtpfp/vm"
)

func init() {
	commands["explain"] = command{runExplain, "show which rule labels each transcript, where it matched, and what else matched"}
}

// readRecords runs the pipeline over each file ("-": stdin) and calls
// fn with every good record in order. Malformed records are skipped and
// reported under the one policy (pipeline.Problems), or stop the run
// with opt.Strict. The error is the first that stopped it.
func readRecords(files []string, stdin io.Reader, opt pipeline.Options, fn func(*pipeline.Item) error) error {
	for _, path := range files {
		in, err := cli.OpenInput(path, stdin, "the records")
		if err != nil {
			return err
		}
		err = pipeline.Run(in, opt, func(b *pipeline.Batch) error {
			for i := range b.Items {
				it := &b.Items[i]
				if it.Err != nil || it.Header != nil {
					continue
				}
				if err := fn(it); err != nil {
					return err
				}
			}
			return nil
		})
		in.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// readError prints why reading stopped and gives the exit status: 1 for
// a malformed record (--strict), 2 for an unreadable file.
func readError(stderr io.Writer, err error) int {
	errorf(stderr, "%v", err)
	var re *transcript.RecordError
	if errors.As(err, &re) {
		return exitProblems
	}
	return exitUsage
}

// problemsStatus ends a run that skipped malformed records: the count,
// and exit status 1.
func problemsStatus(stderr io.Writer, cmd string, p *pipeline.Problems, status int) int {
	if n := p.Close(); n > 0 {
		errorf(stderr, "%s: %d malformed record(s) skipped", cmd, n)
		return max(status, exitProblems)
	}
	return status
}

func runExplain(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := cli.NewFlags("smtpfp explain", "usage: smtpfp explain [--rules FILE] [--input json|djb] [FILE|-]...", "For each transcript: the winning rule and its line, the span its first regex matched\nmarked [[ like this ]] in the transcript as the rules see it, and every later rule\nthat matched too.\n")
	rulesPath := fs.String("rules", "", "rulebase (.fp or .fpc; default: the embedded one)")
	input := fs.String("input", "json", `input format: "json" (archive records) or "djb" (lines ADDRESS TRANSCRIPT in the seed's view)`)
	strict := fs.Bool("strict", false, "stop at the first malformed record")
	if code, ok := fs.Parse(args, stdout, stderr); !ok {
		return code
	}
	format, err := pipeline.ParseFormat(*input)
	if err != nil {
		errorf(stderr, "explain: %v", err)
		return exitUsage
	}
	if *rulesPath == "" && format == pipeline.Seed {
		*rulesPath = seedRules
	}
	rb, ok := loadRules(*rulesPath, stdin, stderr)
	if !ok {
		return exitUsage
	}
	files := fs.Args()
	if len(files) == 0 {
		if cli.IsTerminal(stdin) {
			return fs.Fail(stderr, "%v", cli.ErrNoInput)
		}
		files = []string{"-"}
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	first := true
	problems := &pipeline.Problems{W: stderr, Prefix: "smtpfp: "}
	opt := pipeline.Options{Format: format, Rulebases: []*rulebase.Rulebase{rb}, KeepInput: true, Jobs: 1,
		Strict: *strict, Problems: problems}
	err = readRecords(files, stdin, opt, func(it *pipeline.Item) error {
		if !first {
			w.WriteString("\n")
		}
		first = false
		explainItem(w, rb, it)
		return nil
	})
	if err != nil {
		w.Flush()
		return readError(stderr, err)
	}
	w.Flush()
	return problemsStatus(stderr, "explain", problems, exitOK)
}

// explainItem prints one transcript's explanation.
func explainItem(w *bufio.Writer, rb *rulebase.Rulebase, it *pipeline.Item) {
	p := rb.Prog
	fmt.Fprintf(w, "%s (record %d): ", it.Addr, it.N)
	if !it.Matched() {
		fmt.Fprintf(w, "not classified: outcome %s\n", it.Rec.Outcome)
		return
	}
	in := it.Input
	res := p.Explain(in)
	ex := compiler.Explain(p, in)
	if res.Rule < 0 {
		if res.Label >= 0 {
			fmt.Fprintf(w, "%s\n  no rule matched: the default label\n", rb.Display(res.Label))
		} else {
			fmt.Fprintf(w, "unclassified\n  no rule matched, and the rulebase has no default\n")
		}
		fmt.Fprintf(w, "  transcript:\n%s", showText(in.Text, -1, -1, p.View))
		return
	}
	fmt.Fprintf(w, "%s", rb.Display(res.Label))
	if res.Version != "" {
		fmt.Fprintf(w, " (version %s)", res.Version)
	}
	fmt.Fprintln(w)
	r := &p.Rules[res.Rule]
	fmt.Fprintf(w, "  rule %s\n", ruleRef(r))
	if res.Start >= 0 {
		fmt.Fprintf(w, "  transcript, the match in [[ ]]:\n%s", showText(in.Text, res.Start, res.End, p.View))
	} else {
		fmt.Fprintf(w, "  transcript (the rule holds by its negations: no span):\n%s", showText(in.Text, -1, -1, p.View))
	}
	if len(ex.Holds) == 0 || ex.Holds[0] != res.Rule {
		// The oracle disagrees with the matcher: a bug, shown not hidden.
		fmt.Fprintf(w, "  warning: Go's regexp picks rule %v\n", ex.Holds)
	}
	var later []int
	for _, k := range ex.Holds {
		if k > res.Rule {
			later = append(later, k)
		}
	}
	if len(later) == 0 {
		fmt.Fprintf(w, "  no later rule matched\n")
		return
	}
	fmt.Fprintf(w, "  later rules that also matched:\n")
	for _, k := range later {
		fmt.Fprintf(w, "    rule %s (%s)\n", ruleRef(&p.Rules[k]), rb.Display(p.Rules[k].Label))
	}
}

// ruleRef is a rule as FILE:LINE: SOURCE.
func ruleRef(r *vm.Rule) string {
	return fmt.Sprintf("%s:%d: %s", r.File, r.Line, r.Source)
}

// showText prints a transcript as the rules see it, each line as
// "    | TEXT", with [[ and ]] around bytes start to end (none when start <
// 0). Bytes that are not printable ASCII are escaped Go-style. In the raw
// view a line ends after each LF, so replies read as sent; the seed view
// is one line.
func showText(text []byte, start, end int, v vm.View) string {
	var b strings.Builder
	b.WriteString("    | ")
	for i := 0; i <= len(text); i++ {
		if i == start {
			b.WriteString("[[")
		}
		if i == end && start >= 0 {
			b.WriteString("]]")
		}
		if i == len(text) {
			break
		}
		c := text[i]
		switch {
		case c == '\n' && v == vm.ViewRaw:
			b.WriteString(`\n`)
			if i+1 < len(text) || end == len(text) {
				b.WriteString("\n    | ")
			}
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c == '\\':
			b.WriteString(`\\`)
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&b, `\x%02x`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteString("\n")
	return b.String()
}
