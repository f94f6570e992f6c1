// Command smtpscan surveys SMTP servers: it picks targets, looks up their
// PTR names, connects, runs the smtpfp dialogue, classifies each
// transcript with a rulebase and appends the records to a JSON-lines
// archive. All the work is done by package scan; this file parses flags
// and wires it.
//
//	smtpscan -n 1000 --seed 7 -o survey.jsonl
//	smtpscan --simulate djb2001 -n 1000000
//	smtpscan targets --zone com.zone -o list.txt
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/scan"
	"github.com/smtpfp/smtpfp/transcript"
	"github.com/smtpfp/smtpfp/world"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

// Exit codes.
const (
	exitOK          = 0
	exitFail        = 1 // the survey could not run or its output failed
	exitUsage       = 2
	exitInterrupted = 130
)

type options struct {
	n, sample      int64
	all            bool
	seed           uint64
	shard          string
	fromList       string
	targets        string
	port           uint16
	sourceIP       string
	blocklists     []string
	allowPrivate   bool
	resolver       string
	noPTR          bool
	requirePTR     bool
	dnsConcurrency int
	dnsTimeout     time.Duration
	dnsRetries     int
	ehlo           string
	relayProbe     bool
	relayRcpt      string
	connectTimeout time.Duration
	readTimeout    time.Duration
	sessionTimeout time.Duration
	maxReply       int
	memory         int64
	concurrency    int
	rate           float64
	per24          int
	output         string
	resume         bool
	dryRun         bool
	rules          string
	simulate       string
	simSeed        uint64
	starttls       bool
	smtps          bool
	tlsRoots       string
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		// The no-argument demo: a survey of the simulated 2001 Internet,
		// which contacts nothing.
		fmt.Fprintln(stderr, "smtpscan: no targets given: surveying 1,000,000 addresses of the simulated 2001 Internet")
		fmt.Fprintln(stderr, "smtpscan: (nothing is contacted; smtpscan --help shows how to survey real targets)")
		args = []string{"--simulate", "djb2001"}
	}
	if len(args) > 0 && args[0] == "targets" {
		return runTargets(args[1:], stdout, stderr)
	}
	var o options
	fs := pflag.NewFlagSet("smtpscan", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: smtpscan [flags]\n       smtpscan targets --zone FILE... [flags]\n\n")
		fs.PrintDefaults()
	}
	fs.Int64VarP(&o.n, "count", "n", 0, "survey a random sample of `N` IPv4 addresses")
	fs.BoolVar(&o.all, "all", false, "survey every eligible IPv4 address")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the random sample and its order")
	fs.StringVar(&o.shard, "shard", "", "survey shard `I/N` of the sample (I from 0)")
	fs.StringVar(&o.fromList, "from-list", "", "sample the addresses of `FILE` (with --sample)")
	fs.Int64Var(&o.sample, "sample", 0, "size of the --from-list sample")
	fs.StringVarP(&o.targets, "targets", "i", "", "survey the targets in `FILE` ('-': stdin, surveyed as it comes): ADDRESS, ADDRESS:PORT or CIDR a line, ZMap CSV, masscan -oL/-oJ, Nmap -oG/-oX")
	fs.Uint16Var(&o.port, "port", 25, "TCP port to connect to")
	fs.StringVar(&o.sourceIP, "source-ip", "", "connect from local `ADDRESS`")
	fs.StringArrayVar(&o.blocklists, "blocklist", nil, "never contact the CIDR ranges in `FILE` (repeatable)")
	fs.BoolVar(&o.allowPrivate, "allow-private", false, "allow private-use and loopback addresses")
	fs.StringVar(&o.resolver, "resolver", "", "resolver `HOST:PORT` for PTR lookups (default: from /etc/resolv.conf)")
	fs.BoolVar(&o.noPTR, "no-ptr", false, "do not look up PTR names")
	fs.BoolVar(&o.requirePTR, "require-ptr", false, "connect only to addresses with a PTR name (the 2001 survey's way; default with --simulate)")
	fs.IntVar(&o.dnsConcurrency, "dns-concurrency", 100, "PTR lookups at once")
	fs.DurationVar(&o.dnsTimeout, "dns-timeout", 2*time.Second, "timeout of one DNS try")
	fs.IntVar(&o.dnsRetries, "dns-retries", 2, "DNS tries after a timeout")
	fs.StringVar(&o.ehlo, "ehlo-name", "", "the scanner's own name in EHLO and HELO (default: this host's name)")
	fs.BoolVar(&o.relayProbe, "relay-probe", false, "also send RCPT TO a foreign domain, then RSET (never DATA)")
	fs.StringVar(&o.relayRcpt, "relay-rcpt", "relay-probe@example.com", "recipient of --relay-probe")
	fs.DurationVar(&o.connectTimeout, "connect-timeout", scan.DefaultLimits.Connect, "connection attempt timeout")
	fs.DurationVar(&o.readTimeout, "read-timeout", scan.DefaultLimits.Read, "timeout of each reply")
	fs.DurationVar(&o.sessionTimeout, "session-timeout", scan.DefaultLimits.Session, "timeout of a whole session")
	fs.IntVar(&o.maxReply, "max-reply", scan.DefaultLimits.MaxReply, "bytes kept of one reply (at most 4 MiB, so a record stays within an archive line's limit)")
	fs.Int64Var(&o.memory, "memory", scan.DefaultMemory, "bytes of reply buffers for all sessions at once; sessions wait when they are spent")
	fs.IntVar(&o.concurrency, "concurrency", 100, "sessions at once")
	fs.Float64Var(&o.rate, "rate", 0, "connection attempts per second in all (0: no limit)")
	fs.IntVar(&o.per24, "per24", 100, "connection attempts per second to any one /24 (0: no limit)")
	fs.StringVarP(&o.output, "output", "o", "", "append records to `FILE` ('-' for stdout); without it only the summary is printed")
	fs.BoolVar(&o.resume, "resume", false, "continue a killed survey: skip the targets -o already has (records reach the file within 1s of finishing; fsync every 30s and at exit)")
	fs.BoolVar(&o.dryRun, "dry-run", false, "print the targets and contact nothing")
	fs.StringVar(&o.rules, "rules", "", "classify with the rulebase in `FILE` (default: the embedded one)")
	fs.StringVar(&o.simulate, "simulate", "", "survey the simulated Internet `WORLD` (djb2001) instead of the network")
	fs.Uint64Var(&o.simSeed, "sim-seed", 2001, "seed of the simulated world")
	fs.BoolVar(&o.starttls, "starttls", false, "send STARTTLS when EHLO offers it, record the handshake and certificate, and go on inside TLS")
	fs.BoolVar(&o.smtps, "smtps", false, "TLS from the first byte (implicit TLS; --port defaults to 465)")
	fs.StringVar(&o.tlsRoots, "tls-roots", "", "verify certificates against the PEM roots in `FILE` (default: the system's)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "smtpscan: unexpected argument %q (targets come from -n, --from-list or --targets)\n", fs.Arg(0))
		return exitUsage
	}
	if o.smtps && !fs.Changed("port") {
		o.port = 465
	}
	if o.simulate != "" && !fs.Changed("require-ptr") {
		o.requirePTR = true
	}
	if o.simulate != "" && !fs.Changed("count") && o.fromList == "" && o.targets == "" && !o.all {
		o.n = 1000000
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return survey(ctx, &o, stdin, stdout, stderr)
}

