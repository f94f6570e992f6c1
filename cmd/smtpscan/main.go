// Command smtpscan surveys SMTP servers: it picks targets, looks up their
// PTR names, connects, runs the smtpfp dialogue, classifies each
// transcript with a rulebase and appends the records to a JSON-lines
// archive. All the work is done by package scan; this file parses flags
// and wires it. Its exit codes are cli's, the same as smtpfp's
// (cli.ExitCodes; smtpscan --help prints them).
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
	"math"
	"net"
	"net/netip"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/smtpfp/smtpfp/cmd/internal/cli"
	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/scan"
	"github.com/smtpfp/smtpfp/transcript"
	"github.com/smtpfp/smtpfp/world"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }

// Exit codes (cli's table).
const (
	exitOK          = cli.OK
	exitFail        = cli.Problems // the survey could not run or its output failed
	exitUsage       = cli.Usage    // a usage error or an input that cannot be read
	exitInterrupted = cli.Interrupted
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
	quiet          bool
	version        bool
	streamRefused  *refusals // set when targets stream from stdin
	starttls       bool
	smtps          bool
	tlsRoots       string
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// Every write to stdout is checked here, once: output that could not
	// be written is exit status 1 (cli.Output).
	out := cli.NewOutput(stdout)
	return out.Finish("smtpscan", runOn(args, stdin, out, stderr), stderr)
}

func runOn(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		// The no-argument demo: a survey of the simulated 2001 Internet,
		// which contacts nothing.
		fmt.Fprintln(stderr, "smtpscan: no targets given: surveying 1,000,000 addresses of the simulated 2001 Internet")
		fmt.Fprintln(stderr, "smtpscan: (nothing is contacted; smtpscan --help shows how to survey real targets)")
		args = []string{"--simulate", "djb2001"}
	}
	in := cli.StdinOf(stdin)
	if len(args) > 0 && args[0] == "targets" {
		return runTargets(args[1:], in, stdout, stderr)
	}
	var o options
	fs := cli.NewFlags("smtpscan", "usage: smtpscan (-n N | --all | --from-list FILE --sample N | --targets FILE) [flags]\n"+
		"       smtpscan --simulate djb2001 [-n N] [flags]\n"+
		"       smtpscan targets --zone FILE... [flags]",
		"Surveys SMTP servers: picks the targets, looks up their PTR names, runs the dialogue\n"+
			"(EHLO, HELO, MAIL FROM:<>, HELP, VRFY postmaster, QUIT), classifies each transcript and\n"+
			"appends the records to the archive -o FILE. With no arguments it surveys 1,000,000\n"+
			"addresses of the simulated 2001 Internet and contacts nothing. Private-use and loopback\n"+
			"addresses are contacted only with --allow-private; the IANA special-purpose ranges never.\n"+
			"Every FILE may be - for standard input (once a run). smtpscan targets --help lists its flags.")
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
	fs.StringVarP(&o.output, "output", "o", "", "append records to `FILE` ('-' for stdout; FILE.gz or FILE.zst is written compressed, whole); without it only the summary is printed")
	fs.BoolVar(&o.resume, "resume", false, "continue a killed survey: skip the targets -o already has (records reach the file within 1s of finishing; fsync every 30s and at exit)")
	fs.BoolVar(&o.dryRun, "dry-run", false, "print the targets and contact nothing")
	fs.StringVar(&o.rules, "rules", "", "classify with the rulebase in `FILE` (default: the embedded one)")
	fs.StringVar(&o.simulate, "simulate", "", "survey the simulated Internet `WORLD` (djb2001, or djb1996: a 500000-address sample of its own 12795635-address list, relay probe on) instead of the network")
	fs.Uint64Var(&o.simSeed, "sim-seed", 2001, "seed of the simulated world")
	fs.BoolVar(&o.starttls, "starttls", false, "send STARTTLS when EHLO offers it, record the handshake and certificate, and go on inside TLS")
	fs.BoolVar(&o.smtps, "smtps", false, "TLS from the first byte (implicit TLS; --port defaults to 465)")
	fs.StringVar(&o.tlsRoots, "tls-roots", "", "verify certificates against the PEM roots in `FILE` (default: the system's)")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "print only errors: no progress line, no summary or report")
	fs.BoolVar(&o.version, "version", false, "print the version and the embedded rulebases' versions and hashes")
	if code, ok := fs.Parse(args, stdout, stderr); !ok {
		return code
	}
	if o.version {
		if err := cli.PrintVersion(stdout, "smtpscan"); err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return exitFail
		}
		return exitOK
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "smtpscan: unexpected argument %q (targets come from -n, --from-list or --targets)\n", fs.Arg(0))
		return exitUsage
	}
	if msg := badValue(&o, fs.Changed); msg != "" {
		return usageErr(stderr, "%s", msg)
	}
	if o.smtps && !fs.Changed("port") {
		o.port = 465
	}
	if o.simulate != "" && !fs.Changed("require-ptr") {
		o.requirePTR = o.simulate != "djb1996" // the 1996 survey looked up no PTR records
	}
	if o.simulate != "" && !fs.Changed("per24") {
		// No network of a simulated Internet needs sparing, and the
		// per-/24 limiter's table of 500000 random /24s cost the 1996
		// survey half of its 600 MB peak.
		o.per24 = 0
	}
	if o.simulate == "djb1996" {
		// The 1996 way: a sample of a list; and the relay probe, which
		// harms no simulated host, for the post's conclusion 7.
		if !fs.Changed("sample") {
			o.sample = world.Sample1996
		}
		if !fs.Changed("relay-probe") {
			o.relayProbe = true
		}
	} else if o.simulate != "" && !fs.Changed("count") && o.fromList == "" && o.targets == "" && !o.all {
		o.n = 1000000
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return survey(ctx, &o, in, stdout, stderr)
}

