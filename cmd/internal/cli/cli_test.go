package cli

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// Standard input goes to the first "-" of a run; a second one, through
// Open or Read, is an error naming the first.
func TestStdinOnce(t *testing.T) {
	for _, tt := range []struct {
		name  string
		steps func(s *Stdin) error
		want  string
	}{
		{"open then open", func(s *Stdin) error {
			if _, _, err := s.ReadFile("-", "--rules"); err != nil {
				return err
			}
			_, _, err := s.Open("-", "--targets")
			return err
		}, "--targets: standard input is already read by --rules"},
		{"open then read", func(s *Stdin) error {
			if _, _, err := s.ReadFile("-", "--rules"); err != nil {
				return err
			}
			_, err := io.ReadAll(s)
			return err
		}, "standard input is already read by --rules"},
		{"read then open", func(s *Stdin) error {
			if _, err := io.ReadAll(s); err != nil {
				return err
			}
			_, _, err := s.Open("-", "--rules")
			return err
		}, "--rules: standard input is already read by the records"},
		{"files do not count", func(s *Stdin) error {
			if _, _, err := s.Open("/nonexistent", "--rules"); err == nil {
				t.Error("opened /nonexistent")
			}
			b, name, err := s.ReadFile("-", "--targets")
			if string(b) != "data" || name != "<stdin>" {
				t.Errorf("read %q from %s", b, name)
			}
			return err
		}, ""},
	} {
		err := tt.steps(&Stdin{R: strings.NewReader("data")})
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

// A mistake prints pflag's message, the usage line and where help is;
// --help prints everything to stdout.
func TestFlagsParse(t *testing.T) {
	newFlags := func() *Flags {
		f := NewFlags("prog sub", "usage: prog sub [-n N] FILE", "Does a thing.")
		f.IntP("count", "n", 1, "how many")
		return f
	}
	var out, errb bytes.Buffer
	code, ok := newFlags().Parse([]string{"-n", "x"}, &out, &errb)
	want := "prog sub: invalid argument \"x\" for \"-n, --count\" flag: must be an integer\n" +
		"usage: prog sub [-n N] FILE\nRun 'prog sub --help' for every flag.\n"
	if ok || code != Usage || out.Len() != 0 || errb.String() != want {
		t.Errorf("bad value: %d %v stdout %q stderr %q, want %q", code, ok, out.String(), errb.String(), want)
	}
	out.Reset()
	errb.Reset()
	code, ok = newFlags().Parse([]string{"--help"}, &out, &errb)
	want = "usage: prog sub [-n N] FILE\n\nDoes a thing.\n\nFlags:\n  -n, --count int   how many (default 1)\n\n" + ExitCodes
	if ok || code != OK || errb.Len() != 0 || out.String() != want {
		t.Errorf("--help: %d %v stderr %q stdout\n%s\nwant\n%s", code, ok, errb.String(), out.String(), want)
	}
	f := newFlags()
	if code, ok := f.Parse([]string{"-n", "3", "a"}, &out, &errb); !ok || code != OK || f.Arg(0) != "a" {
		t.Errorf("good flags: %d %v %v", code, ok, f.Args())
	}
}

// A second "-" among the inputs is refused, named as such; so is "-" for
// the records after --rules - took standard input.
func TestOpenInputOnce(t *testing.T) {
	in := StdinOf(strings.NewReader("{}\n"))
	first, err := OpenInput("-", in, "the records")
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	if _, err := OpenInput("-", in, "the records"); err == nil || !strings.Contains(err.Error(), "- given twice") {
		t.Errorf("second -: %v", err)
	}
	in = StdinOf(strings.NewReader(""))
	if _, _, err := in.Open("-", "--rules"); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenInput("-", in, "the records"); err == nil || !strings.Contains(err.Error(), "already read by --rules") {
		t.Errorf("- after --rules -: %v", err)
	}
}
