// Package cli owns what smtpfp and smtpscan share on the command line:
// parsing a command's flags (a mistake prints pflag's message and the
// usage line; --help prints the whole help to stdout), --version, the one
// table of exit codes, "-" for standard input, an -o that would
// overwrite an input, loading a --rules
// rulebase and printing what is wrong with one, and asking whether a
// stream is a terminal. The commands keep their own flags and wiring;
// everything here is the same for both, so a newcomer meets one behaviour.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/spf13/pflag"
	"golang.org/x/term"
)

// Exit codes, the same for every command of both programs.
const (
	OK          = 0   // success
	Problems    = 1   // the run finished, but found or met problems (see ExitCodes)
	Usage       = 2   // usage error, or an input that cannot be read or used
	Interrupted = 130 // stopped by SIGINT or SIGTERM (128 + SIGINT, as shells report it)
)

// ExitCodes is the exit-code table as --help and README print it.
const ExitCodes = `Exit status:
  0    success
  1    finished, but with problems: malformed records or lines skipped,
       targets refused, failed MX/A lookups of smtpscan targets, shards
       missing from a report, a rulebase that
       check, lint or compile was asked to examine does not compile (fmt:
       does not parse, or is empty), warnings with check --werror or lint
       --fail-on-warnings, files fmt -l lists, failing test cases,
       diff --exit-code changes, or output that could not be written
  2    usage error (a mistyped flag, a missing or bad value), or an input
       that cannot be read or used (a missing file, a --rules rulebase
       that does not compile)
  130  interrupted (SIGINT or SIGTERM)
`

// Flags is a command's flag set with the text its help shows. Usage is
// the one-line synopsis ("usage: smtpfp classify [FLAGS] [FILE|-]..."),
// Help any paragraphs that follow it.
type Flags struct {
	*pflag.FlagSet
	Usage string
	Help  string
}

// NewFlags returns an empty flag set for the command name ("smtpfp
// classify"). Flags never print by themselves: Parse does.
func NewFlags(name, usage, help string) *Flags {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.SortFlags = false
	return &Flags{FlagSet: fs, Usage: usage, Help: help}
}

// Parse parses args. ok is false when the command should stop and return
// code: OK after --help (the help went to stdout), Usage after a mistake
// (pflag's message, the usage line and a pointer to --help went to
// stderr).
func (f *Flags) Parse(args []string, stdout, stderr io.Writer) (code int, ok bool) {
	err := f.FlagSet.Parse(args)
	switch {
	case errors.Is(err, pflag.ErrHelp):
		f.PrintHelp(stdout)
		return OK, false
	case err != nil:
		return f.Fail(stderr, "%v", err), false
	}
	return OK, true
}

// Fail prints a usage error as "NAME: message", then the usage line, and
// returns Usage.
func (f *Flags) Fail(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "%s: %s\n%s\nRun '%s --help' for every flag.\n", f.Name(), fmt.Sprintf(format, args...), f.Usage, f.Name())
	return Usage
}

// PrintHelp writes the full help: usage line, help text, flags, exit codes.
func (f *Flags) PrintHelp(w io.Writer) {
	fmt.Fprintln(w, f.Usage)
	if f.Help != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimRight(f.Help, "\n"))
	}
	if u := f.FlagUsages(); u != "" {
		fmt.Fprintf(w, "\nFlags:\n%s", u)
	}
	fmt.Fprintf(w, "\n%s", ExitCodes)
}