func usageErr(stderr io.Writer, format string, a ...any) int {
	fmt.Fprintf(stderr, "smtpscan: "+format+"\n", a...)
	return exitUsage
}

// maxMaxReply caps --max-reply: nine replies at 4/3 of their size (base64,
// the archive's worst case) must fit in one archive line.
const maxMaxReply = 4 << 20

func survey(ctx context.Context, o *options, stdin io.Reader, stdout, stderr io.Writer) int {
	if o.maxReply < 1 || o.maxReply > maxMaxReply {
		return usageErr(stderr, "--max-reply %d: want 1 to %d bytes", o.maxReply, maxMaxReply)
	}
	tlsCfg, code := tlsConfig(o, stderr)
	if code != exitOK {
		return code
	}
	ex := &scan.Exclusions{AllowPrivate: o.allowPrivate}
	for _, path := range o.blocklists {
		ps, err := scan.ReadBlocklistFile(path)
		if err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return exitFail
		}
		ex.Blocklist = append(ex.Blocklist, ps...)
	}
	ex.Build()
	src, code := source(o, ex, stdin, stderr)
	if src == nil {
		return code
	}
	if o.dryRun {
		return dryRun(src, stdout, stderr)
	}
	s := &scan.Scanner{
		Limits:         scan.Limits{Connect: o.connectTimeout, Read: o.readTimeout, Session: o.sessionTimeout, MaxReply: o.maxReply},
		Memory:         o.memory,
		RequirePTR:     o.requirePTR,
		Exclude:        ex,
		Concurrency:    o.concurrency,
		DNSConcurrency: o.dnsConcurrency,
		Rate:           o.rate,
		PerNet:         o.per24,
		TLS:            tlsCfg,
	}
	ehlo := o.ehlo
	if ehlo == "" {
		ehlo = hostname()
	}
	rcpt := ""
	if o.relayProbe {
		rcpt = o.relayRcpt
	}
	s.Dialogue = scan.Standard(ehlo, rcpt)
	if need := scan.SessionReserve(s.Dialogue, s.Limits) + scan.SessionBase; o.memory < need {
		return usageErr(stderr, "--memory %d: one session may need %d bytes with --max-reply %d; give at least %d", o.memory, need-scan.SessionBase, o.maxReply, need)
	}
	// The garbage collector keeps the heap near what is live, so the
	// process stays within the budget and a fixed overhead.
	limit := scan.MemoryLimit(o.memory, o.concurrency)
	if tlsCfg.Mode != scan.NoTLS {
		limit += int64(o.concurrency) * scan.TLSSessionMemory
	}
	debug.SetMemoryLimit(limit)
	if o.simulate != "" {
		mk, ok := world.Worlds[o.simulate]
		if !ok {
			return usageErr(stderr, "unknown world %q (known: djb2001)", o.simulate)
		}
		w := mk(o.simSeed)
		s.Dialer, s.Resolver = w, w
		s.SpecialPTR = true // the world answers, not a resolver
	} else {
		d := &net.Dialer{}
		if o.sourceIP != "" {
			a, err := netip.ParseAddr(o.sourceIP)
			if err != nil || a.Zone() != "" {
				return usageErr(stderr, "--source-ip %q: expected an IP address", o.sourceIP)
			}
			d.LocalAddr = &net.TCPAddr{IP: a.AsSlice()}
		}
		s.Dialer = d
		if !o.noPTR {
			server := o.resolver
			if server == "" {
				var err error
				if server, err = scan.SystemResolver("/etc/resolv.conf"); err != nil {
					fmt.Fprintf(stderr, "smtpscan: %v (use --resolver or --no-ptr)\n", err)
					return exitFail
				}
			}
			r := &scan.DNSResolver{Server: server, Timeout: o.dnsTimeout, Retries: o.dnsRetries}
			defer r.Close()
			s.Resolver = r
			// Private and loopback addresses are looked up only through
			// a resolver the user named, never the machine's own.
			s.SpecialPTR = o.resolver != ""
		} else if o.requirePTR {
			return usageErr(stderr, "--require-ptr needs PTR lookups: drop --no-ptr")
		}
	}
	rules := o.rules
	if rules == "" && o.simulate == "djb2001" {
		// The simulated world answers as the software of 2001 did, so
		// the 2001 patterns classify it (the default rulebase is for
		// today's servers).
		rules = "embedded:djb2001.fp"
	}
	rb, err := loadRules(rules)
	if err != nil {
		fmt.Fprintf(stderr, "smtpscan: %v\n", err)
		return exitFail
	}
	s.Classifier = rb

	var sink scan.Sink = discard{}
	var closeArchive func() error
	summaryOut := stdout
	switch {
	case o.output == "-":
		if o.resume {
			return usageErr(stderr, "--resume needs -o FILE")
		}
		sink = transcript.NewWriter(stdout)
		summaryOut = stderr
	case o.output != "":
		// Nobody else may write the archive or its .survey file while we
		// do: taken before either is read.
		lock, err := scan.LockArchive(o.output)
		if err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return exitFail
		}
		defer lock.Unlock()
		if err := checkSurvey(o); err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return exitUsage
		}
		a, done, err := scan.OpenArchive(o.output, o.resume)
		if err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return exitFail
		}
		closeArchive = a.Close
		if done != nil {
			for _, bad := range done.Bad {
				fmt.Fprintf(stderr, "smtpscan: --resume: skipping %v\n", bad)
			}
		}
		defer func() {
			if closeArchive != nil {
				if err := closeArchive(); err != nil {
					fmt.Fprintf(stderr, "smtpscan: %v\n", err)
				}
			}
		}()
		if a.Empty {
			h := surveyHeader(o, src)
			if err := a.WriteHeader(&h); err != nil {
				fmt.Fprintf(stderr, "smtpscan: %v\n", err)
				return exitFail
			}
		}
		sink, s.Skip = a, done
	case o.resume:
		return usageErr(stderr, "--resume needs -o FILE")
	}
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		s.Progress = &scan.Progress{W: stderr}
	}
	sum, err := s.Run(ctx, src, sink)
	sum.Print(summaryOut)
	if closeArchive != nil && err == nil {
		// A survey written to a file ends with its report, read back from
		// the archive as `smtpfp report FILE` would print it.
		if cerr := closeArchive(); cerr != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", cerr)
			return exitFail
		}
		closeArchive = nil
		fmt.Fprintf(summaryOut, "\nReport (smtpfp report %s):\n\n", o.output)
		if rerr := printReport(o.output, rb, summaryOut); rerr != nil {
			fmt.Fprintf(stderr, "smtpscan: report: %v\n", rerr)
			return exitFail
		}
	}
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(stderr, "smtpscan: interrupted; run again with --resume to finish\n")
		return exitInterrupted
	case err != nil:
		fmt.Fprintf(stderr, "smtpscan: %v\n", err)
		return exitFail
	}
	return exitOK
}

