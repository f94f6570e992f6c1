// Command smtpfp classifies recorded SMTP transcripts with a fingerprint
// rulebase, and checks, formats and compiles rulebases.
//
// Exit status: 0 success; 1 the run finished but found problems (malformed
// input records, rulebase errors for check, unformatted files for fmt -l);
// 2 usage error, unreadable file or a rulebase that does not compile.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/spf13/pflag"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

type command struct {
	run   func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
	usage string
}

// commands is filled by each subcommand's file.
var commands = map[string]command{}

const (
	exitOK       = 0
	exitProblems = 1
	exitUsage    = 2
)

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		// The no-argument demo: classify the bundled sample archive with
		// the embedded default rulebase and print the seed-style tally.
		return runDemo(stdout, stderr)
	}
	name := args[0]
	if name == "-h" || name == "--help" || name == "help" {
		usage(stdout)
		return exitOK
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "smtpfp: unknown command %q\n", name)
		usage(stderr)
		return exitUsage
	}
	return c.run(args[1:], stdin, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: smtpfp COMMAND [FLAGS] [ARGS]\n\ncommands:")
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].usage)
	}
	fmt.Fprintln(w, "\nWith no command, smtpfp classifies its bundled sample archive with the default rulebase.")
	fmt.Fprintln(w, "Run smtpfp COMMAND --help for a command's flags.")
}

// errorf prints "smtpfp: ..." to w.
func errorf(w io.Writer, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if !strings.HasSuffix(msg, "\n") {
		msg += "\n"
	}
	fmt.Fprint(w, "smtpfp: "+msg)
}

// parseFlags parses a subcommand's flags. ok is false when the command
// should stop with code: 0 after --help, 2 after a bad flag (pflag has
// printed why).
func parseFlags(fs *pflag.FlagSet, args []string) (code int, ok bool) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, pflag.ErrHelp):
		return exitOK, false
	case err != nil:
		return exitUsage, false
	}
	return 0, true
}
