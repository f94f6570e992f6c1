package scan

// Benchmarks against a loopback fleet. The fake servers (SMTP and DNS)
// run in a child process, this test binary started again with
// SCAN_BENCH_CHILD=1, so the server's CPU is measured apart from the
// scanner's (from /proc/PID/stat) and its memory is not the scanner's.
//
//	go test -run '^$' -bench . -benchtime 20000x ./scan/
//
// Metrics: sessions/s (completed six-command sessions), client-ms/1k and
// server-ms/1k (CPU per thousand sessions), peak-KB/session (the rise of
// the scanner's peak RSS over its idle RSS, per concurrent session),
// lookups/s and lost (PTR lookups that got no answer after retries).

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/smtpfp/smtpfp/transcript"
)

func TestMain(m *testing.M) {
	if os.Getenv("SCAN_BENCH_CHILD") == "1" {
		benchChild()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

const fleetSize = 32 // loopback addresses 127.0.1.1 .. 127.0.1.32

// benchChild serves the fleet until its stdin closes: an SMTP server on
// each fleet address answering the standard dialogue, and a DNS server.
func benchChild() {
	raiseNoFile()
	greet := []byte("220 fleet.test ESMTP Sendmail 8.12.1/8.12.1; Mon, 1 Oct 2001 00:00:00 GMT\r\n")
	replies := map[string][]byte{
		"EHLO": []byte("250-fleet.test Hello\r\n250-ENHANCEDSTATUSCODES\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 HELP\r\n"),
		"HELO": []byte("250 fleet.test Hello, pleased to meet you\r\n"),
		"MAIL": []byte("250 2.1.0 <>... Sender ok\r\n"),
		"HELP": []byte("214-2.0.0 This is sendmail version 8.12.1\r\n214 2.0.0 End of HELP info\r\n"),
		"VRFY": []byte("252 2.5.2 Cannot VRFY user\r\n"),
		"QUIT": []byte("221 2.0.0 fleet.test closing connection\r\n"),
	}
	for i := 1; i <= fleetSize; i++ {
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.1.%d:0", i))
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("smtp", ln.Addr())
		go func() {
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				go func() {
					defer c.Close()
					c.Write(greet)
					br := bufio.NewReaderSize(c, 512)
					for {
						line, err := br.ReadSlice('\n')
						if err != nil {
							return
						}
						v := string(line)
						if len(v) > 4 {
							v = v[:4]
						}
						r, ok := replies[strings.ToUpper(v)]
						if !ok {
							r = []byte("500 unknown\r\n")
						}
						c.Write(r)
						if v == "QUIT" {
							return
						}
					}
				}()
			}
		}()
	}
	pc, err := net.ListenPacket("udp", "127.0.2.1:0")
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	// As root, a receive buffer above rmem_max: a burst of a thousand
	// queries must not overflow the socket.
	if rc, err := pc.(*net.UDPConn).SyscallConn(); err == nil {
		rc.Control(func(fd uintptr) {
			syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUFFORCE, 16<<20)
		})
	}
	srv := &dns.Server{PacketConn: pc, Handler: dns.HandlerFunc(func(w dns.ResponseWriter, q *dns.Msg) {
		m := new(dns.Msg)
		m.SetReply(q)
		m.Answer = append(m.Answer, &dns.PTR{Hdr: dns.RR_Header{Name: q.Question[0].Name, Rrtype: dns.TypePTR, Class: dns.ClassINET, Ttl: 60}, Ptr: "host.fleet.test."})
		w.WriteMsg(m)
	})}
	go srv.ActivateAndServe()
	fmt.Println("dns", pc.LocalAddr())
	fmt.Println("ready")
	buf := make([]byte, 1)
	os.Stdin.Read(buf) // until the parent closes it
}

type fleet struct {
	cmd   *exec.Cmd
	smtp  []netip.AddrPort
	dns   string
	stdin interface{ Close() error }
}

var (
	fleetOnce sync.Once
	theFleet  *fleet
	fleetErr  error
)

// startFleet starts the child once for all benchmarks of a run.
func startFleet(b *testing.B) *fleet {
	fleetOnce.Do(func() {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "SCAN_BENCH_CHILD=1")
		in, _ := cmd.StdinPipe()
		out, _ := cmd.StdoutPipe()
		cmd.Stderr = os.Stderr
		if fleetErr = cmd.Start(); fleetErr != nil {
			return
		}
		f := &fleet{cmd: cmd, stdin: in}
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			kind, addr, _ := strings.Cut(sc.Text(), " ")
			switch kind {
			case "smtp":
				f.smtp = append(f.smtp, netip.MustParseAddrPort(addr))
			case "dns":
				f.dns = addr
			case "error":
				fleetErr = fmt.Errorf("fleet: %s", addr)
				return
			}
			if kind == "ready" {
				break
			}
		}
		theFleet = f
	})
	if fleetErr != nil {
		b.Fatal(fleetErr)
	}
	return theFleet
}

