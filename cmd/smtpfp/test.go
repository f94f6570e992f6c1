package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/smtpfp/smtpfp/cmd/internal/cli"

	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/vm"
)

func init() {
	commands["test"] = command{runTest, "run a rulebase against its golden transcripts"}
}

// A rulebase's golden transcripts are cases: CASE.jsonl holds archive
// records and CASE.golden one expected result a record, in the form
//
//	rule 12 line 66: UNIX qmail
//
// (rule index, its source line, the tally name; "rule -1 line 0" for the
// default), or just the tally name when rule and line do not matter. For
// a rulebase FILE.fp the cases are found, in this order:
//
//   - in FILE.tests/ beside it (CASE.jsonl and CASE.golden together);
//   - in the repository's layout, for the shipped rulebases: the
//     transcripts in corpus/NAME/ and their labels in
//     testdata/golden/classify/NAME/ (djb2001), or the transcripts under
//     testdata/transcripts/ (real/ and documented/) and their labels in
//     testdata/golden/test/NAME/ (smtp), NAME the rulebase's name, looked
//     for above the rulebase's directory and in the current one.
//
// A cases directory holds CASE.jsonl files, or directories of them one
// level down (case "real/postfix-default"). --cases and --expect name the
// directories instead.

// testCase is one golden transcript file.
type testCase struct {
	name   string
	jsonl  string
	golden string
}

var goldenLineRE = regexp.MustCompile(`^rule (-?[0-9]+) line ([0-9]+): (.*)$`)

func runTest(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := cli.NewFlags("smtpfp test", "usage: smtpfp test [--cases DIR] [--expect DIR] [-v] [--update] [FILE]", "Classifies every CASE.jsonl and compares each record's result with the line of CASE.golden:\n\"rule N line L: TALLY NAME\", or the tally name alone. FILE defaults to the embedded rulebase;\nits cases are in FILE.tests/ beside it, or the repository's corpus/NAME/ with testdata/golden/classify/NAME/,\nor testdata/transcripts/ with testdata/golden/test/NAME/.\n")
	casesDir := fs.String("cases", "", "directory of CASE.jsonl transcripts (default: see smtpfp test --help)")
	expectDir := fs.String("expect", "", "directory of CASE.golden expected labels (default: the cases directory, or the repository's)")
	verbose := fs.BoolP("verbose", "v", false, "print passing cases too")
	update := fs.Bool("update", false, "write each CASE.golden from the rulebase's answers instead of checking them")
	if code, ok := fs.Parse(args, stdout, stderr); !ok {
		return code
	}
	if fs.NArg() > 1 {
		errorf(stderr, "test: want at most one rulebase")
		return exitUsage
	}
	rb, ok := loadRules(fs.Arg(0), stdin, stderr)
	if !ok {
		return exitUsage
	}
	cdir, edir := findCases(fs.Arg(0), rb.Name(), *casesDir, *expectDir)
	if cdir == "" && rb.Src == nil {
		// An artifact records no source path to find the cases by.
		errorf(stderr, "test: no golden transcripts beside the compiled rulebase %s (%q version %q): a .fpc does not record its source; test the .fp, or give --cases DIR", fs.Arg(0), rb.Name(), rb.Version())
		return exitUsage
	}
	if cdir == "" {
		errorf(stderr, "test: no golden transcripts for rulebase %q: give --cases DIR (see --help)", rb.Name())
		return exitUsage
	}
	// Cases are CASE.jsonl in the directory or one level below it
	// (testdata/transcripts/real/x.jsonl is case "real/x").
	paths, _ := filepath.Glob(filepath.Join(cdir, "*.jsonl"))
	deeper, _ := filepath.Glob(filepath.Join(cdir, "*", "*.jsonl"))
	paths = append(paths, deeper...)
	if len(paths) == 0 {
		errorf(stderr, "test: no *.jsonl cases in %s", cdir)
		return exitUsage
	}
	sort.Strings(paths)
	var cases []testCase
	for _, p := range paths {
		rel, _ := filepath.Rel(cdir, p)
		name := strings.TrimSuffix(filepath.ToSlash(rel), ".jsonl")
		cases = append(cases, testCase{name: name, jsonl: p, golden: filepath.Join(edir, filepath.FromSlash(name)+".golden")})
	}
	failed, records := 0, 0
	for _, c := range cases {
		var got []string
		// A case must be read whole: a malformed record is an error.
		opt := pipeline.Options{Rulebases: []*rulebase.Rulebase{rb}, Strict: true, Jobs: 1}
		err := readRecords([]string{c.jsonl}, nil, opt, func(it *pipeline.Item) error {
			if !it.Matched() {
				got = append(got, "not greeted: "+string(it.Rec.Outcome))
				return nil
			}
			got = append(got, resultLine(rb, it.Res[0]))
			return nil
		})
		if err != nil {
			errorf(stderr, "%v", err)
			return exitUsage
		}
		records += len(got)
		if *update {
			if err := os.MkdirAll(filepath.Dir(c.golden), 0o755); err != nil {
				errorf(stderr, "%v", err)
				return exitUsage
			}
			if err := os.WriteFile(c.golden, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
				errorf(stderr, "%v", err)
				return exitUsage
			}
			fmt.Fprintf(stdout, "wrote %s\n", c.golden)
			continue
		}
		problems := checkCase(c, got)
		if len(problems) > 0 {
			failed++
			for _, p := range problems {
				fmt.Fprintf(stdout, "FAIL %s: %s\n", c.name, p)
			}
			continue
		}
		if *verbose {
			fmt.Fprintf(stdout, "ok   %s: %s\n", c.name, strings.Join(got, "; "))
		}
	}
	if *update {
		return exitOK
	}
	if failed > 0 {
		fmt.Fprintf(stdout, "FAIL: %d of %d cases (%s)\n", failed, len(cases), countOf(records, "transcript"))
		return exitProblems
	}
	fmt.Fprintf(stdout, "ok: %d cases, %s, rulebase %q version %q\n", len(cases), countOf(records, "transcript"), rb.Name(), rb.Version())
	return exitOK
}

