package scan

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/smtpfp/smtpfp/transcript"
)

// Dialer makes TCP connections: *net.Dialer is one, World is another.
type Dialer interface {
	DialContext(ctx context.Context, network, address string) (net.Conn, error)
}

// Classifier sets rec.Class. pipeline.Classifier is one; it must be safe for
// concurrent use (Scan may be called from many goroutines).
type Classifier interface {
	Classify(rec *transcript.Record)
}

// Sink receives finished records, one at a time, from one goroutine.
// transcript.Writer and Archive are sinks.
type Sink interface {
	Write(rec *transcript.Record) error
}

// Scanner runs a survey. Set the fields before Run; the zero value scans
// with the standard dialogue, DefaultLimits, the system's dialer, no PTR
// lookups, no classification and the special-purpose exclusions.
type Scanner struct {
	Dialogue       Dialogue    // default Standard("smtpfp.invalid", "")
	Limits         Limits      // zero fields take DefaultLimits
	Dialer         Dialer      // default a net.Dialer
	Resolver       Resolver    // nil: no PTR lookups
	SpecialPTR     bool        // look up special-purpose addresses too (only set for a resolver the user named)
	RequirePTR     bool        // connect only to addresses with a PTR name (2001 style)
	Classifier     Classifier  // nil: records are not classified
	Exclude        *Exclusions // checked again before every connection; nil: the defaults
	Concurrency    int         // sessions at once; default 100
	DNSConcurrency int         // PTR lookups at once; default 100
	Rate           float64     // connection attempts per second in all; 0: no limit
	PerNet         int         // connection attempts per second to one /24; 0: no limit
	Skip           *DoneSet    // targets already recorded (resume): not scanned again
	Progress       *Progress   // nil: no progress reports
	Memory         int64       // bytes of reply buffers for the whole survey (Budget); default DefaultMemory
	TLS            TLSConfig   // --starttls, --smtps; the zero value tries no TLS

	once     sync.Once
	budget   *Budget
	verified verifyCache // certificate chains' verdicts, shared by the sessions
	uncached bool        // verify every chain anew (BenchmarkStartTLS measures what the cache saves)
	done     atomic.Int64
	outcomes [32]atomic.Int64 // by index in transcript.Outcomes
}

type job struct {
	t   netip.AddrPort
	rec *transcript.Record
	mem *Lease // nil until admitted to a connection
}

// defaults fills the zero fields, once: Scan may be called concurrently.
func (s *Scanner) defaults() { s.once.Do(s.setDefaults) }

func (s *Scanner) setDefaults() {
	if s.Dialogue.Name == "" {
		s.Dialogue = Standard("smtpfp.invalid", "")
	}
	s.Limits = s.Limits.withDefaults()
	if s.Dialer == nil {
		s.Dialer = &net.Dialer{}
	}
	if s.Exclude == nil {
		s.Exclude = &Exclusions{}
	}
	if s.Exclude.v4 == nil {
		s.Exclude.Build()
	}
	if s.Concurrency <= 0 {
		s.Concurrency = 100
	}
	if s.DNSConcurrency <= 0 {
		s.DNSConcurrency = 100
	}
	if s.Memory <= 0 {
		s.Memory = DefaultMemory
	}
}

// SessionReserve is the most one session's reply buffers may need: each
// step's reply at the cap, plus the copies made while a reply grows.
func SessionReserve(d Dialogue, lim Limits) int64 {
	lim = lim.withDefaults()
	return int64(len(d.Cmds)+3)*int64(lim.MaxReply) + SessionBase
}

// MemoryOverhead is what MemoryLimit allows beyond the budget and the
// stacks: the runtime, the rulebase, the archive's buffers, the one
// matcher that classifies the survey's records (about 31 MB with the
// shipped rulebase) and the garbage collector's slack.
const MemoryOverhead = 96 << 20

// MemoryLimit is the Go runtime's soft memory limit (debug.SetMemoryLimit)
// for a survey with a budget of memory bytes and concurrency sessions:
// the budget, the goroutines' stacks and a fixed allowance for the
// runtime, the rulebase and the archive's buffers. Set it, or the
// garbage collector lets the heap grow to twice what is live.
func MemoryLimit(memory int64, concurrency int) int64 {
	return memory + int64(concurrency)*8<<10 + MemoryOverhead
}

