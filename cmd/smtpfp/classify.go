package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/smtpfp/smtpfp/cmd/internal/cli"

	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/report"
	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/rules"
	"github.com/smtpfp/smtpfp/transcript"
)

func init() {
	commands["classify"] = command{runClassify, "label each recorded transcript (JSON-lines archive or seed lines)"}
}

type classifyOpts struct {
	input  string // "json" or "djb"
	json   bool
	csv    bool
	all    bool
	tally  bool
	strict bool
	jobs   int
	engine string // "dfa", or "regexp": Go regexps tried in rule order (the benchmark's baseline)
}

func runClassify(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := cli.NewFlags("smtpfp classify", "usage: smtpfp classify [--rules FILE] [--input json|djb] [--json|--csv|--tally] [--all] [-j N] [--strict] [-o FILE] [FILE|-]...", "")
	rulesPath := fs.String("rules", "", "rulebase (.fp or .fpc; default: the shipped rulebase an archive's records were classified by, else the embedded "+rules.DefaultName+"; "+seedRules+" with --input djb)")
	var o classifyOpts
	fs.StringVar(&o.input, "input", "json", `input format: "json" (archive records) or "djb" (lines ADDRESS TRANSCRIPT in the seed's view); gzip and zstd are read by content`)
	fs.BoolVar(&o.json, "json", false, "write JSON lines: address, port, time, outcome, label, display name, vendor, product, version, CPE, OS tags, rule line, rulebase name, version and hash")
	fs.BoolVar(&o.csv, "csv", false, "write CSV with a header row: the fields of --json")
	fs.BoolVar(&o.all, "all", false, "also list the records that were not greeted (with their outcome and no label)")
	fs.BoolVar(&o.tally, "tally", false, "print only the seed-style tally: count and display name, most frequent first")
	fs.BoolVar(&o.strict, "strict", false, "stop at the first malformed record")
	fs.IntVarP(&o.jobs, "jobs", "j", 0, "classify on this many cores (0: all that GOMAXPROCS allows)")
	output := fs.StringP("output", "o", "-", "write the output to `FILE`, compressed by its name (.gz, .zst); - is standard output")
	fs.StringVar(&o.engine, "engine", "dfa", `matcher: "dfa" (the compiled automaton) or "regexp" (Go regexps in rule order; a baseline for benchmarks)`)
	fs.MarkHidden("engine")
	memStats := fs.Bool("mem-stats", false, "print peak resident memory to stderr at the end (for make bench)")
	fs.MarkHidden("mem-stats")
	if code, ok := fs.Parse(args, stdout, stderr); !ok {
		return code
	}
	if o.jobs < 0 {
		return fs.Fail(stderr, "-j %d: want a number of cores, or 0 for all", o.jobs)
	}
	format, err := pipeline.ParseFormat(o.input)
	if err != nil {
		errorf(stderr, "classify: %v", err)
		return exitUsage
	}
	if n := btoi(o.json) + btoi(o.csv) + btoi(o.tally); n > 1 {
		errorf(stderr, "classify: --json, --csv and --tally exclude each other")
		return exitUsage
	}
	if *rulesPath == "" && format == pipeline.Seed {
		*rulesPath = seedRules // seed lines want the seed's patterns
	}
	c := &classifier{opts: o, stderr: stderr}
	opt := pipeline.Options{Format: format, Jobs: o.jobs, Strict: o.strict, Regexp: o.engine == "regexp",
		Problems: &pipeline.Problems{W: stderr, Prefix: "smtpfp: "}, Render: c.render}
	if *rulesPath != "" {
		rb, ok := loadRules(*rulesPath, stdin, stderr)
		if !ok {
			return exitUsage
		}
		c.use(rb)
		opt.Rulebases = []*rulebase.Rulebase{rb}
	} else {
		opt.Choose = c.choose
	}
	files := fs.Args()
	if len(files) == 0 {
		if cli.IsTerminal(stdin) {
			return fs.Fail(stderr, "%v", cli.ErrNoInput)
		}
		files = []string{"-"}
	}
	if err := cli.NotAnInput(*output, append([]string{*rulesPath}, files...)...); err != nil {
		return fs.Fail(stderr, "%v", err)
	}
	dst, err := pipeline.Create(*output, stdout)
	if err != nil {
		errorf(stderr, "classify: %v", err)
		return exitProblems
	}
	c.out = bufio.NewWriterSize(dst, 1<<16)
	code := c.run(files, stdin, opt)
	// One check of the output for every way the run ended: bufio keeps
	// a failed write's error, and Close flushes a compressor.
	werr := c.out.Flush()
	if cerr := dst.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		if *output != "-" {
			errorf(stderr, "classify: %v", werr) // standard output's is said by run (cli.Output)
		}
		if code == exitOK {
			code = exitProblems
		}
	}
	if *memStats {
		// VmHWM is this process's own peak: unlike rusage's maxrss it
		// does not include the parent that forked it.
		if b, err := os.ReadFile("/proc/self/status"); err == nil {
			for _, l := range strings.Split(string(b), "\n") {
				if strings.HasPrefix(l, "VmHWM:") {
					fmt.Fprintln(stderr, "peak_rss_kb", strings.Fields(l)[1])
				}
			}
		}
	}
	return code
}