// source builds the targets from the flags: exactly one of -n/--all,
// --from-list or --targets.
func source(o *options, ex *scan.Exclusions, stdin io.Reader, stderr io.Writer) (scan.Source, int) {
	var shard scan.Shard
	if o.shard != "" {
		var err error
		if shard, err = scan.ParseShard(o.shard); err != nil {
			return nil, usageErr(stderr, "%v", err)
		}
	}
	n := 0
	for _, set := range []bool{o.n > 0 || o.all, o.fromList != "", o.targets != ""} {
		if set {
			n++
		}
	}
	if n != 1 {
		return nil, usageErr(stderr, "give exactly one of -n N (or --all), --from-list FILE, --targets FILE")
	}
	switch {
	case o.n > 0 || o.all:
		if o.all {
			o.n = 0
		}
		return &scan.Random{N: uint64(o.n), Seed: o.seed, Shard: shard, Port: o.port, Exclude: ex}, 0
	case o.fromList != "":
		if o.sample <= 0 {
			return nil, usageErr(stderr, "--from-list needs --sample N")
		}
		f, err := os.Open(o.fromList)
		if err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return nil, exitFail
		}
		defer f.Close()
		l, err := scan.Sample(o.fromList, f, int(o.sample), o.seed, o.port, ex)
		if err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return nil, exitFail
		}
		l.Shard = shard
		return l, 0
	case o.targets == "-":
		// Surveyed as the lines come (zmap ... | smtpscan -i -), with
		// bounded read-ahead; --resume works as long as the same list is
		// piped in again.
		return &scan.Stream{Name: "stdin", R: stdin, Port: o.port, Exclude: ex, Shard: shard,
			Excluded: func(why string) { fmt.Fprintf(stderr, "smtpscan: not contacting %s\n", why) }}, 0
	default:
		f, err := os.Open(o.targets)
		if err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return nil, exitFail
		}
		defer f.Close()
		l, err := scan.ReadList(o.targets, f, o.port, ex)
		if err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return nil, exitFail
		}
		for _, why := range l.Excluded {
			fmt.Fprintf(stderr, "smtpscan: not contacting %s\n", why)
		}
		l.Shard = shard
		return l, 0
	}
}

