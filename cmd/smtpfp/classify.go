package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/smtpfp/smtpfp/cmd/internal/cli"
	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/rules"
	"github.com/smtpfp/smtpfp/transcript"
	"github.com/smtpfp/smtpfp/view"
	"github.com/smtpfp/smtpfp/vm"
)

func init() {
	commands["classify"] = command{runClassify, "label each recorded transcript (JSON-lines archive or seed lines)"}
}

type classifyOpts struct {
	input  string // "json" or "djb"
	json   bool
	tally  bool
	strict bool
	jobs   int
	engine string // "dfa", or "regexp": Go regexps tried in rule order (the benchmark's baseline)
}

// classifier is the state of one classify run.
type classifier struct {
	opts    classifyOpts
	rb      *rulebase.Rulebase
	out     *bufio.Writer
	stderr  io.Writer
	counts  []int // per label, and [len] for "no label"
	records int
	skipped int
	bad     int
}

func runClassify(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := cli.NewFlags("smtpfp classify", "usage: smtpfp classify [--rules FILE] [--input json|djb] [--json|--tally] [FILE|-]...", "")
	rulesPath := fs.String("rules", "", "rulebase (.fp or .fpc; default: the embedded "+rules.DefaultName+", or "+seedRules+" with --input djb)")
	var o classifyOpts
	fs.StringVar(&o.input, "input", "json", `input format: "json" (archive records) or "djb" (lines ADDRESS TRANSCRIPT in the seed's view)`)
	fs.BoolVar(&o.json, "json", false, "write JSON lines: label, display name, OS tags, version, rule line, rulebase name, version and hash")
	fs.BoolVar(&o.tally, "tally", false, "print only the seed-style tally: count and display name, most frequent first")
	fs.BoolVar(&o.strict, "strict", false, "stop at the first malformed record")
	fs.IntVarP(&o.jobs, "jobs", "j", 0, "classify on this many cores (0: all that GOMAXPROCS allows)")
	fs.StringVar(&o.engine, "engine", "dfa", `matcher: "dfa" (the compiled automaton) or "regexp" (Go regexps in rule order; a baseline for benchmarks)`)
	fs.MarkHidden("engine")
	memStats := fs.Bool("mem-stats", false, "print peak resident memory to stderr at the end (for make bench)")
	fs.MarkHidden("mem-stats")
	if code, ok := fs.Parse(args, stdout, stderr); !ok {
		return code
	}
	if o.input != "json" && o.input != "djb" {
		errorf(stderr, "classify: unknown --input %q (want json or djb)", o.input)
		return exitUsage
	}
	if o.jobs <= 0 {
		o.jobs = runtime.GOMAXPROCS(0)
	}
	if *rulesPath == "" && o.input == "djb" {
		*rulesPath = seedRules // seed lines want the seed's patterns
	}
	rb, ok := loadRules(*rulesPath, stdin, stderr)
	if !ok {
		return exitUsage
	}
	if o.input == "djb" && rb.Prog.View != vm.ViewDJB {
		errorf(stderr, "classify: --input djb needs a rulebase in the djb view; %s uses view %s", rb.Path, rb.Prog.View)
		return exitUsage
	}
	c := &classifier{opts: o, rb: rb, out: bufio.NewWriterSize(stdout, 1<<16), stderr: stderr,
		counts: make([]int, len(rb.Prog.Labels)+1)}
	files := fs.Args()
	if len(files) == 0 {
		if cli.IsTerminal(stdin) {
			return fs.Fail(stderr, "%v", cli.ErrNoInput)
		}
		files = []string{"-"}
	}
	status := exitOK
	for _, path := range files {
		var r io.Reader = stdin
		name := "<stdin>"
		if path != "-" {
			f, err := os.Open(path)
			if err != nil {
				c.out.Flush()
				errorf(stderr, "%v", err)
				return exitUsage
			}
			defer f.Close()
			r, name = f, path
		}
		if err := c.file(name, r); err != nil {
			c.out.Flush()
			var re *transcript.RecordError
			if errors.As(err, &re) {
				errorf(stderr, "%v", err)
				return exitProblems
			}
			errorf(stderr, "%s: %v", name, err)
			return exitUsage
		}
	}
	if o.tally {
		c.printTally()
	}
	if err := c.out.Flush(); err != nil {
		errorf(stderr, "%v", err)
		return exitUsage
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
	if c.bad > 0 {
		errorf(stderr, "classify: %d malformed record(s) skipped; %d classified", c.bad, c.records)
		status = exitProblems
	}
	return status
}

// seedRules is the rulebase for --input djb when none is given: lines
// in the seed's view are classified with the seed's patterns.
const seedRules = "embedded:djb2001.fp"

// batch is a run of input lines classified together: one unit of work for
// a worker, written out in input order.
type batch struct {
	buf    []byte
	lines  [][]byte
	first  int // record number of lines[0]
	out    []byte
	counts []int
	errs   []error
	n      int // records classified
	skip   int
	done   chan struct{}
}

// chunkSize is how much input a batch reads: about 2,000 transcripts of
// the seed's size.
const chunkSize = 1 << 20

// file classifies one input. With one job it works inline; with more, a
// reader fills batches, workers classify them, and this goroutine writes
// them in order, so output order never depends on scheduling.
func (c *classifier) file(name string, r io.Reader) error {
	lineNo := 0
	var carry []byte // the start of a line that the last chunk cut
	eof := false
	// read fills a batch with whole lines: a chunk of the input read
	// straight into the batch's buffer and split at newlines in place.
	// skipLine discards input through the next newline (the rest of a
	// line too long to keep) and carries what follows it.
	skipLine := func() error {
		buf := make([]byte, chunkSize)
		for !eof {
			n, err := r.Read(buf)
			if i := bytes.IndexByte(buf[:n], '\n'); i >= 0 {
				carry = append(carry, buf[i+1:n]...)
				if err == io.EOF {
					eof = true
				}
				return nil
			}
			if err == io.EOF {
				eof = true
			} else if err != nil {
				return err
			}
		}
		return nil
	}
	read := func(b *batch) error {
		b.buf = append(b.buf[:0], carry...)
		b.lines, b.first = b.lines[:0], lineNo+1
		carry = carry[:0]
		long := false
		for !eof {
			nl := bytes.LastIndexByte(b.buf, '\n')
			if len(b.buf) >= chunkSize && nl >= 0 {
				break
			}
			if len(b.buf)-(nl+1) > transcript.MaxLine {
				// The line being read is too long to hold: the batch
				// ends before it, and it is skipped through its newline
				// and reported by number.
				b.buf = b.buf[:nl+1]
				long = true
				if err := skipLine(); err != nil {
					return err
				}
				break
			}
			if cap(b.buf)-len(b.buf) < chunkSize/4 {
				b.buf = slices.Grow(b.buf, chunkSize)
			}
			n, err := r.Read(b.buf[len(b.buf):cap(b.buf)])
			b.buf = b.buf[:len(b.buf)+n]
			if err == io.EOF {
				eof = true
			} else if err != nil {
				return err
			}
		}
		rest := b.buf
		for len(rest) > 0 {
			i := bytes.IndexByte(rest, '\n')
			if i < 0 {
				if !eof {
					carry = append(carry, rest...)
					break
				}
				i = len(rest) - 1 // a last line without its newline
			}
			lineNo++
			if i+1 > transcript.MaxLine {
				b.lines = append(b.lines, nil) // too long: reported, not read
			} else {
				b.lines = append(b.lines, rest[:i+1])
			}
			rest = rest[i+1:]
		}
		if long {
			lineNo++
			b.lines = append(b.lines, nil)
		}
		return nil
	}
	if c.opts.jobs == 1 {
		b := &batch{counts: make([]int, len(c.counts))}
		w := c.newWorker()
		for {
			if err := read(b); err != nil {
				return err
			}
			if len(b.lines) == 0 {
				return nil
			}
			w.classify(b, name)
			if err := c.emit(b); err != nil {
				return err
			}
		}
	}
	work := make(chan *batch, c.opts.jobs*2)
	order := make(chan *batch, c.opts.jobs*2)
	free := make(chan *batch, c.opts.jobs*3)
	for i := 0; i < c.opts.jobs*3; i++ {
		free <- &batch{counts: make([]int, len(c.counts))}
	}
	for i := 0; i < c.opts.jobs; i++ {
		go func() {
			w := c.newWorker()
			for b := range work {
				w.classify(b, name)
				close(b.done)
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(work)
		defer close(order)
		for b := range free {
			if err := read(b); err != nil {
				readErr <- err
				return
			}
			if len(b.lines) == 0 {
				readErr <- nil
				return
			}
			b.done = make(chan struct{})
			order <- b
			work <- b
		}
	}()
	var emitErr error
	for b := range order {
		<-b.done
		if emitErr == nil {
			emitErr = c.emit(b)
		}
		free <- b
	}
	if emitErr != nil {
		return emitErr
	}
	return <-readErr
}

// emit writes a classified batch and folds its counts in.
func (c *classifier) emit(b *batch) error {
	c.records += b.n
	c.skipped += b.skip
	for i, n := range b.counts {
		c.counts[i] += n
		b.counts[i] = 0
	}
	if !c.opts.tally {
		c.out.Write(b.out)
	}
	for _, err := range b.errs {
		c.bad++
		c.out.Flush()
		if c.opts.strict {
			return err
		}
		errorf(c.stderr, "%v", err)
	}
	return nil
}

// worker holds one goroutine's scratch.
type worker struct {
	c      *classifier
	m      *vm.Machine
	rec    transcript.Record
	text   []byte
	bounds []vm.Bound
	js     *json.Encoder
	jbuf   bytes.Buffer
	items  []item
	ins    []vm.Input
	res    []vm.Result
}

func (c *classifier) newWorker() *worker {
	w := &worker{c: c, m: vm.NewMachine(c.rb.Prog)}
	w.js = json.NewEncoder(&w.jbuf)
	w.js.SetEscapeHTML(false)
	return w
}

// item is one record of a batch on its way through a worker.
type item struct {
	addr    []byte
	in      vm.Input
	textOff int // views of JSON records live in worker.text; offsets survive its growth
	textEnd int
	bOff    int
	bEnd    int
	res     vm.Result
}

func (w *worker) classify(b *batch, name string) {
	b.out, b.errs, b.n, b.skip = b.out[:0], b.errs[:0], 0, 0
	djb := w.c.opts.input == "djb"
	w.items = w.items[:0]
	w.text, w.bounds = w.text[:0], w.bounds[:0]
	// First pass: parse every record into an input (with --strict, up to
	// the first malformed one).
	for i, line := range b.lines {
		if w.c.opts.strict && len(b.errs) > 0 {
			break
		}
		n := b.first + i
		if line == nil {
			b.errs = append(b.errs, &transcript.RecordError{File: name, N: n,
				Err: fmt.Errorf("line longer than %d bytes", transcript.MaxLine)})
			continue
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		if djb {
			// The seed's script read $0 as is: a CR before the newline is
			// part of the record, so it is not trimmed.
			sp := bytes.IndexByte(line, ' ')
			if sp < 0 {
				b.errs = append(b.errs, &transcript.RecordError{File: name, N: n, Err: errors.New(`expected "ADDRESS TRANSCRIPT", found no space`)})
				continue
			}
			w.items = append(w.items, item{addr: line[:sp], in: vm.Input{Text: line}})
			continue
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(bytes.TrimSpace(line)) == 0 || transcript.IsHeader(line) {
			continue
		}
		w.rec = transcript.Record{}
		if err := json.Unmarshal(line, &w.rec); err != nil {
			b.errs = append(b.errs, &transcript.RecordError{File: name, N: n, Err: err})
			continue
		}
		if err := w.rec.Validate(); err != nil {
			b.errs = append(b.errs, &transcript.RecordError{File: name, N: n, Err: err})
			continue
		}
		if w.rec.Outcome != transcript.Greeted {
			b.skip++
			continue
		}
		it := item{addr: []byte(w.rec.Addr), textOff: len(w.text), bOff: len(w.bounds)}
		in := view.View(&w.rec, w.c.rb.Prog.View, w.text, w.bounds)
		w.text, w.bounds = in.Text, in.Bounds
		it.textEnd, it.bEnd = len(w.text), len(w.bounds)
		w.items = append(w.items, it)
	}
	if !djb {
		for i := range w.items {
			it := &w.items[i]
			bs := w.bounds[it.bOff:it.bEnd]
			for k := range bs {
				bs[k].Off -= it.textOff
			}
			it.in = vm.Input{Text: w.text[it.textOff:it.textEnd], Bounds: bs}
		}
	}
	// Second pass: match, several transcripts at a time (see vm.MatchBatch).
	items := w.items
	switch {
	case w.c.opts.engine == "regexp":
		for i := range items {
			items[i].res = w.c.rb.Prog.MatchRegexp(items[i].in)
		}
	default:
		w.ins, w.res = w.ins[:0], w.res[:0]
		for i := range items {
			w.ins = append(w.ins, items[i].in)
		}
		w.res = append(w.res, make([]vm.Result, len(items))...)
		w.m.MatchBatch(w.ins, w.res)
		for i := range items {
			items[i].res = w.res[i]
		}
	}
	// Third pass: count and write.
	for i := range items {
		it := &items[i]
		res := it.res
		if res.Label >= 0 {
			b.counts[res.Label]++
		} else {
			b.counts[len(b.counts)-1]++
		}
		b.n++
		if w.c.opts.tally {
			continue
		}
		if w.c.opts.json {
			w.jbuf.Reset()
			w.js.Encode(struct {
				Addr string `json:"addr"`
				*transcript.Class
			}{string(it.addr), w.c.rb.ClassOf(res)})
			b.out = append(b.out, w.jbuf.Bytes()...)
			continue
		}
		b.out = append(b.out, it.addr...)
		b.out = append(b.out, '\t')
		b.out = append(b.out, w.c.display(res.Label)...)
		b.out = append(b.out, '\n')
	}
}

// display is the tally name of a label, or "unclassified" when no rule
// held and the rulebase has no default.
func (c *classifier) display(label int) string {
	if label < 0 {
		return "unclassified"
	}
	return c.rb.Display(label)
}

// printTally prints the seed's tally: "%8d %s", most frequent first, ties
// in descending byte order of the name, which is the order `sort -rn`
// gave the seed's `uniq -c` lines.
func (c *classifier) printTally() {
	type row struct {
		n    int
		name string
	}
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
	var rows []row
	for name, n := range merged {
		rows = append(rows, row{n, name})
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].n != rows[j].n {
			return rows[i].n > rows[j].n
		}
		return rows[i].name > rows[j].name
	})
	for _, r := range rows {
		c.out.WriteString(fmt.Sprintf("%8s %s\n", strconv.Itoa(r.n), r.name))
	}
}