// run classifies the files in turn into c.out and returns the exit
// status as far as the input goes; the caller checks the output.
func (c *classifier) run(files []string, stdin io.Reader, opt pipeline.Options) int {
	stderr := c.stderr
	if c.opts.csv {
		c.csvHeader()
	}
	for _, path := range files {
		in, err := cli.OpenInput(path, stdin, "the records")
		if err != nil {
			errorf(stderr, "%v", err)
			return exitUsage
		}
		err = pipeline.Run(in, opt, func(b *pipeline.Batch) error {
			c.batch(b)
			if in.Stream {
				// A filter on a pipe: each batch's lines leave at once.
				if err := c.out.Flush(); err != nil {
					return writeError{err}
				}
			}
			return nil
		})
		in.Close()
		if len(opt.Rulebases) == 0 && c.rb != nil {
			opt.Rulebases, opt.Choose = []*rulebase.Rulebase{c.rb}, nil // every file alike
		}
		if err != nil {
			var re *transcript.RecordError
			if errors.As(err, &writeError{}) {
				return exitProblems // the caller says why
			}
			if errors.As(err, &re) {
				errorf(stderr, "%v", err)
				return exitProblems
			}
			errorf(stderr, "%v", err)
			return exitUsage
		}
	}
	if c.opts.tally && c.rb != nil {
		c.printTally()
	}
	if bad := opt.Problems.Close(); bad > 0 {
		errorf(stderr, "classify: %d malformed record(s) skipped; %d classified", bad, c.records)
		return exitProblems
	}
	return exitOK
}

// writeError is a failed write of classify's output, which is exit
// status 1 (cli.Problems), not an input that could not be used.
type writeError struct{ error }

func (e writeError) Unwrap() error { return e.error }

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// seedRules is the rulebase for --input djb when none is given: lines
// in the seed's view are classified with the seed's patterns.
const seedRules = "embedded:djb2001.fp"

// classifier is the state of one classify run.
type classifier struct {
	opts    classifyOpts
	rb      *rulebase.Rulebase
	out     *bufio.Writer
	stderr  io.Writer
	counts  []int // per label, and [len] for "no label"
	records int
}

func (c *classifier) use(rb *rulebase.Rulebase) {
	c.rb = rb
	c.counts = make([]int, len(rb.Prog.Labels)+1)
}

// choose is the rule for an archive classified without --rules: the
// rulebase its records were classified by, when that is a shipped one
// (so `classify --tally survey.jsonl` counts what `report survey.jsonl`
// counts); otherwise the embedded default. Either way stderr says which
// when the records name another.
func (c *classifier) choose(file string, first *pipeline.Item) *rulebase.Rulebase {
	rb := rulebase.Default()
	if first == nil {
		c.use(rb)
		return rb
	}
	cl := first.Rec.Class
	where := fmt.Sprintf("%s record %d", file, first.N)
	if shipped, err := rulebase.Load("embedded:" + cl.Rulebase + ".fp"); err == nil && cl.Rulebase != "" {
		rb = shipped
		note := ""
		if cl.Hash != rb.Hash() {
			note = fmt.Sprintf(" (the shipped one: its hash %s differs from the record's %s)", rb.Hash(), cl.Hash)
		}
		errorf(c.stderr, "classify: using rulebase %s version %s%s, which classified %s; --rules to choose another", rb.Name(), rb.Version(), note, where)
	} else if cl.Rulebase != rb.Name() {
		errorf(c.stderr, "classify: %s was classified by rulebase %q, which is not shipped: using the default %s version %s; --rules to choose", where, cl.Rulebase, rb.Name(), rb.Version())
	}
	c.use(rb)
	return rb
}