// cpuOf returns a process's user+system CPU time from /proc.
func cpuOf(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * time.Second / 100 // USER_HZ
}

func selfCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// rssKB reads VmRSS or VmHWM (peak) of this process.
func rssKB(field string) int64 {
	b, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, field+":") {
			n, _ := strconv.ParseInt(strings.Fields(line)[1], 10, 64)
			return n
		}
	}
	return 0
}

func raiseNoFile() uint64 {
	var rl syscall.Rlimit
	syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl)
	rl.Cur = rl.Max
	syscall.Setrlimit(syscall.RLIMIT_NOFILE, &rl)
	return rl.Cur
}

type countSink struct{ greeted, other atomic.Int64 }

func (c *countSink) Write(r *transcript.Record) error {
	if r.Outcome == transcript.Greeted && len(r.Steps) == 7 && r.Error == "" {
		c.greeted.Add(1)
	} else {
		c.other.Add(1)
	}
	return nil
}

func BenchmarkSessions(b *testing.B) {
	f := startFleet(b)
	limit := raiseNoFile()
	for _, conc := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("conc=%d", conc), func(b *testing.B) {
			// Each session holds one socket here and one in the child.
			if uint64(conc)+256 > limit {
				b.Skipf("RLIMIT_NOFILE %d is too low for %d sessions", limit, conc)
			}
			targets := make([]netip.AddrPort, b.N)
			for i := range targets {
				targets[i] = f.smtp[i%len(f.smtp)]
			}
			s := &Scanner{
				Dialogue:    Standard("bench.test", ""),
				Limits:      Limits{Connect: 10 * time.Second, Read: 10 * time.Second, Session: 30 * time.Second},
				Exclude:     &Exclusions{AllowPrivate: true},
				Concurrency: conc,
			}
			os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // reset VmHWM
			base := rssKB("VmRSS")
			var sink countSink
			srv0, cli0 := cpuOf(f.cmd.Process.Pid), selfCPU()
			b.ResetTimer()
			start := time.Now()
			if _, err := s.Run(context.Background(), &List{Targets: targets}, &sink); err != nil {
				b.Fatal(err)
			}
			el := time.Since(start)
			b.StopTimer()
			srv, cli := cpuOf(f.cmd.Process.Pid)-srv0, selfCPU()-cli0
			if n := sink.other.Load(); n > 0 {
				b.Errorf("%d of %d sessions did not complete", n, b.N)
			}
			k := float64(b.N) / 1000
			b.ReportMetric(float64(sink.greeted.Load())/el.Seconds(), "sessions/s")
			b.ReportMetric(float64(cli.Milliseconds())/k, "client-ms/1k")
			b.ReportMetric(float64(srv.Milliseconds())/k, "server-ms/1k")
			live := min(conc, b.N)
			b.ReportMetric(float64(rssKB("VmHWM")-base)/float64(live), "peak-KB/session")
			b.ReportMetric(float64(rssKB("VmHWM"))/1024, "peak-MB")
		})
	}
}

func BenchmarkPTR(b *testing.B) {
	f := startFleet(b)
	for _, conc := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("conc=%d", conc), func(b *testing.B) {
			r := &DNSResolver{Server: f.dns, Timeout: 2 * time.Second, Retries: 3}
			defer r.Close()
			var next, lost atomic.Int64
			var wg sync.WaitGroup
			srv0 := cpuOf(f.cmd.Process.Pid)
			b.ResetTimer()
			start := time.Now()
			for range conc {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						i := next.Add(1) - 1
						if i >= int64(b.N) {
							return
						}
						a := netip.AddrFrom4([4]byte{byte(1 + i>>24), byte(i >> 16), byte(i >> 8), byte(i)})
						if p := r.LookupPTR(context.Background(), a); p.Status != "ok" {
							lost.Add(1)
						}
					}
				}()
			}
			wg.Wait()
			el := time.Since(start)
			b.StopTimer()
			b.ReportMetric(float64(b.N)/el.Seconds(), "lookups/s")
			b.ReportMetric(float64(lost.Load()), "lost")
			b.ReportMetric(float64((cpuOf(f.cmd.Process.Pid)-srv0).Milliseconds())/(float64(b.N)/1000), "server-ms/1k")
		})
	}
}

