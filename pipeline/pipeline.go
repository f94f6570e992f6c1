// Package pipeline owns the one way records travel from an input to a
// classification: reading a file (decompressed by content: gzip, zstd),
// splitting it into records of a supported format (JSON-lines archive
// records and survey headers, ZGrab2's SMTP output, Nmap's XML, or the
// seed's "ADDRESS TRANSCRIPT" lines),
// decoding them (transcript.Decoder), rendering each in the rulebase's
// view (view), matching batches of them with the lockstep matcher
// (vm.MatchBatch) on -j workers, and handing the results back in input
// order. It also owns the one policy for bad records (Problems): a
// malformed record is skipped and reported as "FILE: record N: why", a
// few at most, then counted; --strict makes the first one fatal.
//
// Every command that reads records uses it: smtpfp classify, report,
// explain, diff and test, and smtpscan's classification of what it
// scans (Classifier).
package pipeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"runtime"
	"slices"
	"sync"

	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/transcript"
	"github.com/smtpfp/smtpfp/view"
	"github.com/smtpfp/smtpfp/vm"
)

// Format is what an input's records look like.
type Format string

const (
	// Archive is JSON lines: transcript.Records, optionally led by the
	// survey header.
	Archive Format = "json"
	// Seed is the seed's view: "ADDRESS TRANSCRIPT" a line, the
	// transcript already in the djb view.
	Seed Format = "djb"
)

// ParseFormat checks an --input value.
func ParseFormat(s string) (Format, error) {
	switch Format(s) {
	case Archive, Seed:
		return Format(s), nil
	}
	return "", fmt.Errorf("unknown --input %q (want json or djb)", s)
}

// ClassMode says whether Run sets each greeted record's Class from the
// first rulebase's result.
type ClassMode int

const (
	KeepClass    ClassMode = iota // leave Class as read
	SetClass                      // classify every greeted record anew (report --reclassify)
	ClassMissing                  // classify the greeted records read without one
)

// Options configure a Run.
type Options struct {
	Format Format // default Archive
	// Rulebases match every greeted record (and every seed line), each
	// giving one of Item.Res; none: records are only read.
	Rulebases []*rulebase.Rulebase
	// Choose, when set and Rulebases is empty, picks the rulebase from
	// the first record that carries a Class (nil when none does within
	// the first batch) before any record is matched.
	Choose    func(file string, first *Item) *rulebase.Rulebase
	Class     ClassMode
	Jobs      int       // workers; 0: GOMAXPROCS
	Strict    bool      // the first malformed record ends the run with its error
	Problems  *Problems // told of each malformed record (not with Strict); nil: not reported
	Regexp    bool      // match with Go regexps in rule order (the benchmark's baseline)
	KeepInput bool      // keep Item.Input, the record in the first rulebase's view
	// Render, when set, runs on the workers for every good item (in
	// parallel, so it must only read shared state) and appends the
	// item's output to out; Batch.Out collects them in order.
	Render func(it *Item, out []byte) []byte
}

// Item is one record of an input. It is valid until the callback that
// received its batch returns; copy what must outlive it.
type Item struct {
	N      int                // line number in its file (the record number users see)
	Addr   string             // the record's address (strings stay valid after the callback)
	Rec    *transcript.Record // an archive record; nil for a seed line or the header
	Seed   []byte             // a seed line
	Header *transcript.Header // the survey header line
	Err    error              // a malformed record (*transcript.RecordError); the rest is unset
	Res    []vm.Result        // one per rulebase, when the item was matched
	Input  vm.Input           // with KeepInput: what the first rulebase saw
	outEnd int
	vOff   int
	vEnd   int
	bOff   int
	bEnd   int
}

// Matched reports whether the item has a transcript that was matched.
func (it *Item) Matched() bool { return len(it.Res) > 0 }

// Batch is a run of items, handed to the callback in input order.
type Batch struct {
	File  string
	Items []Item
	Out   []byte // Render's output for the items, in order

	lines [][]byte
	buf   []byte
	first int
	dec   transcript.Decoder
	recs  []transcript.Record
	res   []vm.Result
	text  []byte
	bnds  []vm.Bound
	idx   []int
	ins   []vm.Input
	out   []vm.Result
	addrs []byte
}

// chunkSize is how much input a batch reads: about 250 archive records,
// 450 seed lines. Batches much smaller cost more in handing them on;
// larger ones start the workers later and end them less evenly (1 MB
// batches gave -j 2 1.43x -j 1, these 1.52x, on 100,000 records).
const chunkSize = 256 << 10