// batch counts a classified batch and writes its lines.
func (c *classifier) batch(b *pipeline.Batch) {
	for i := range b.Items {
		it := &b.Items[i]
		if !it.Matched() {
			continue
		}
		c.records++
		if l := it.Res[0].Label; l >= 0 {
			c.counts[l]++
		} else {
			c.counts[len(c.counts)-1]++
		}
	}
	if !c.opts.tally {
		c.out.Write(b.Out)
	}
}

// result is a record's line in --json and --csv: enough to join it
// with other data by address, port and time.
type result struct {
	Addr    string             `json:"addr"`
	Port    int                `json:"port,omitempty"`
	Time    *time.Time         `json:"time,omitempty"`
	Outcome transcript.Outcome `json:"outcome,omitempty"`
	*transcript.Class
}

// render writes one item's output line; it runs on the workers.
func (c *classifier) render(it *pipeline.Item, out []byte) []byte {
	if c.opts.tally || (!it.Matched() && (!c.opts.all || it.Rec == nil)) {
		return out
	}
	if !c.opts.json && !c.opts.csv {
		if !it.Matched() {
			out = append(out, it.Addr...)
			out = append(out, '\t')
			out = append(out, "("+it.Rec.Outcome.Words(it.Rec.Code)+")"...)
			return append(out, '\n')
		}
		out = append(out, it.Addr...)
		out = append(out, '\t')
		out = append(out, c.display(it.Res[0].Label)...)
		return append(out, '\n')
	}
	r := result{Addr: it.Addr}
	if it.Rec != nil {
		r.Port, r.Outcome = it.Rec.Port, it.Rec.Outcome
		if r.Port == 0 {
			r.Port = 25
		}
		if !it.Rec.Time.IsZero() {
			r.Time = &it.Rec.Time
		}
	}
	if it.Matched() {
		r.Class = c.rb.ClassOf(it.Res[0])
	}
	if c.opts.csv {
		return csvRow(out, &r)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(r)
	return append(out, buf.Bytes()...)
}

var csvFields = []string{"addr", "port", "time", "outcome", "label", "name", "vendor", "product", "version", "cpe", "os", "rule", "line", "rulebase", "rulebase_version", "rulebase_hash"}

func (c *classifier) csvHeader() {
	w := csv.NewWriter(c.out)
	w.Write(csvFields)
	w.Flush()
}

func csvRow(out []byte, r *result) []byte {
	row := make([]string, len(csvFields))
	row[0] = r.Addr
	if r.Port != 0 {
		row[1] = strconv.Itoa(r.Port)
	}
	if r.Time != nil {
		row[2] = r.Time.Format(time.RFC3339Nano)
	}
	row[3] = string(r.Outcome)
	if cl := r.Class; cl != nil {
		copy(row[4:], []string{cl.Label, cl.Name, cl.Vendor, cl.Product, cl.Version, cl.CPE, strings.Join(cl.OS, "/"),
			strconv.Itoa(cl.Rule), strconv.Itoa(cl.Line), cl.Rulebase, cl.RulesVer, cl.Hash})
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(row)
	w.Flush()
	return append(out, b.Bytes()...)
}

// display is the tally name of a label, or "unclassified" when no rule
// held and the rulebase has no default.
func (c *classifier) display(label int) string {
	if label < 0 {
		return "unclassified"
	}
	return c.rb.Display(label)
}

// printTally prints the seed's tally: "%8d %s", one row per printed name
// (as the seed's `uniq -c` counted lines), in the report's order
// (report.SortLabels: most frequent first, ties as `sort -rn` put them).
func (c *classifier) printTally() {
	merged := map[string]int{}
	for i, n := range c.counts {
		if n == 0 {
			continue
		}
		label := i
		if i == len(c.counts)-1 {
			label = -1
		}
		merged[c.display(label)] += n
	}
	var rows []report.LabelCount
	for name, n := range merged {
		rows = append(rows, report.LabelCount{Name: name, Count: int64(n)})
	}
	report.SortLabels(rows)
	for _, r := range rows {
		c.out.WriteString(fmt.Sprintf("%8d %s\n", r.Count, r.Name))
	}
}
