// Command smtpfp classifies recorded SMTP transcripts with a fingerprint
// rulebase, and checks, formats and compiles rulebases.
//
// Its exit codes are cli's, the same as smtpscan's (cli.ExitCodes; smtpfp
// --help prints them).
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/smtpfp/smtpfp/cmd/internal/cli"
	"github.com/smtpfp/smtpfp/rules"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

type command struct {
	run   func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
	usage string
}

// commands is filled by each subcommand's file.
var commands = map[string]command{}

const (
	exitOK       = cli.OK
	exitProblems = cli.Problems
	exitUsage    = cli.Usage
)

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// Every write to stdout is checked here, once: output that could not
	// be written is exit status 1 (cli.Output).
	out := cli.NewOutput(stdout)
	return out.Finish("smtpfp", runOn(args, stdin, out, stderr), stderr)
}

func runOn(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		// The no-argument demo: classify the bundled sample archive with
		// the embedded djb2001 rulebase and print the seed-style tally.
		return runDemo(stdout, stderr)
	}
	name := args[0]
	switch name {
	case "help":
		if len(args) > 1 {
			// smtpfp help COMMAND is smtpfp COMMAND --help.
			if len(args) > 2 {
				errorf(stderr, "help: want one command, got %q", args[1:])
				return exitUsage
			}
			c, ok := commands[args[1]]
			if !ok {
				errorf(stderr, "help: unknown command %q", args[1])
				fmt.Fprintln(stderr, "Run 'smtpfp --help' for the commands.")
				return exitUsage
			}
			return c.run([]string{"--help"}, cli.StdinOf(stdin), stdout, stderr)
		}
		usage(stdout)
		return exitOK
	case "-h", "--help":
		usage(stdout)
		return exitOK
	case "--version", "version":
		if err := cli.PrintVersion(stdout, "smtpfp"); err != nil {
			errorf(stderr, "%v", err)
			return exitProblems
		}
		return exitOK
	}
	c, ok := commands[name]
	if !ok {
		if strings.HasPrefix(name, "-") {
			errorf(stderr, "unknown flag %q: flags follow the command (smtpfp COMMAND [FLAGS])", name)
		} else {
			errorf(stderr, "unknown command %q", name)
		}
		fmt.Fprintln(stderr, "usage: smtpfp COMMAND [FLAGS] [ARGS]\nRun 'smtpfp --help' for the commands.")
		return exitUsage
	}
	// One standard input for the run: a second "-" is refused (cli.Stdin).
	return c.run(args[1:], cli.StdinOf(stdin), stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: smtpfp COMMAND [FLAGS] [ARGS]\n       smtpfp --version\n\ncommands:")
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].usage)
	}
	fmt.Fprintln(w, "\nWith no command, smtpfp classifies its bundled sample archive (the 2001 survey's) with the")
	fmt.Fprintln(w, "embedded djb2001 rulebase, the 2001 survey's patterns; the default rulebase elsewhere is "+rules.DefaultName+".")
	fmt.Fprintln(w, "Run smtpfp COMMAND --help (or smtpfp help COMMAND) for a command's flags; smtpfp --version prints the build and")
	fmt.Fprintln(w, "the embedded rulebases' versions and hashes.")
	fmt.Fprintf(w, "\n%s", cli.ExitCodes)
}

// errorf prints "smtpfp: ..." to w.
func errorf(w io.Writer, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if !strings.HasSuffix(msg, "\n") {
		msg += "\n"
	}
	fmt.Fprint(w, "smtpfp: "+msg)
}