// Run reads every record of in and calls fn with each batch, in input
// order, from the calling goroutine. Bad records come in their batch
// with Err set, after opt.Problems has seen them; with opt.Strict, Run
// returns the first one's error instead, after the records before it.
func Run(in *Input, opt Options, fn func(*Batch) error) error {
	if opt.Format == "" {
		opt.Format = Archive
	}
	if opt.Jobs <= 0 {
		opt.Jobs = runtime.GOMAXPROCS(0)
	}
	r := &reader{r: in.R, name: in.Name, stream: in.Stream}
	p := &runner{opt: opt, name: in.Name}
	if opt.Choose == nil || len(opt.Rulebases) > 0 {
		if err := p.check(); err != nil {
			return err
		}
	}
	emit := func(b *Batch) error {
		for i := range b.Items {
			it := &b.Items[i]
			if it.Err == nil {
				continue
			}
			if opt.Strict {
				b.Items = b.Items[:i]
				b.Out = b.Out[:p.outStart(b, i)]
				if err := fn(b); err != nil {
					return err
				}
				return it.Err
			}
			if opt.Problems != nil {
				opt.Problems.Add(it.Err)
			}
		}
		return fn(b)
	}
	// The first batch is read here: Choose may need its records before
	// any worker matches one.
	first := &Batch{}
	if err := r.fill(first); err != nil {
		return err
	}
	if len(first.lines) == 0 {
		return nil
	}
	p.decode(first)
	chose := false
	if len(opt.Rulebases) == 0 && opt.Choose != nil {
		var with *Item
		for i := range first.Items {
			if it := &first.Items[i]; it.Rec != nil && it.Rec.Class != nil {
				with = it
				break
			}
		}
		if rb := opt.Choose(in.Name, with); rb != nil {
			p.opt.Rulebases = []*rulebase.Rulebase{rb}
		}
		chose = true
	}
	if chose {
		if err := p.check(); err != nil {
			return err
		}
	}
	p.machines = make(chan []*vm.Machine, p.opt.Jobs)
	ms := p.newMachines()
	p.machines <- ms
	for range p.opt.Jobs - 1 {
		// The workers share each rulebase's DFA cache: a state one of
		// them builds serves them all.
		shared := make([]*vm.Machine, len(ms))
		for i, m := range ms {
			shared[i] = m.Share()
		}
		p.machines <- shared
	}
	if p.opt.Jobs == 1 {
		b := first
		for {
			p.match(b)
			if err := emit(b); err != nil {
				return err
			}
			if r.eof {
				return nil
			}
			if err := r.fill(b); err != nil {
				return err
			}
			if len(b.lines) == 0 {
				return nil
			}
			p.decode(b)
		}
	}
	return p.parallel(r, first, emit)
}