// resultLine is a result as a golden line holds it.
func resultLine(rb *rulebase.Rulebase, res vm.Result) string {
	line := 0
	if res.Rule >= 0 {
		line = rb.Prog.Rules[res.Rule].Line
	}
	name := "unclassified"
	if res.Label >= 0 {
		name = rb.Display(res.Label)
	}
	return fmt.Sprintf("rule %d line %d: %s", res.Rule, line, name)
}

// checkCase compares a case's results with its golden file.
func checkCase(c testCase, got []string) []string {
	b, err := os.ReadFile(c.golden)
	if err != nil {
		return []string{fmt.Sprintf("no expected labels: %v", err)}
	}
	want := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	var problems []string
	if len(want) != len(got) {
		problems = append(problems, fmt.Sprintf("%d records, %s has %d lines", len(got), filepath.Base(c.golden), len(want)))
	}
	for i := 0; i < min(len(want), len(got)); i++ {
		w := strings.TrimSpace(want[i])
		ok := w == got[i]
		if !ok && !goldenLineRE.MatchString(w) {
			// Just a tally name: compare that.
			ok = goldenLineRE.FindStringSubmatch(got[i])[3] == w
		}
		if !ok {
			problems = append(problems, fmt.Sprintf("record %d: got %q, want %q", i+1, got[i], w))
		}
	}
	return problems
}

// findCases works out the cases and expectations directories (see the
// comment at the top); cases is "" when there are none.
func findCases(rulesPath, name, cases, expect string) (string, string) {
	isDir := func(p string) bool {
		st, err := os.Stat(p)
		return err == nil && st.IsDir()
	}
	if cases != "" {
		if expect == "" {
			expect = cases
		}
		return cases, expect
	}
	if rulesPath != "" && !strings.HasPrefix(rulesPath, "embedded:") {
		base := strings.TrimSuffix(strings.TrimSuffix(rulesPath, ".fpc"), ".fp")
		if d := base + ".tests"; isDir(d) {
			if expect == "" {
				expect = d
			}
			return d, expect
		}
	}
	var roots []string
	if rulesPath != "" && !strings.HasPrefix(rulesPath, "embedded:") {
		roots = append(roots, filepath.Join(filepath.Dir(rulesPath), ".."))
	}
	roots = append(roots, ".")
	for _, root := range roots {
		c := filepath.Join(root, "corpus", name)
		e := filepath.Join(root, "testdata", "golden", "classify", name)
		if isDir(c) {
			if expect == "" {
				expect = e
			}
			return c, expect
		}
		// Recorded and documented transcripts under testdata/transcripts,
		// with this rulebase's expectations in testdata/golden/test/NAME.
		if e := filepath.Join(root, "testdata", "golden", "test", name); isDir(e) {
			if expect == "" {
				expect = e
			}
			return filepath.Join(root, "testdata", "transcripts"), expect
		}
	}
	return "", ""
}
