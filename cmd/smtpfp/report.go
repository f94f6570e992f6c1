package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/smtpfp/smtpfp/cmd/internal/cli"

	"github.com/smtpfp/smtpfp/report"
	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/rules"
)

func init() {
	commands["report"] = command{runReport, "survey report from archives: tallies, estimates, comparisons, charts"}
}

type reportOpts struct {
	json, csv  bool
	html       string
	previous   []string
	reclassify bool
	rules      string
	population string
	by         string
	jobs       int
}

func runReport(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := cli.NewFlags("smtpfp report", "usage: smtpfp report [--json|--csv] [--html FILE] [--previous ARCHIVE|REPORT.json]... [--reclassify] [--rules FILE] [--population ipv4|list:N] [--by rule] ARCHIVE...", "Several archives are shards of one survey and make one report; - reads standard input; gzip and zstd are read by content.\n")
	var o reportOpts
	fs.BoolVar(&o.json, "json", false, "write the report as JSON (it reads back with --previous)")
	fs.BoolVar(&o.csv, "csv", false, "write the report as CSV: one row per outcome, label, product, estimate...")
	fs.StringVar(&o.html, "html", "", "also write a self-contained HTML page with charts to `FILE` (compressed by its name: .gz, .zst); - writes the page alone to standard output")
	fs.StringArrayVar(&o.previous, "previous", nil, "compare with an earlier survey: an archive or a JSON report (repeatable)")
	fs.BoolVar(&o.reclassify, "reclassify", false, "classify every greeted record anew with --rules (needed to mix archives of different rulebases)")
	fs.StringVar(&o.rules, "rules", "", "rulebase for --reclassify and advisories (.fp or .fpc; default: the embedded "+rules.DefaultName+")")
	fs.StringVar(&o.population, "population", "", `population sampled, for archives without a survey header: "ipv4" (2^32 addresses), "list:N" or N`)
	fs.StringVar(&o.by, "by", "", `break the software tally down: "rule" (by the rule that matched)`)
	fs.IntVarP(&o.jobs, "jobs", "j", 0, "read this many archives at once, or classify one on this many cores (0: one per core)")
	if code, ok := fs.Parse(args, stdout, stderr); !ok {
		return code
	}
	if o.jobs < 0 {
		return fs.Fail(stderr, "-j %d: want a number of archives or cores, or 0 for one per core", o.jobs)
	}
	if fs.NArg() == 0 {
		return fs.Fail(stderr, "no archives given")
	}
	if err := distinctFiles(fs.Args()); err != nil {
		errorf(stderr, "report: %v", err)
		return exitUsage
	}
	if o.json && o.csv {
		errorf(stderr, "report: --json and --csv exclude each other")
		return exitUsage
	}
	if o.html == "-" && (o.json || o.csv) {
		errorf(stderr, "report: --html - writes the page to standard output, which --json and --csv want too")
		return exitUsage
	}
	if o.by != "" && o.by != "rule" {
		errorf(stderr, "report: unknown --by %q (want rule)", o.by)
		return exitUsage
	}
	var opt report.Options
	if o.population != "" {
		p, err := report.ParsePopulation(o.population)
		if err != nil {
			errorf(stderr, "report: --population: %v", err)
			return exitUsage
		}
		opt.Population = p
	}
	rb, ok := loadRules(o.rules, stdin, stderr)
	if !ok {
		return exitUsage
	}
	opt.Rulebase, opt.Reclassify = rb, o.reclassify
	if o.jobs <= 0 {
		o.jobs = runtime.NumCPU()
	}
	// Cores not used to read archives side by side classify within one.
	opt.Jobs = max(1, o.jobs/fs.NArg())

	shards, err := readAll(fs.Args(), stdin, o.jobs, func(name string, r io.Reader) (*report.Summary, error) {
		return report.ReadArchive(name, r, opt)
	})
	if err != nil {
		return reportError(stderr, err)
	}
	sum, err := report.Merge(shards...)
	if err != nil {
		return reportError(stderr, err)
	}
	cfg := report.Config{ByRule: o.by == "rule"}
	prevOpt := report.Options{Rulebase: rb, Reclassify: o.reclassify}
	cfg.Previous, err = readAll(o.previous, stdin, o.jobs, func(name string, r io.Reader) (*report.Summary, error) {
		return report.ReadPrevious(name, r, prevOpt)
	})
	if err != nil {
		return reportError(stderr, err)
	}
	cfg.Advisories = advisoriesFor(rb, o.rules != "" || o.reclassify, sum, stderr)
	if sum.Rulebase != nil && sum.Rulebase.Hash == rb.Hash() {
		cfg.RuleSource = func(i int) string {
			if i < len(rb.Prog.Rules) {
				return rb.Prog.Rules[i].Source
			}
			return ""
		}
	}

	rep := report.New(sum, cfg)
	switch {
	case o.html == "-":
		// The page alone: after the text report it would be neither a
		// page nor a report.
	case o.json:
		err = rep.WriteJSON(stdout)
	case o.csv:
		err = rep.WriteCSV(stdout)
	default:
		err = rep.WriteText(stdout)
	}
	if err != nil {
		errorf(stderr, "report: %v", err)
		return exitProblems
	}
	if o.html != "" {
		var b bytes.Buffer
		err := rep.WriteHTML(&b)
		if err == nil {
			err = cli.WriteFile(o.html, stdout, b.Bytes())
		}
		if err != nil {
			errorf(stderr, "report: --html: %v", err)
			return exitProblems
		}
	}
	code := exitOK
	if missing := sum.MissingShards(); len(missing) > 0 {
		// The report says so too, but a script must not take a part of
		// the survey for the whole.
		errorf(stderr, "report: shards %v of the survey's %d are missing: the report covers only the %d given", missing, sum.ShardsOf, sum.ShardsOf-len(missing))
		code = exitProblems
	}
	bad := sum.Bad
	for _, p := range cfg.Previous {
		bad += p.Bad
	}
	if bad > 0 {
		for _, s := range append([]*report.Summary{sum}, cfg.Previous...) {
			for _, e := range s.BadExamples {
				errorf(stderr, "report: skipped %s", e)
			}
		}
		errorf(stderr, "report: %d malformed records skipped", bad)
		return exitProblems
	}
	return code
}

