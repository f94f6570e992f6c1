package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/smtpfp/smtpfp/compiler"
	"github.com/smtpfp/smtpfp/lang"
	"github.com/smtpfp/smtpfp/rulebase"
)

func init() {
	commands["check"] = command{runCheck, "parse and compile rulebases, print diagnostics"}
	commands["fmt"] = command{runFmt, "format rulebases in canonical form"}
	commands["compile"] = command{runCompile, "compile a rulebase to a .fpc artifact"}
}

// loadRules loads --rules, or the embedded default when empty.
func loadRules(path string, stderr io.Writer) (*rulebase.Rulebase, bool) {
	if path == "" {
		return rulebase.Default(), true
	}
	rb, err := rulebase.Load(path)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return nil, false
	}
	return rb, true
}

func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("check", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	werror := fs.Bool("werror", false, "treat warnings as errors")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		errorf(stderr, "check: no rule files given")
		return exitUsage
	}
	status := exitOK
	for _, path := range fs.Args() {
		b, err := os.ReadFile(path)
		if err != nil {
			errorf(stderr, "%v", err)
			return exitUsage
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
	fs := pflag.NewFlagSet("fmt", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	write := fs.BoolP("write", "w", false, "write the result to the file instead of stdout")
	list := fs.BoolP("list", "l", false, "list files whose formatting differs")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	status := exitOK
	for _, path := range paths {
		var b []byte
		var err error
		if path == "-" {
			b, err = io.ReadAll(stdin)
		} else {
			b, err = os.ReadFile(path)
		}
		if err != nil {
			errorf(stderr, "%v", err)
			return exitUsage
		}
		f, diags := lang.Parse(path, string(b))
		if lang.HasErrors(diags) {
			for _, d := range diags {
				fmt.Fprint(stderr, f.Source.Render(d))
			}
			status = exitUsage
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
					return exitUsage
				}
			}
		default:
			io.WriteString(stdout, out)
		}
	}
	return status
}

func runCompile(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("compile", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.StringP("output", "o", "", "artifact to write (default: FILE with .fpc)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		errorf(stderr, "compile: want one rule file")
		return exitUsage
	}
	rb, ok := loadRules(fs.Arg(0), stderr)
	if !ok {
		return exitUsage
	}
	path := *out
	if path == "" {
		path = strings.TrimSuffix(fs.Arg(0), ".fp") + ".fpc"
	}
	if err := os.WriteFile(path, rb.Prog.Artifact(), 0o644); err != nil {
		errorf(stderr, "%v", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "%s: rulebase %q version %q %s\n", path, rb.Name(), rb.Version(), rb.Hash())
	return exitOK
}