// IsTerminal reports whether s (stdin, stdout or stderr) is a terminal.
func IsTerminal(s any) bool {
	switch v := s.(type) {
	case *Stdin:
		s = v.R
	case *Output:
		s = v.w
	}
	f, ok := s.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// Width is the width in columns of the terminal w, or 0 when w is not one.
func Width(w io.Writer) int {
	if o, ok := w.(*Output); ok {
		w = o.w
	}
	f, ok := w.(*os.File)
	if !ok {
		return 0
	}
	cols, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return cols
}

// Stdin hands out standard input to the first "-" of a run: a second "-"
// (say --rules - with an archive -) is an error rather than an empty read.
// It is an io.Reader itself, for code that reads standard input directly
// (the records of classify, say): such a read fails once Open has handed
// standard input to something else.
type Stdin struct {
	R       io.Reader
	mu      sync.Mutex // report opens its archives concurrently
	used    string     // what read it first
	reading bool       // through Read
}

// claim hands standard input to what, or says who has it; reads through
// Read (again) keep it.
func (s *Stdin) claim(what string, read bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.used != "" && !(read && s.reading) {
		return fmt.Errorf("standard input is already read by %s", s.used)
	}
	s.used, s.reading = what, read
	return nil
}

// readerUse marks standard input read through Read.
const readerUse = "the records"

// StdinOf returns r as a *Stdin: r itself when it is one.
func StdinOf(r io.Reader) *Stdin {
	if s, ok := r.(*Stdin); ok {
		return s
	}
	return &Stdin{R: r}
}

// Read reads standard input.
func (s *Stdin) Read(p []byte) (int, error) {
	if err := s.claim(readerUse, true); err != nil {
		return 0, err
	}
	return s.R.Read(p)
}

// ErrNoInput is what a command that reads standard input by default says
// when that is a terminal and no file was named: it would wait silently.
var ErrNoInput = errors.New("no input given, and standard input is a terminal: name a FILE, or - to read the terminal")

// Open opens the input name: "-" is standard input (its display name
// "<stdin>"), anything else a file, either decompressed by content
// (pipeline.OpenData). what says which input it is, for the message when
// "-" is given twice.
func (s *Stdin) Open(name, what string) (io.ReadCloser, string, error) {
	display := name
	if name == "-" {
		display = "<stdin>"
		if err := s.claim(what, false); err != nil {
			return nil, display, fmt.Errorf("%s: %v", what, err)
		}
	}
	// Decompressed by content, as records are: a gzip target list or
	// rulebase reads as well as a plain one.
	in, err := pipeline.OpenData(name, s.R)
	if err != nil {
		return nil, display, err
	}
	return in, display, nil
}

// ReadFile reads the input name whole, as Open opens it.
func (s *Stdin) ReadFile(name, what string) ([]byte, string, error) {
	r, display, err := s.Open(name, what)
	if err != nil {
		return nil, display, err
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, display, fmt.Errorf("%s: %v", display, err)
	}
	return b, display, nil
}

// WriteFile writes b to the output name, created as every command
// creates an output (pipeline.Create: "-" is stdout, *.gz and *.zst are
// compressed). The error is the first create, write or close that failed;
// the command says it and exits with Problems, as for any output that
// could not be written.
func WriteFile(name string, stdout io.Writer, b []byte) error {
	w, err := pipeline.Create(name, stdout)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}

// NotAnInput refuses an output file that is also one of the inputs, by
// its path or by another name for the same file (a link, ./x and x): a
// command that streams creates its output before it reads its inputs, so
// the input would be emptied before it is read. "-" and inputs that are
// no file (embedded:NAME) are not compared.
func NotAnInput(output string, inputs ...string) error {
	if output == "-" || output == "" {
		return nil
	}
	ofi, oerr := os.Stat(output)
	for _, in := range inputs {
		if in == "-" || in == "" {
			continue
		}
		same := filepath.Clean(in) == filepath.Clean(output)
		if !same && oerr == nil {
			if fi, err := os.Stat(in); err == nil {
				same = os.SameFile(ofi, fi)
			}
		}
		if same {
			return fmt.Errorf("-o %s would overwrite the input %s", output, in)
		}
	}
	return nil
}

// OpenInput opens a record input through the pipeline (which tells the
// format and compression by content): a file, or "-" for standard input,
// handed out once per run as Open does. The pipeline gets standard input
// itself, not a wrapper, so that it can tell a pipe (whose records it
// streams) from a file.
func OpenInput(name string, stdin io.Reader, what string) (*pipeline.Input, error) {
	if name == "-" {
		s := StdinOf(stdin)
		if err := s.claim(what, false); err != nil {
			if s.used == what {
				return nil, errors.New("- given twice: standard input can be read only once")
			}
			return nil, fmt.Errorf("%s: %v", what, err)
		}
		stdin = s.R
	}
	return pipeline.Open(name, stdin)
}