// distinctFiles refuses an archive named twice, by the same path or by
// another name for the same file (a link, ./x and x): it would be added
// up twice. A repeated shard is refused by report.Merge; a second "-" by
// cli.Stdin.
func distinctFiles(names []string) error {
	type seen struct {
		name string
		fi   os.FileInfo
	}
	var files []seen
	paths := map[string]string{}
	for _, name := range names {
		if name == "-" {
			continue
		}
		clean := filepath.Clean(name)
		if first, dup := paths[clean]; dup {
			return fmt.Errorf("archive %s given twice: it would be counted twice", first)
		}
		paths[clean] = name
		fi, err := os.Stat(name)
		if err != nil {
			continue // reading it says what is wrong
		}
		for _, f := range files {
			if os.SameFile(f.fi, fi) {
				return fmt.Errorf("%s and %s are the same file, given twice: it would be counted twice", f.name, name)
			}
		}
		files = append(files, seen{name, fi})
	}
	return nil
}

// advisoriesFor returns the rulebase's advisories when they apply to the
// summary: always for a rulebase named on the command line (or used to
// reclassify), and otherwise those of the rulebase the archives were
// classified by, when it is the default one or another shipped one with
// the same hash (djb1996's for a simulated 1996 survey).
func advisoriesFor(rb *rulebase.Rulebase, chosen bool, s *report.Summary, stderr io.Writer) []report.Advisory {
	if !chosen && s.Rulebase != nil && s.Rulebase.Name != rb.Name() {
		if shipped, err := rulebase.Load("embedded:" + s.Rulebase.Name + ".fp"); err == nil && shipped.Hash() == s.Rulebase.Hash {
			rb = shipped
		}
	}
	if !chosen && (s.Rulebase == nil || s.Rulebase.Name != rb.Name()) {
		return nil
	}
	if chosen && s.Rulebase != nil && s.Rulebase.Hash != "" && s.Rulebase.Hash != rb.Hash() {
		errorf(stderr, "report: warning: advisories of %s %s applied to archives classified by %s", rb.Name(), rb.Version(), s.Rulebase)
	}
	var out []report.Advisory
	for _, a := range rb.Advisories() {
		out = append(out, report.Advisory(a))
	}
	return out
}

func reportError(stderr io.Writer, err error) int {
	var mixed *report.MixedRulebaseError
	if errors.As(err, &mixed) {
		errorf(stderr, "report: %v; use --reclassify to classify them all with one rulebase", err)
		return exitUsage
	}
	errorf(stderr, "report: %v", err)
	return exitUsage
}

// readAll reads each named file ("-" is stdin; gzip and zstd are
// decompressed, by content) with
// read, jobs at a time, and returns the results in the order named.
func readAll(names []string, stdin io.Reader, jobs int, read func(string, io.Reader) (*report.Summary, error)) ([]*report.Summary, error) {
	out := make([]*report.Summary, len(names))
	errs := make([]error, len(names))
	sem := make(chan struct{}, jobs)
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[i], errs[i] = readFile(name, stdin, read)
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

func readFile(name string, stdin io.Reader, read func(string, io.Reader) (*report.Summary, error)) (*report.Summary, error) {
	in, err := cli.OpenInput(name, stdin, "the archives")
	if err != nil {
		return nil, err
	}
	defer in.Close()
	return read(in.Name, in.R)
}