func dryRun(src scan.Source, stdout, stderr io.Writer) int {
	w := newLineWriter(stdout)
	err := src.Each(func(t netip.AddrPort) bool {
		if t.Port() == 25 {
			w.line(t.Addr().String())
		} else {
			w.line(t.String())
		}
		return w.err == nil
	})
	if err == nil {
		err = w.flush()
	}
	if err != nil {
		fmt.Fprintf(stderr, "smtpscan: %v\n", err)
		return exitFail
	}
	return exitOK
}

// tlsConfig turns --starttls, --smtps and --tls-roots into the scanner's
// TLS.
func tlsConfig(o *options, stderr io.Writer) (scan.TLSConfig, int) {
	var c scan.TLSConfig
	switch {
	case o.starttls && o.smtps:
		return c, usageErr(stderr, "--starttls and --smtps exclude each other")
	case o.starttls:
		c.Mode = scan.StartTLS
	case o.smtps && o.simulate != "":
		return c, usageErr(stderr, "--smtps: the simulated world speaks no TLS")
	case o.smtps:
		c.Mode = scan.ImplicitTLS
	case o.tlsRoots != "":
		return c, usageErr(stderr, "--tls-roots needs --starttls or --smtps")
	}
	if o.tlsRoots != "" {
		roots, err := scan.ReadRoots(o.tlsRoots)
		if err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return c, exitFail
		}
		c.Roots = roots
	}
	return c, exitOK
}

func loadRules(path string) (*rulebase.Rulebase, error) {
	if path == "" {
		return rulebase.Default(), nil
	}
	return rulebase.Load(path)
}

func hostname() string {
	h, err := os.Hostname()
	if err != nil || h == "" || !strings.Contains(h, ".") {
		if err == nil && h != "" {
			return h + ".invalid"
		}
		return "smtpfp.invalid"
	}
	return h
}

type discard struct{}

func (discard) Write(*transcript.Record) error { return nil }