// parallel runs the workers of a Run with more than one job, the first
// batch already read and decoded. Each worker reads its own batch
// (taking turns, so batches are numbered in input order), decodes and
// matches it on the core that read it, where its bytes are still in
// cache, then hands it on: whichever worker finds the next batch in
// order done calls fn for it and every one after it that is done too.
// No goroutine exists only to hand batches on, so a batch never waits
// for a core while one idles (a separate emitter, parked and woken for
// every batch, cost -j 2 a fifth of its run in wake-ups); the calling
// goroutine sleeps until the workers end. At most jobs*3 batches exist:
// memory is bounded.
func (p *runner) parallel(r *reader, first *Batch, emit func(*Batch) error) error {
	jobs := p.opt.Jobs
	nb := jobs * 3
	var (
		readMu  sync.Mutex // r and the numbering of batches
		read    int        // batches read
		eof     bool       // the reader has ended (readErr says how)
		readErr error

		mu       sync.Mutex // all below
		cond     = sync.NewCond(&mu)
		free     = make([]*Batch, 0, nb)
		ready    = make([]*Batch, nb) // done batches by number mod nb
		next     int                  // the next batch for fn
		emitting bool                 // a worker is calling fn
		stop     bool                 // fn failed: no more batches
		runErr   error
		busy     = jobs // workers outside the reader
		running  = jobs // workers not returned
		ended    bool   // end is closed
		end      = make(chan struct{})
	)
	for range nb - 1 {
		free = append(free, &Batch{})
	}
	// done files a matched batch and, unless another worker is at it,
	// hands on every batch that is next in order. It is called with mu
	// held and returns with it held.
	done := func(seq int, b *Batch) {
		ready[seq%nb] = b
		if emitting {
			return // that worker will find it
		}
		emitting = true
		for !stop && ready[next%nb] != nil {
			b := ready[next%nb]
			ready[next%nb] = nil
			next++
			mu.Unlock()
			err := emit(b)
			mu.Lock()
			free = append(free, b)
			if err != nil {
				stop, runErr = true, err
			}
			cond.Broadcast()
		}
		emitting = false
		cond.Broadcast()
	}
	// work matches b (numbered seq; nil: none yet), then reads, decodes
	// and matches batches until the input ends or fn fails.
	work := func(b *Batch, seq int) {
		mu.Lock()
		defer func() {
			busy--
			running--
			if !ended && (running == 0 || stop && busy == 0) {
				ended = true
				close(end)
			}
			cond.Broadcast()
			mu.Unlock()
		}()
		for {
			if b != nil {
				mu.Unlock()
				if seq > 0 {
					p.decode(b) // the first was decoded by Run
				}
				p.match(b)
				mu.Lock()
				done(seq, b)
			}
			for len(free) == 0 && !stop {
				cond.Wait()
			}
			if stop {
				return
			}
			b = free[len(free)-1]
			free = free[:len(free)-1]
			busy--
			mu.Unlock()
			readMu.Lock()
			ok := false
			if !eof {
				err := r.fill(b)
				switch {
				case err != nil:
					eof, readErr = true, err
				case len(b.lines) == 0:
					eof = true
				default:
					seq, ok = read, true
					read++
					eof = r.eof
				}
			}
			readMu.Unlock()
			mu.Lock()
			busy++
			if !ok || stop {
				free = append(free, b)
				return
			}
		}
	}
	read = 1
	for i := range jobs {
		go func() {
			if i == 0 {
				work(first, 0)
			} else {
				work(nil, 0)
			}
		}()
	}
	// Wait for the workers, except one blocked reading a pipe after fn
	// failed: it is not waited for, and finds stop set when it returns.
	<-end
	mu.Lock()
	defer mu.Unlock()
	if stop {
		return runErr
	}
	if next != read {
		// Cannot happen: every batch read was matched and filed, and the
		// last worker to file one handed on all that were left.
		return fmt.Errorf("pipeline: %d of %d batches not handed on", read-next, read)
	}
	return readErr
}

type runner struct {
	opt      Options
	name     string
	machines chan []*vm.Machine
}

func (p *runner) check() error {
	if p.opt.Format == Seed {
		for _, rb := range p.opt.Rulebases {
			if rb.Prog.View != vm.ViewDJB {
				return fmt.Errorf("--input djb needs a rulebase in the djb view; %s uses view %s", rb.Path, rb.Prog.View)
			}
		}
	}
	if p.opt.Class != KeepClass && len(p.opt.Rulebases) == 0 {
		return errors.New("pipeline: classifying records needs a rulebase")
	}
	return nil
}

func (p *runner) newMachines() []*vm.Machine {
	var ms []*vm.Machine
	for _, rb := range p.opt.Rulebases {
		ms = append(ms, vm.NewMachine(rb.Prog))
	}
	return ms
}

func (p *runner) outStart(b *Batch, i int) int {
	if i == 0 {
		return 0
	}
	return b.Items[i-1].outEnd
}