// badValue names the first flag given a value the survey cannot use, and
// what it allows; "" when all are usable. (A zero or negative count or
// timeout would otherwise be taken silently for a default, or hang.)
func badValue(o *options, changed func(string) bool) string {
	positive := []struct {
		flag string
		v    time.Duration
	}{{"--connect-timeout", o.connectTimeout}, {"--read-timeout", o.readTimeout},
		{"--session-timeout", o.sessionTimeout}, {"--dns-timeout", o.dnsTimeout}}
	for _, d := range positive {
		if d.v <= 0 {
			return fmt.Sprintf("%s %v: want a duration above 0 (as 10s)", d.flag, d.v)
		}
	}
	switch {
	case changed("count") && o.n < 1:
		return fmt.Sprintf("-n %d: want at least 1 (--all surveys every address)", o.n)
	case changed("sample") && o.sample < 1:
		return fmt.Sprintf("--sample %d: want at least 1", o.sample)
	case changed("sample") && o.fromList == "" && o.simulate != "djb1996":
		return "--sample N needs --from-list FILE (or --simulate djb1996)"
	case o.concurrency < 1:
		return fmt.Sprintf("--concurrency %d: want at least 1", o.concurrency)
	case o.dnsConcurrency < 1:
		return fmt.Sprintf("--dns-concurrency %d: want at least 1", o.dnsConcurrency)
	case o.dnsRetries < 0:
		return fmt.Sprintf("--dns-retries %d: want 0 or more", o.dnsRetries)
	case !(o.rate >= 0) || math.IsInf(o.rate, 1):
		return fmt.Sprintf("--rate %v: want connections per second, 0 (no limit) or more", o.rate)
	case o.per24 < 0:
		return fmt.Sprintf("--per24 %d: want connections per second, 0 (no limit) or more", o.per24)
	case changed("port") && o.port == 0:
		return "--port 0: want a TCP port, 1 to 65535"
	}
	return ""
}

func usageErr(stderr io.Writer, format string, a ...any) int {
	fmt.Fprintf(stderr, "smtpscan: "+format+"\n", a...)
	return exitUsage
}

// maxMaxReply caps --max-reply: nine replies at 4/3 of their size (base64,
// the archive's worst case) must fit in one archive line.
const maxMaxReply = 4 << 20

