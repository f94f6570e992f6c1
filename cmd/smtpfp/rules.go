package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/smtpfp/smtpfp/cmd/internal/cli"
	"github.com/smtpfp/smtpfp/compiler"
	"github.com/smtpfp/smtpfp/lang"
	"github.com/smtpfp/smtpfp/rulebase"
)

func init() {
	commands["check"] = command{runCheck, "parse and compile rulebases, print diagnostics"}
	commands["fmt"] = command{runFmt, "format rulebases in canonical form"}
	commands["compile"] = command{runCompile, "compile a rulebase to a .fpc artifact"}
}

// loadRules loads a rulebase the command uses (--rules, or diff's and
// test's arguments; "" is the embedded default, "-" standard input). One
// that cannot be loaded is unusable input: its error, with at most
// cli.MaxDiags diagnostics, goes to stderr.
func loadRules(path string, stdin io.Reader, stderr io.Writer) (*rulebase.Rulebase, bool) {
	rb, err := cli.LoadRules(path, cli.StdinOf(stdin))
	if err != nil {
		errorf(stderr, "%s", cli.RulesError(err))
		return nil, false
	}
	return rb, true
}

// readSource reads a rule file the command examines ("-": standard input);
// a binary file other than an artifact (which compile loads) is refused,
// as unusable input.
func readSource(path string, in *cli.Stdin) (string, []byte, error) {
	b, name, err := in.ReadFile(path, "a rule file")
	if err == nil && !rulebase.IsArtifact(b) {
		err = cli.NotBinary(name, b)
	}
	return name, b, err
}

// isArtifact tells a compiled rulebase (.fpc) from a source, as
// rulebase.Read does: by its magic, or by its name when it is damaged.
func isArtifact(path string, b []byte) bool {
	return rulebase.IsArtifact(b) || strings.HasSuffix(path, ".fpc")
}

func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := cli.NewFlags("smtpfp check", "usage: smtpfp check [--werror] FILE.fp|FILE.fpc|-...",
		"Parses and compiles each rulebase and prints every diagnostic (file:line:col, the line, a caret),\n"+
			"or loads and verifies a compiled one (.fpc: its format, header and hash),\n"+
			"then a summary line for each that compiles. A rulebase that does not compile exits 1;\n"+
			"warnings alone exit 0, or 1 with --werror.")
	werror := fs.Bool("werror", false, "treat warnings as errors")
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
			// A compiled rulebase has no source to diagnose: loading it
			// verifies its format, header and hash.
			rb, err := rulebase.Read(path, b)
			if err != nil {
				errorf(stderr, "check: %v", err)
				status = exitProblems
				continue
			}
			p := rb.Prog
			fmt.Fprintf(stdout, "%s: ok: compiled rulebase %q version %q, %d rules, %d patterns, %d labels, %s\n",
				path, p.Name, p.Version, len(p.Rules), len(p.Patterns), len(p.Labels), p.Hash())
			continue
		}
		p, f, diags := compiler.CompileSource(path, string(b))
		for _, d := range diags {
			fmt.Fprint(stdout, f.Source.Render(d))
		}
		if p == nil || (*werror && len(diags) > 0) {
			status = exitProblems
			continue
		}
		fmt.Fprintf(stdout, "%s: ok: rulebase %q version %q, %d rules, %d patterns, %d labels, %s\n",
			path, p.Name, p.Version, len(p.Rules), len(p.Patterns), len(p.Labels), p.Hash())
	}
	return status
}

func runFmt(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := cli.NewFlags("smtpfp fmt", "usage: smtpfp fmt [-w|-l] [FILE.fp|-]...",
		"Prints each rulebase in canonical form (comments kept; formatting twice changes nothing),\n"+
			"or with -w rewrites the files, or with -l lists those that differ (and exits 1).\n"+
			"With no FILE it formats standard input. fmt only parses: a file that parses but does not\n"+
			"compile (an undefined label, say) is formatted, exit 0 (smtpfp check compiles it); one\n"+
			"that does not parse, or is empty, exits 1.")
	write := fs.BoolP("write", "w", false, "write the result to the file instead of stdout")
	list := fs.BoolP("list", "l", false, "list files whose formatting differs")
	if code, ok := fs.Parse(args, stdout, stderr); !ok {
		return code
	}
	paths := fs.Args()
	if len(paths) == 0 {
		if cli.IsTerminal(stdin) {
			return fs.Fail(stderr, "%v", cli.ErrNoInput)
		}
		paths = []string{"-"}
	}
	in := cli.StdinOf(stdin)
	status := exitOK
	for _, path := range paths {
		name, b, err := readSource(path, in)
		if err != nil {
			errorf(stderr, "%v", err)
			return exitUsage
		}
		if len(bytes.TrimSpace(b)) == 0 {
			// Formatting nothing to nothing would hide a truncated file.
			errorf(stderr, "fmt: %s: empty rule file: nothing to format", name)
			status = exitProblems
			continue
		}
		f, diags := lang.Parse(name, string(b))
		if lang.HasErrors(diags) {
			for _, d := range diags {
				fmt.Fprint(stderr, f.Source.Render(d))
			}
			status = exitProblems
			continue
		}
		out := lang.Format(f)
		switch {
		case *list:
			if out != string(b) {
				fmt.Fprintln(stdout, path)
				status = exitProblems
			}
		case *write && path != "-":
			if out != string(b) {
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					errorf(stderr, "%v", err)
					return exitProblems
				}
			}
		default:
			io.WriteString(stdout, out)
		}
	}
	return status
}

func runCompile(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := cli.NewFlags("smtpfp compile", "usage: smtpfp compile -o OUT.fpc|- FILE.fp|-",
		"Compiles a rulebase and saves the program as an artifact, which loads anywhere a .fp does.\n"+
			"-o is required, so compiling never leaves a file where it was not asked for; -o - writes\n"+
			"the artifact to standard output (not to a terminal: it is binary).")
	out := fs.StringP("output", "o", "", "write the artifact to `OUT.fpc` (- for standard output)")
	if code, ok := fs.Parse(args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() != 1 {
		return fs.Fail(stderr, "want one rule file")
	}
	if *out == "" {
		return fs.Fail(stderr, "give -o OUT.fpc (or -o - for standard output)")
	}
	if *out == "-" && cli.IsTerminal(stdout) {
		return fs.Fail(stderr, "-o -: standard output is a terminal, and the artifact is binary")
	}
	name, b, err := readSource(fs.Arg(0), cli.StdinOf(stdin))
	if err != nil {
		errorf(stderr, "%v", err)
		return exitUsage
	}
	rb, err := rulebase.Read(name, b)
	if err != nil {
		// The rulebase compile was asked to examine is wrong: a finding,
		// as for check, with every diagnostic.
		errorf(stderr, "%v", err)
		var de *rulebase.DiagError
		if errors.As(err, &de) {
			return exitProblems
		}
		return exitUsage
	}
	if err := cli.WriteFile(*out, stdout, rb.Prog.Artifact()); err != nil {
		errorf(stderr, "compile: %v", err)
		return exitProblems
	}
	info := stdout
	if *out == "-" {
		info = stderr
	}
	fmt.Fprintf(info, "%s: rulebase %q version %q %s\n", *out, rb.Name(), rb.Version(), rb.Hash())
	return exitOK
}