// decode turns a batch's lines into items.
func (p *runner) decode(b *Batch) {
	b.dec.Reset()
	b.Items = b.Items[:0]
	if cap(b.recs) < len(b.lines) {
		b.recs = make([]transcript.Record, len(b.lines))
	}
	b.recs = b.recs[:len(b.lines)]
	b.addrs = b.addrs[:0]
	seeds := false
	for i, line := range b.lines {
		n := b.first + i
		if line == nil {
			b.Items = append(b.Items, Item{N: n, Err: &transcript.RecordError{File: p.name, N: n,
				Err: fmt.Errorf("line longer than %d bytes", transcript.MaxLine)}})
			continue
		}
		line = bytes.TrimSuffix(line, []byte("\n"))
		if p.opt.Format == Seed {
			// The seed's script read $0 as is: a CR before the newline
			// is part of the record, so it is not trimmed.
			if len(line) == 0 {
				continue
			}
			sp := bytes.IndexByte(line, ' ')
			if sp < 0 {
				b.Items = append(b.Items, Item{N: n, Err: &transcript.RecordError{File: p.name, N: n,
					Err: errors.New(`expected "ADDRESS TRANSCRIPT", found no space`)}})
				continue
			}

			// The address is set below, from one string for the batch.
			b.Items = append(b.Items, Item{N: n, Seed: line, vOff: len(b.addrs)})
			b.addrs = append(b.addrs, line[:sp]...)
			seeds = true
			continue
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if transcript.IsHeader(line) {
			var h struct {
				Survey *transcript.Header `json:"survey"`
			}
			err := json.Unmarshal(line, &h)
			if err == nil && h.Survey == nil {
				err = errors.New("survey header is null")
			}
			if err != nil {
				b.Items = append(b.Items, Item{N: n, Err: &transcript.RecordError{File: p.name, N: n, Err: err}})
				continue
			}
			b.Items = append(b.Items, Item{N: n, Header: h.Survey})
			continue
		}
		rec := &b.recs[i]
		if isZGrab2(line) {
			if err := fromZGrab2(line, rec); err != nil {
				b.Items = append(b.Items, Item{N: n, Err: &transcript.RecordError{File: p.name, N: n, Err: err}})
				continue
			}
		} else if err := b.dec.Decode(line, rec); err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				err = fmt.Errorf("invalid JSON at byte %d: %v", se.Offset, se)
			}
			b.Items = append(b.Items, Item{N: n, Err: &transcript.RecordError{File: p.name, N: n, Err: err}})
			continue
		}
		if err := rec.Validate(); err != nil {
			b.Items = append(b.Items, Item{N: n, Err: &transcript.RecordError{File: p.name, N: n, Err: err}})
			continue
		}
		b.Items = append(b.Items, Item{N: n, Addr: rec.Addr, Rec: rec})
	}
	if seeds {
		// One allocation for every address of the batch, not one each.
		all := string(b.addrs)
		for i := range b.Items {
			if it := &b.Items[i]; it.Seed != nil {
				end := len(all)
				for j := i + 1; j < len(b.Items); j++ {
					if b.Items[j].Seed != nil {
						end = b.Items[j].vOff
						break
					}
				}
				it.Addr = all[it.vOff:end]
				// A line that does not start with an IP address is not
				// the seed's (a JSON archive or a binary file given with
				// --input djb): bad, not an address to label.
				if err := seedAddr(it.Addr); err != nil {
					*it = Item{N: it.N, Err: &transcript.RecordError{File: p.name, N: it.N, Err: err}}
				}
			}
		}
	}
}

// seedAddr checks the address that starts a seed line.
func seedAddr(a string) error {
	if _, err := netip.ParseAddr(a); err != nil {
		if len(a) > 40 {
			a = a[:40] + "..."
		}
		return fmt.Errorf(`expected "ADDRESS TRANSCRIPT", found %q before the first space, not an IP address`, a)
	}
	return nil
}