func survey(ctx context.Context, o *options, stdin *cli.Stdin, stdout, stderr io.Writer) int {
	if o.maxReply < 1 || o.maxReply > maxMaxReply {
		return usageErr(stderr, "--max-reply %d: want 1 to %d bytes", o.maxReply, maxMaxReply)
	}
	tlsCfg, code := tlsConfig(o, stderr)
	if code != exitOK {
		return code
	}
	ex, code := exclusions(o.allowPrivate, o.blocklists, stdin, stderr)
	if ex == nil {
		return code
	}
	var w *world.World
	if o.simulate != "" {
		if w, code = simWorld(o, stderr); w == nil {
			return code
		}
	}
	var src scan.Source
	if w != nil && w.List != nil {
		src, code = listSource(o, w, stderr)
	} else {
		src, code = source(o, ex, stdin, stderr)
	}
	if src == nil {
		return code
	}
	if o.dryRun {
		return dryRun(o, src, stdout, stderr)
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
	if w != nil {
		s.Dialer = w
		if w.List == nil {
			s.Resolver = w
		}
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
	if rules == "" {
		rules = simRules[o.simulate]
	}
	rb, err := cli.LoadRules(rules, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "smtpscan: %s\n", cli.RulesError(err))
		return exitUsage
	}
	s.Classifier = pipeline.NewClassifier(rb)

	var sink scan.Sink = discard{}
	var closeArchive func() error
	summaryOut := stdout
	if o.quiet {
		summaryOut = io.Discard
	}
	// The survey header, the same for a file and for -o -.
	header := func() transcript.Header {
		h := surveyHeader(o, src)
		if w != nil {
			simHeader(&h, o, w)
		}
		return h
	}
	switch {
	case o.output == "-":
		if o.resume {
			return usageErr(stderr, "--resume needs -o FILE")
		}
		// The header first, as in a file, so that
		// smtpscan -o - | smtpfp report - has the survey's estimates.
		tw := transcript.NewWriter(stdout)
		h := header()
		if err := tw.WriteHeader(&h); err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return exitFail
		}
		sink = tw
		if !o.quiet {
			summaryOut = stderr
		}
	case pipeline.Compressed(o.output):
		// A compressed archive is written whole, start to end: a gzip or
		// zstd stream cannot be appended to by --resume.
		if o.resume {
			return usageErr(stderr, "--resume needs a plain archive: %s is compressed (by its name)", o.output)
		}
		if err := notDirectory(o.output); err != nil {
			return usageErr(stderr, "%v", err)
		}
		if st, err := os.Stat(o.output); err == nil && st.Size() > 0 {
			return usageErr(stderr, "%s already holds a survey; a compressed archive is written whole: delete it or name another", o.output)
		}
		lock, err := scan.LockArchive(o.output)
		if err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return exitFail
		}
		defer lock.Unlock()
		zw, err := pipeline.Create(o.output, nil)
		if err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return exitFail
		}
		closeArchive = zw.Close
		defer func() {
			if closeArchive != nil {
				if err := closeArchive(); err != nil {
					fmt.Fprintf(stderr, "smtpscan: %v\n", err)
				}
			}
		}()
		tw := transcript.NewWriter(zw)
		h := header()
		if err := tw.WriteHeader(&h); err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return exitFail
		}
		sink = tw
	case o.output != "":
		// Nobody else may write the archive or its .survey file while we
		// do: taken before either is read.
		lock, err := scan.LockArchive(o.output)
		if err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return exitFail
		}
		defer lock.Unlock()
		if err := checkSurvey(o, header()); err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return exitUsage
		}
		a, done, err := scan.OpenArchive(o.output, o.resume)
		if errors.As(err, new(*scan.CompressedError)) {
			return usageErr(stderr, "--resume needs a plain archive: %v", err)
		}
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
			h := header()
			if err := a.WriteHeader(&h); err != nil {
				fmt.Fprintf(stderr, "smtpscan: %v\n", err)
				return exitFail
			}
		}
		sink, s.Skip = a, done
	case o.resume:
		return usageErr(stderr, "--resume needs -o FILE")
	}
	if w != nil && !w.Start.IsZero() {
		// s.Skip is what a resumed archive already has: its records are
		// the first of the survey, so this run's are dated after them.
		sink = &world.Dated{Sink: sink, Start: w.Start, Span: w.Span, N: src.Len(), From: int64(s.Skip.Len())}
	}
	if !o.quiet && cli.IsTerminal(stderr) {
		s.Progress = &scan.Progress{W: stderr, Width: cli.Width(stderr)}
	}
	sum, err := s.Run(ctx, src, sink)
	sum.Print(summaryOut)
	if closeArchive != nil && err == nil {
		// A survey written to a file ends with its report, read back from
		// the archive as `smtpfp report FILE` would print it.
		c := closeArchive
		closeArchive = nil // closed here, not again when we return
		if cerr := c(); cerr != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", cerr)
			return exitFail
		}
		if !o.quiet {
			fmt.Fprintf(summaryOut, "\nReport (smtpfp report %s):\n\n", o.output)
			if rerr := printReport(o.output, rb, summaryOut); rerr != nil {
				fmt.Fprintf(stderr, "smtpscan: report: %v\n", rerr)
				return exitFail
			}
		}
	}
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(stderr, "smtpscan: interrupted; run again with --resume to finish\n")
		return exitInterrupted
	case errors.As(err, new(*scan.InputError)):
		// A streamed target list with a bad line: as from a file.
		fmt.Fprintf(stderr, "smtpscan: %v\n", err)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "smtpscan: %v\n", err)
		return exitFail
	case refused(o, src) > 0:
		return exitFail
	}
	return exitOK
}

