package main

import (
	"fmt"
	"io"
	"os"

	"github.com/smtpfp/smtpfp/cmd/internal/cli"
	"github.com/smtpfp/smtpfp/compiler"
)

func init() {
	commands["import-awk"] = command{runImportAWK, "convert a seed-style awk script into a .fp rulebase"}
}

func runImportAWK(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := cli.NewFlags("smtpfp import-awk", "usage: smtpfp import-awk [--name NAME] [--version V] [-o FILE.fp] SCRIPT.awk",
		"The script is the seed's form: a BEGIN block assigning tally names to variables, then\n"+
			"lines /regex/ { print NAME; next }, and a last { print \"not sure\" }.\n")
	var opt compiler.ImportOptions
	fs.StringVar(&opt.Name, "name", "", `rulebase name (default: the script's file name without .awk; "stdin" for -)`)
	fs.StringVar(&opt.Version, "version", "imported", "rulebase version")
	out := fs.StringP("output", "o", "", "write the rulebase to this file instead of stdout")
	if code, ok := fs.Parse(args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() != 1 {
		errorf(stderr, "import-awk: want one awk script")
		return exitUsage
	}
	path := fs.Arg(0)
	var b []byte
	var err error
	if path == "-" {
		b, err = io.ReadAll(stdin)
		path = "<stdin>"
		if opt.Name == "" {
			// Not "<stdin>": a rulebase's name is in every result.
			opt.Name = "stdin"
		}
	} else {
		b, err = os.ReadFile(path)
	}
	if err != nil {
		errorf(stderr, "%v", err)
		return exitUsage
	}
	text, src, diags := compiler.ImportAWK(path, string(b), opt)
	for _, d := range diags {
		fmt.Fprint(stderr, src.Render(d))
	}
	if text == "" {
		return exitProblems
	}
	if *out == "" {
		io.WriteString(stdout, text)
		return exitOK
	}
	if err := cli.WriteFile(*out, stdout, []byte(text)); err != nil {
		// Output that could not be written: exit status 1, as
		// everywhere (cli.ExitCodes).
		errorf(stderr, "import-awk: %v", err)
		return exitProblems
	}
	return exitOK
}