// match renders and matches a batch's transcripts with every rulebase,
// then sets classes and renders output.
func (p *runner) match(b *Batch) {
	nrb := len(p.opt.Rulebases)
	b.res = b.res[:0]
	if nrb > 0 {
		ms := <-p.machines
		idx := b.idx[:0] // items with a transcript
		for i := range b.Items {
			it := &b.Items[i]
			if it.Seed != nil || (it.Rec != nil && it.Rec.Outcome == transcript.Greeted) {
				idx = append(idx, i)
			}
		}
		b.idx = idx
		b.res = slices.Grow(b.res[:0], len(idx)*nrb)[:len(idx)*nrb]
		b.ins = slices.Grow(b.ins[:0], len(idx))[:len(idx)]
		b.out = slices.Grow(b.out[:0], len(idx))[:len(idx)]
		ins, out := b.ins, b.out
		for k, rb := range p.opt.Rulebases {
			b.text, b.bnds = b.text[:0], b.bnds[:0]
			for _, i := range idx {
				it := &b.Items[i]
				if it.Seed != nil {
					continue // already in the seed's view
				}
				it.vOff, it.bOff = len(b.text), len(b.bnds)
				in := view.View(it.Rec, rb.Prog.View, b.text, b.bnds)
				b.text, b.bnds = in.Text, in.Bounds
				it.vEnd, it.bEnd = len(b.text), len(b.bnds)
			}
			// Offsets, not slices, while the buffers grow.
			for j, i := range idx {
				it := &b.Items[i]
				if it.Seed != nil {
					ins[j] = vm.Input{Text: it.Seed}
					continue
				}
				bs := b.bnds[it.bOff:it.bEnd:it.bEnd]
				for q := range bs {
					bs[q].Off -= it.vOff
				}
				ins[j] = vm.Input{Text: b.text[it.vOff:it.vEnd:it.vEnd], Bounds: bs}
			}
			if p.opt.Regexp {
				for j := range ins {
					out[j] = rb.Prog.MatchRegexp(ins[j])
				}
			} else {
				ms[k].MatchBatch(ins, out)
			}
			for j := range out {
				b.res[j*nrb+k] = out[j]
			}
			if k == 0 && p.opt.KeepInput && nrb > 1 {
				// Later rulebases reuse the buffers: keep a copy.
				for j, i := range idx {
					b.Items[i].Input = vm.Input{Text: slices.Clone(ins[j].Text), Bounds: slices.Clone(ins[j].Bounds)}
				}
			} else if k == 0 && p.opt.KeepInput {
				for j, i := range idx {
					b.Items[i].Input = ins[j]
				}
			}
		}
		p.machines <- ms
		for j, i := range idx {
			it := &b.Items[i]
			it.Res = b.res[j*nrb : (j+1)*nrb : (j+1)*nrb]
			if rec := it.Rec; rec != nil {
				switch {
				case p.opt.Class == SetClass, p.opt.Class == ClassMissing && rec.Class == nil:
					rec.Class = p.opt.Rulebases[0].ClassOf(it.Res[0])
				}
			}
		}
	}
	b.Out = b.Out[:0]
	for i := range b.Items {
		it := &b.Items[i]
		if p.opt.Render != nil && it.Err == nil {
			b.Out = p.opt.Render(it, b.Out)
		}
		it.outEnd = len(b.Out)
	}
}

// reader splits an input into batches of whole lines.
type reader struct {
	r      io.Reader
	name   string
	stream bool
	lineNo int
	carry  []byte // the start of a line that the last chunk cut
	eof    bool
}

// skipLine discards input through the next newline (the rest of a line
// too long to keep) and carries what follows it.
func (r *reader) skipLine() error {
	buf := make([]byte, chunkSize)
	for !r.eof {
		n, err := r.r.Read(buf)
		if i := bytes.IndexByte(buf[:n], '\n'); i >= 0 {
			r.carry = append(r.carry, buf[i+1:n]...)
			if err == io.EOF {
				r.eof = true
			}
			return nil
		}
		if err == io.EOF {
			r.eof = true
		} else if err != nil {
			return err
		}
	}
	return nil
}

// fill reads the next batch's lines: a chunk of the input read straight
// into the batch's buffer and split at newlines in place. From a stream
// a batch ends at the first read that completes a line.
func (r *reader) fill(b *Batch) error {
	b.File = r.name
	b.buf = append(b.buf[:0], r.carry...)
	b.lines, b.first = b.lines[:0], r.lineNo+1
	r.carry = r.carry[:0]
	long := false
	for !r.eof {
		nl := bytes.LastIndexByte(b.buf, '\n')
		if nl >= 0 && (len(b.buf) >= chunkSize || r.stream) {
			break
		}
		if len(b.buf)-(nl+1) > transcript.MaxLine {
			// The line being read is too long to hold: the batch ends
			// before it, and it is skipped through its newline and
			// reported by number.
			b.buf = b.buf[:nl+1]
			long = true
			if err := r.skipLine(); err != nil {
				return fmt.Errorf("%s: %v", r.name, err)
			}
			break
		}
		if cap(b.buf)-len(b.buf) < chunkSize/4 {
			b.buf = slices.Grow(b.buf, chunkSize)
		}
		n, err := r.r.Read(b.buf[len(b.buf):cap(b.buf)])
		b.buf = b.buf[:len(b.buf)+n]
		if err == io.EOF {
			r.eof = true
		} else if err != nil {
			return fmt.Errorf("%s: %v", r.name, err)
		}
	}
	rest := b.buf
	for len(rest) > 0 {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			if !r.eof {
				r.carry = append(r.carry, rest...)
				break
			}
			i = len(rest) - 1 // a last line without its newline
		}
		r.lineNo++
		if i+1 > transcript.MaxLine {
			b.lines = append(b.lines, nil) // too long: reported, not read
		} else {
			b.lines = append(b.lines, rest[:i+1])
		}
		rest = rest[i+1:]
	}
	if long {
		r.lineNo++
		b.lines = append(b.lines, nil)
	}
	return nil
}