// MemoryPeak is the most of the memory budget in use at once during Run.
func (s *Scanner) MemoryPeak() int64 {
	if s.budget == nil {
		return 0
	}
	return s.budget.Peak()
}

// Run scans every target of src and hands each record to sink as it is
// finished (so in completion order, not target order). It stops early
// when ctx is cancelled or sink fails; records of sessions cut short by
// the cancellation are dropped, not written, so a resumed survey scans
// them again. The summary counts what was written.
func (s *Scanner) Run(ctx context.Context, src Source, sink Sink) (*Summary, error) {
	s.defaults()
	if s.TLS.Mode != NoTLS {
		if _, err := s.TLS.roots(); err != nil {
			return newSummary(), errors.New("scan: no roots to verify certificates against: " + err.Error())
		}
	}
	reserve := SessionReserve(s.Dialogue, s.Limits)
	if s.TLS.Mode == StartTLS {
		reserve += 2 * int64(s.Limits.MaxReply) // the replies to STARTTLS and to the EHLO again
	}
	budget, err := NewBudget(s.Memory, reserve)
	if err != nil {
		return newSummary(), err
	}
	s.budget = budget
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sum := newSummary()
	start := time.Now()
	if s.Progress != nil {
		s.Progress.start(s, src.Len())
		defer s.Progress.stop()
	}

	lookups := make(chan job, 256)
	connects := make(chan job, 256)
	results := make(chan job, 256)
	var excluded, resumed atomic.Int64
	var srcErr error
	first := connects
	if s.Resolver != nil {
		first = lookups
	}
	go func() {
		defer close(first)
		srcErr = src.Each(func(t netip.AddrPort) bool {
			if s.Skip.Has(t) {
				resumed.Add(1)
				s.done.Add(1)
				return true
			}
			if bad, _ := s.Exclude.Excluded(t.Addr()); bad {
				excluded.Add(1)
				return true
			}
			rec := &transcript.Record{Addr: t.Addr().String()}
			if t.Port() != 25 {
				rec.Port = int(t.Port())
			}
			select {
			case first <- job{t: t, rec: rec}:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()

	var dnsWG sync.WaitGroup
	if s.Resolver != nil {
		for range s.DNSConcurrency {
			dnsWG.Add(1)
			go func() {
				defer dnsWG.Done()
				for j := range lookups {
					if s.lookup(ctx, j.t.Addr(), j.rec) {
						results <- j
						continue
					}
					if ctx.Err() != nil {
						continue
					}
					connects <- j
				}
			}()
		}
		go func() { dnsWG.Wait(); close(connects) }()
	}

	pace := newPacer(s.Rate)
	capNet := newNetCap(s.PerNet)
	var connWG sync.WaitGroup
	for range s.Concurrency {
		connWG.Add(1)
		go func() {
			defer connWG.Done()
			for j := range connects {
				mem, err := budget.Admit(ctx)
				if err != nil {
					continue
				}
				if pace.wait(ctx) != nil || capNet.wait(ctx, j.t.Addr()) != nil {
					mem.Close()
					continue
				}
				j.mem = mem
				s.scan(ctx, j.t, j.rec, mem)
				if ctx.Err() != nil {
					mem.Close()
					continue
				}
				results <- j
			}
		}()
	}
	go func() { connWG.Wait(); close(results) }()

	var sinkErr error
	for j := range results {
		if sinkErr != nil {
			j.mem.Close()
			continue
		}
		s.classify(j.rec)
		err := sink.Write(j.rec)
		// The sink has the record's bytes now (or failed): its buffers
		// go back to the budget.
		j.mem.Close()
		if err != nil {
			sinkErr = err
			cancel()
			continue
		}
		sum.add(j.rec)
		s.done.Add(1)
		if i := outcomeIndex(j.rec.Outcome); i >= 0 {
			s.outcomes[i].Add(1)
		}
	}
	sum.Excluded = excluded.Load()
	sum.Resumed = resumed.Load()
	sum.Elapsed = time.Since(start)
	switch {
	case sinkErr != nil:
		return sum, sinkErr
	case srcErr != nil:
		return sum, srcErr
	}
	return sum, ctx.Err()
}

// Scan surveys one address: the PTR lookup when there is a Resolver, the
// connection and the dialogue, and the classification. The exclusions
// are checked first: an excluded address gives an error and is not
// contacted.
func (s *Scanner) Scan(ctx context.Context, t netip.AddrPort) (*transcript.Record, error) {
	s.defaults()
	if bad, why := s.Exclude.Excluded(t.Addr()); bad {
		return nil, errors.New("scan: " + t.Addr().String() + " is excluded: " + why)
	}
	rec := &transcript.Record{Addr: t.Addr().String()}
	if t.Port() != 25 {
		rec.Port = int(t.Port())
	}
	if s.Resolver != nil && s.lookup(ctx, t.Addr(), rec) {
		return rec, nil
	}
	s.scan(ctx, t, rec, nil)
	s.classify(rec)
	return rec, ctx.Err()
}

// special has only the special-purpose exclusions, private ranges
// included: the addresses whose PTR names no resolver but one the user
// named is asked for.
var special = func() *Exclusions { e := &Exclusions{}; e.Build(); return e }()

// lookup fills rec's PTR fields and reports whether the record is done
// without a connection (no PTR name under RequirePTR). A private,
// loopback or other special-purpose address is looked up only when
// SpecialPTR says the resolver is one the user named: asking the
// machine's resolver for a private address tells it, and whoever it forwards to,
// what the survey surveys.
func (s *Scanner) lookup(ctx context.Context, a netip.Addr, rec *transcript.Record) bool {
	why := ""
	if bad, _ := special.Excluded(a); bad && !s.SpecialPTR {
		why = "PTR of a special-purpose address not looked up (name a resolver)"
	} else {
		p := s.Resolver.LookupPTR(ctx, a)
		if ctx.Err() != nil {
			return false
		}
		rec.PTR, rec.PTRStatus = p.Name, p.Status
	}
	if s.RequirePTR && rec.PTR == "" {
		rec.Time = time.Now().UTC()
		rec.Outcome = transcript.Skipped
		rec.Error = why
		return true
	}
	return false
}

// scan connects and converses.
func (s *Scanner) scan(ctx context.Context, t netip.AddrPort, rec *transcript.Record, mem *Lease) {
	rec.Time = time.Now().UTC()
	dctx, cancel := context.WithTimeout(ctx, s.Limits.Connect)
	conn, err := s.Dialer.DialContext(dctx, "tcp", addrPort(t))
	cancel()
	if err != nil {
		rec.Outcome = DialOutcome(err)
		if rec.Outcome == transcript.Failed {
			rec.Error = err.Error()
		}
		return
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	var ts *tlsSession
	if s.TLS.Mode != NoTLS {
		cache := &s.verified
		if s.uncached {
			cache = nil
		}
		ts, err = newTLSSession(&s.TLS, cache)
		if err != nil {
			rec.Outcome, rec.Error = transcript.Failed, "TLS: "+err.Error()
			stop()
			conn.Close()
			return
		}
	}
	c := conn
	if s.TLS.Mode == ImplicitTLS {
		var ok bool
		if c, ok = ts.implicit(ctx, conn, s.Limits, rec); !ok {
			stop()
			conn.Close()
			return
		}
	}
	converse(ctx, c, &s.Dialogue, s.Limits, mem, rec, ts)
	ts.finish(rec)
	stop()
	conn.Close()
}

// classify classifies a finished record. Run calls it from the goroutine
// that writes records, never a session's: a session hands its record on
// and takes the next target, whatever the matcher costs; and one matcher
// serves the survey, so a thousand sessions ending at once never hold a
// thousand matchers' tables (about 31 MB each for the shipped rulebase).
func (s *Scanner) classify(rec *transcript.Record) {
	if s.Classifier != nil && len(rec.Steps) > 0 && rec.Outcome != transcript.NotSMTP {
		s.Classifier.Classify(rec)
	}
}

func addrPort(t netip.AddrPort) string {
	if t.Addr().Is4() {
		return t.Addr().String() + ":" + strconv.Itoa(int(t.Port()))
	}
	return t.String()
}

func outcomeIndex(o transcript.Outcome) int {
	for i, k := range transcript.Outcomes {
		if k == o {
			return i
		}
	}
	return -1
}