// BenchmarkVsZGrab2 runs smtpscan and ZGrab2's SMTP module side by side
// against the same loopback fleet at the same concurrency, b.N sessions
// each: smtpscan with its dialogue (EHLO, HELO, MAIL, HELP, VRFY, QUIT),
// smtpscan with ZGrab2's commands (EHLO, HELP, QUIT: the same work), and
// zgrab2 smtp --send-ehlo-override --send-help --send-quit. ZGRAB2 names
// the zgrab2 binary (make bench builds it from bench/zgrab2, a module of
// its own). Metrics: sessions/s of each, and same-work/zgrab2, the ratio
// of smtpscan's to ZGrab2's at the same work (smtpscan's the mean of a run
// before ZGrab2's and one after).
func BenchmarkVsZGrab2(b *testing.B) {
	zgrab2 := os.Getenv("ZGRAB2")
	if zgrab2 == "" {
		b.Skip("ZGRAB2 is not set: make bench builds zgrab2 and sets it")
	}
	f := startFleet(b)
	limit := raiseNoFile()
	dir := b.TempDir()
	empty := dir + "/blocklist.conf" // zgrab2 refuses to start without one
	os.WriteFile(empty, nil, 0o644)
	for _, conc := range []int{100, 10000} {
		b.Run(fmt.Sprintf("conc=%d", conc), func(b *testing.B) {
			if uint64(conc)+256 > limit {
				b.Skipf("RLIMIT_NOFILE %d is too low for %d sessions", limit, conc)
			}
			targets := make([]netip.AddrPort, b.N)
			var input strings.Builder
			for i := range targets {
				targets[i] = f.smtp[i%len(f.smtp)]
				fmt.Fprintf(&input, "%s, , , %d\n", targets[i].Addr(), targets[i].Port())
			}
			ours := func(d Dialogue, steps int) float64 {
				s := &Scanner{Dialogue: d, Exclude: &Exclusions{AllowPrivate: true}, Concurrency: conc,
					Limits: Limits{Connect: 10 * time.Second, Read: 10 * time.Second, Session: 30 * time.Second}}
				var ok, other atomic.Int64
				start := time.Now()
				if _, err := s.Run(context.Background(), &List{Targets: targets}, sinkFunc(func(r *transcript.Record) {
					if r.Outcome == transcript.Greeted && len(r.Steps) == steps && r.Error == "" {
						ok.Add(1)
					} else {
						other.Add(1)
					}
				})); err != nil {
					b.Fatal(err)
				}
				el := time.Since(start)
				if n := other.Load(); n > 0 {
					b.Errorf("smtpscan: %d of %d sessions did not complete", n, b.N)
				}
				return float64(ok.Load()) / el.Seconds()
			}
			in := dir + "/targets.csv"
			if err := os.WriteFile(in, []byte(input.String()), 0o644); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			zgrab2Work := Dialogue{Name: "zgrab2-commands", Cmds: []string{"EHLO bench.test", "HELP", "QUIT"}, Relay: -1}
			full := ours(Standard("bench.test", ""), 7)
			// ZGrab2's run goes between two of smtpscan's at the same
			// work, whose mean is compared with it: a machine whose load
			// drifts during the run favours neither.
			same := ours(zgrab2Work, 4)
			cmd := exec.Command(zgrab2, "smtp", "--send-ehlo-override", "--send-help", "--send-quit",
				"-s", strconv.Itoa(conc), "-b", empty, "-f", in, "-o", "-", "-m", dir+"/meta.json", "-l", dir+"/zgrab2.log",
				"-u", dir+"/status.log", "--connect-timeout", "10s", "-t", "30s")
			out, err := cmd.StdoutPipe()
			if err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			if err := cmd.Start(); err != nil {
				b.Fatal(err)
			}
			var zok, zother int
			sc := bufio.NewScanner(out)
			sc.Buffer(make([]byte, 1<<20), 1<<20)
			for sc.Scan() {
				if strings.Contains(sc.Text(), `"status":"success"`) && strings.Contains(sc.Text(), `"quit":"221`) {
					zok++
				} else {
					zother++
				}
			}
			if err := cmd.Wait(); err != nil {
				log, _ := os.ReadFile(dir + "/zgrab2.log")
				b.Fatalf("zgrab2: %v\n%s", err, log)
			}
			zel := time.Since(start)
			b.StopTimer()
			if zother > 0 || zok != b.N {
				b.Errorf("zgrab2: %d of %d sessions complete, %d not", zok, b.N, zother)
			}
			zrate := float64(zok) / zel.Seconds()
			b.StartTimer()
			same = (same + ours(zgrab2Work, 4)) / 2
			b.StopTimer()
			b.ReportMetric(full, "smtpscan-sessions/s")
			b.ReportMetric(same, "same-work-sessions/s")
			b.ReportMetric(zrate, "zgrab2-sessions/s")
			b.ReportMetric(same/zrate, "same-work/zgrab2")
		})
	}
}

// sinkFunc is a Sink that calls f.
type sinkFunc func(*transcript.Record)

func (f sinkFunc) Write(r *transcript.Record) error { f(r); return nil }