// source builds the targets from the flags: exactly one of -n/--all,
// --from-list or --targets.
// An input that cannot be read, or has a line that is not a target, is
// exitUsage.
func source(o *options, ex *scan.Exclusions, stdin *cli.Stdin, stderr io.Writer) (scan.Source, int) {
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
		f, name, err := stdin.Open(o.fromList, "--from-list")
		if err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return nil, exitUsage
		}
		defer f.Close()
		l, err := scan.Sample(name, f, int(o.sample), o.seed, o.port, ex)
		if err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return nil, exitUsage
		}
		l.Shard = shard
		return l, 0
	case o.targets == "-":
		// Surveyed as the lines come (zmap ... | smtpscan -i -), with
		// bounded read-ahead; --resume works as long as the same list is
		// piped in again.
		in, name, err := stdin.Open("-", "--targets")
		if err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return nil, exitUsage
		}
		o.streamRefused = &refusals{stderr: stderr}
		return &scan.Stream{Name: name, R: in, Port: o.port, Exclude: ex, Shard: shard, Excluded: o.streamRefused.add}, 0
	default:
		r, name, err := stdin.Open(o.targets, "--targets")
		if err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return nil, exitUsage
		}
		defer r.Close()
		l, err := scan.ReadList(name, r, o.port, ex)
		if err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return nil, exitUsage
		}
		reportRefused(l.Excluded, stderr)
		l.Shard = shard
		return l, 0
	}
}

// reportRefused names each listed target that is not contacted ("ADDRESS:
// why"), and says how to contact private and loopback ones.
func reportRefused(excluded []string, stderr io.Writer) {
	for _, why := range excluded {
		fmt.Fprintf(stderr, "smtpscan: not contacting %s\n", why)
	}
	hintPrivate(excluded, stderr)
}

// hintPrivate points at --allow-private when a refused target is
// private-use or loopback space (the rest is never contacted).
func hintPrivate(excluded []string, stderr io.Writer) {
	anyPrivate := &scan.Exclusions{AllowPrivate: true}
	for _, why := range excluded {
		addr, _, _ := strings.Cut(why, ": ")
		if a, err := netip.ParseAddr(addr); err == nil {
			if bad, _ := anyPrivate.Excluded(a); !bad {
				fmt.Fprintln(stderr, "smtpscan: private-use and loopback addresses are contacted only with --allow-private")
				return
			}
		}
	}
}

// refusals collects the targets a stream refuses as they arrive: each is
// named at once, and at the end the survey exits with exitFail and the
// --allow-private hint, as a list's refusals do.
type refusals struct {
	mu     sync.Mutex
	whys   []string
	stderr io.Writer
}

func (r *refusals) add(why string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	fmt.Fprintf(r.stderr, "smtpscan: not contacting %s\n", why)
	r.whys = append(r.whys, why)
}

// refused is how many listed targets the survey did not contact: one
// that refused any finishes with exitFail. Call it after src is read.
func refused(o *options, src scan.Source) int {
	if l, ok := src.(*scan.List); ok {
		return len(l.Excluded)
	}
	if r := o.streamRefused; r != nil {
		r.mu.Lock()
		defer r.mu.Unlock()
		hintPrivate(r.whys, r.stderr)
		return len(r.whys)
	}
	return 0
}

// exclusions builds the ranges never contacted: the special-purpose ones
// (private ones unless allowPrivate) and those of each --blocklist file.
func exclusions(allowPrivate bool, blocklists []string, stdin *cli.Stdin, stderr io.Writer) (*scan.Exclusions, int) {
	ex := &scan.Exclusions{AllowPrivate: allowPrivate}
	for _, path := range blocklists {
		r, name, err := stdin.Open(path, "--blocklist")
		if err == nil {
			var ps []netip.Prefix
			ps, err = scan.ReadBlocklist(name, r)
			r.Close()
			ex.Blocklist = append(ex.Blocklist, ps...)
		}
		if err != nil {
			fmt.Fprintf(stderr, "smtpscan: %v\n", err)
			return nil, exitUsage
		}
	}
	ex.Build()
	return ex, 0
}

func dryRun(o *options, src scan.Source, stdout, stderr io.Writer) int {
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
		if errors.As(err, new(*scan.InputError)) {
			return exitUsage // a bad streamed line, as from a file
		}
		return exitFail
	}
	if refused(o, src) > 0 {
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
