package compiler

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/vm"
)

// The awk dialect is tested against gawk itself: random EREs over random
// byte lines, gawk (LC_ALL=C) saying which line matches which regex. Its
// answers are recorded in testdata/gawk/ere.txt so the test also runs
// where gawk is missing; with gawk present the live answers must equal the
// recording, and -update-gawk rewrites it. The same is done for regexes
// with the i flag against gawk with IGNORECASE=1 (testdata/gawk/ere-icase.txt).

var updateGawk = flag.Bool("update-gawk", false, "rewrite testdata/gawk/ere*.txt from gawk's answers")

const (
	ereFile      = "../testdata/gawk/ere.txt"
	ereICaseFile = "../testdata/gawk/ere-icase.txt"
)

// ereKnown lists regexes on which smtpfp deliberately differs from gawk,
// with the reason.
var ereKnown = map[string]string{}

// icaseAtoms are added to the atoms for the IGNORECASE cases: letters of
// both cases, ranges that cross them, the case classes, negations.
var icaseAtoms = []string{"A", "c", "m", "[A-C]", "[^A]", "[^m]", "[0-A]", "[[:upper:]]", "[[:lower:]]", "[^[:upper:]]",
	"[B-z]", "[A-a]", `\x61`, `\M`, "[=a=]", "[a\\C]", "\xe9", "[\xc9]"}

func randICaseERE(r *rand.Rand, depth int, extra []string) string {
	atoms := []string{"a", "b", "M", " ", ".", "[ab]", "[^a]", "[]a]", "[^]a]", "[a-c]", "[[:alpha:]]", "[[:space:]]",
		"[[:digit:][:punct:]]", `\.`, `\t`, `\/`, `\x41`, `\101`, `\*`, `\{`, `{`, `}`, `\s`, `\S`, `\w`, `\W`,
		"[\\]]", "[a\\-z]", "2", `\\`, `[.]`, `[*]`, "\t", "\xff", "[\x80-\xff]", "[^\x01-\x7f]",
		`\x2a`, `\052`, `\x7c`, `[a\x2dc]`, `\'`, "\\`", ")", `\x`, `[a-c-]`, `[[:alpha:]-]`}
	atoms = append(atoms, extra...)
	if depth <= 0 || r.Intn(3) == 0 {
		return atoms[r.Intn(len(atoms))]
	}
	x := func() string { return randICaseERE(r, depth-1, extra) }
	switch r.Intn(15) {
	case 0:
		return x() + x()
	case 1:
		return "(" + x() + "|" + x() + ")"
	case 2:
		return "(" + x() + ")*"
	case 3:
		return x() + "+"
	case 4:
		return x() + "?"
	case 5:
		return "(" + x() + "){2}"
	case 6:
		return "^" + x()
	case 7:
		return x() + "$"
	case 8:
		return "*" + x()
	case 9:
		return x() + "{1,}"
	case 10:
		return "(" + x() + "|)"
	case 11:
		return x() + "{,2}"
	case 12:
		return "(*" + x() + ")"
	case 13:
		return x() + []string{"{,}", `\'*`, "\\`+", `\052`, "$*"}[r.Intn(5)]
	}
	return x() + x() + x()
}

func randLine(r *rand.Rand) string {
	alpha := []byte("abcMM  2.{}*\\/\t-]A\x00\xff\xe9\r")
	b := make([]byte, r.Intn(16))
	for i := range b {
		b[i] = alpha[r.Intn(len(alpha))]
	}
	return string(b)
}

type ereCase struct {
	re    string
	lines []string
}

func genEREs() []ereCase { return genCases(2001, 1000, nil) }

// genICaseEREs are the cases for the i flag.
func genICaseEREs() []ereCase { return genCases(2002, 400, icaseAtoms) }

func genCases(seed int64, n int, extra []string) []ereCase {
	r := rand.New(rand.NewSource(seed))
	var cs []ereCase
	for i := 0; i < n; i++ {
		c := ereCase{re: randICaseERE(r, 3, extra)}
		for k := 0; k < 40; k++ {
			c.lines = append(c.lines, randLine(r))
		}
		cs = append(cs, c)
	}
	return cs
}

// gawkAnswers runs every case through gawk in one process, with
// IGNORECASE=1 when icase is set.
func gawkAnswers(t *testing.T, cs []ereCase, icase bool) []string {
	var prog strings.Builder
	var input bytes.Buffer
	if icase {
		prog.WriteString("BEGIN { IGNORECASE = 1 }\n")
	}
	for i, c := range cs {
		fmt.Fprintf(&prog, "$1 == %d { s = substr($0, length($1) + 2); print ((s ~ /%s/) ? 1 : 0); next }\n", i, c.re)
		for _, l := range c.lines {
			fmt.Fprintf(&input, "%d %s\n", i, l)
		}
	}
	script := t.TempDir() + "/ere.awk"
	if err := os.WriteFile(script, []byte(prog.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("gawk", "-f", script)
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	cmd.Stdin = &input
	var errb strings.Builder
	cmd.Stderr = &errb // gawk warns about some escapes; only stdout is answers
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("gawk: %v\n%s", err, errb.String())
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	ans := make([]string, len(cs))
	k := 0
	for i, c := range cs {
		ans[i] = strings.Join(lines[k:k+len(c.lines)], "")
		k += len(c.lines)
	}
	return ans
}

func TestEREAgainstGawk(t *testing.T) { testAgainstGawk(t, genEREs(), ereFile, "") }

// TestICaseAgainstGawk: a regex written /.../i matches what gawk matches
// with IGNORECASE=1.
func TestICaseAgainstGawk(t *testing.T) { testAgainstGawk(t, genICaseEREs(), ereICaseFile, "i") }

func testAgainstGawk(t *testing.T, cs []ereCase, file, flags string) {
	recorded := readEREFile(t, file)
	if _, err := exec.LookPath("gawk"); err == nil {
		live := gawkAnswers(t, cs, flags == "i")
		if *updateGawk {
			writeEREFile(t, file, cs, live, flags == "i")
			recorded = live
		}
		for i := range cs {
			if i < len(recorded) && live[i] != recorded[i] {
				t.Errorf("gawk's answers for /%s/ differ from %s: run go test ./compiler -update-gawk", cs[i].re, file)
				break
			}
		}
		recorded = live
	} else if os.Getenv("CI") != "" {
		t.Fatal("gawk is not installed; CI must install it")
	} else {
		t.Log("gawk not installed: checking against the recorded answers only")
	}
	if len(recorded) != len(cs) {
		t.Fatalf("%s has %d cases, the generator %d: run go test ./compiler -update-gawk", file, len(recorded), len(cs))
	}
	bad := 0
	for i, c := range cs {
		src := fmt.Sprintf("rulebase \"t\" version \"1\"\nview raw\nlabel y \"Y\"\n/%s/%s -> y\n", c.re, flags)
		p, f, diags := CompileSource("t.fp", src)
		if p == nil {
			if _, ok := ereKnown[c.re]; ok {
				continue
			}
			t.Errorf("/%s/ does not compile: %s", c.re, f.Source.Render(diags[0]))
			bad++
			continue
		}
		m := vm.NewMachine(p)
		var got strings.Builder
		for _, l := range c.lines {
			if m.Match(vm.Input{Text: []byte(l)}).Rule == 0 {
				got.WriteByte('1')
			} else {
				got.WriteByte('0')
			}
		}
		if got.String() != recorded[i] {
			if _, ok := ereKnown[c.re]; ok {
				continue
			}
			for k := range c.lines {
				if got.String()[k] != recorded[i][k] {
					t.Errorf("/%s/ on %q: smtpfp %c, gawk %c (Go form %s)", c.re, c.lines[k], got.String()[k], recorded[i][k], p.Patterns[0].Expr)
					break
				}
			}
			bad++
		}
		if bad > 20 {
			t.Fatal("too many disagreements")
		}
	}
}

func readEREFile(t *testing.T, file string) []string {
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		_, ans, _ := strings.Cut(line, " ")
		out = append(out, ans)
	}
	return out
}

func writeEREFile(t *testing.T, file string, cs []ereCase, ans []string, icase bool) {
	var b strings.Builder
	if icase {
		b.WriteString("# gawk (LC_ALL=C, IGNORECASE=1) answers for the random /.../i EREs of compiler/gawk_test.go:\n")
	} else {
		b.WriteString("# gawk (LC_ALL=C) answers for the random EREs of compiler/gawk_test.go:\n")
	}
	b.WriteString("# hex(regex) then one 0/1 per generated line. Rewrite with go test ./compiler -update-gawk.\n")
	for i, c := range cs {
		fmt.Fprintf(&b, "%s %s\n", hex.EncodeToString([]byte(c.re)), ans[i])
	}
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
