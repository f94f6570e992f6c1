package main

// BenchmarkTarpits: smtpscan itself (this test binary run as smtpscan,
// as TestKillAndResume does) surveys 1,000 loopback tarpits that greet
// and then stream one endless line, at --max-reply 1 MiB, 1,000 sessions
// at once: without a budget that is a gigabyte of replies and three of
// heap. Metrics: peak-MB, smtpscan's peak resident memory (getrusage
// ru_maxrss); budget-MB, its --memory; over-budget-MB, the difference (the
// fixed overhead: runtime, goroutine stacks, rulebase, garbage not yet
// collected); idle-MB, the peak of an smtpscan that surveys one simulated
// address. It fails when the peak passes scan.MemoryLimit (the budget,
// the stacks and scan.MemoryOverhead) plus idle-MB.
//
//	go test -run '^$' -bench Tarpits -benchtime 1x ./cmd/smtpscan/

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/smtpfp/smtpfp/scan"
)

const tarpits = 1000

// startTarpits listens on 1,000 loopback addresses (127.0.4.1 ...), each
// greeting "220 " and then sending 'x' until the client goes away.
func startTarpits(b *testing.B) (targets string, stop func()) {
	var lns []net.Listener
	var wg sync.WaitGroup
	var list strings.Builder
	chunk := bytes.Repeat([]byte("x"), 64<<10)
	for i := range tarpits {
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.4.%d:0", 1+i%250))
		if err != nil {
			b.Fatal(err)
		}
		lns = append(lns, ln)
		fmt.Fprintln(&list, ln.Addr())
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				go func() {
					defer c.Close()
					c.Write([]byte("220 "))
					for {
						if _, err := c.Write(chunk); err != nil {
							return
						}
					}
				}()
			}
		}()
	}
	path := filepath.Join(b.TempDir(), "tarpits.txt")
	if err := os.WriteFile(path, []byte(list.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	return path, func() {
		for _, ln := range lns {
			ln.Close()
		}
		wg.Wait()
	}
}

func BenchmarkTarpits(b *testing.B) {
	var rl syscall.Rlimit
	syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl)
	rl.Cur = rl.Max
	syscall.Setrlimit(syscall.RLIMIT_NOFILE, &rl)
	if rl.Cur < 3*tarpits+256 {
		b.Skipf("RLIMIT_NOFILE %d is too low", rl.Cur)
	}
	targets, stop := startTarpits(b)
	defer stop()
	// What smtpscan's program text and start-up cost before any session:
	// resident, but outside the Go runtime's memory limit.
	idle := exec.Command(os.Args[0], "--simulate", "djb2001", "-n", "1")
	idle.Env = append(os.Environ(), "SMTPSCAN_TEST_MAIN=1")
	if err := idle.Run(); err != nil {
		b.Fatal(err)
	}
	idleRSS := idle.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10
	const maxReply = 1 << 20
	for _, memory := range []int64{64 << 20, scan.DefaultMemory} {
		b.Run(fmt.Sprintf("memory=%dMiB", memory>>20), func(b *testing.B) {
			var peak int64
			for range b.N {
				cmd := exec.Command(os.Args[0], "--targets", targets, "--allow-private", "--no-ptr",
					"--max-reply", fmt.Sprint(maxReply), "--concurrency", fmt.Sprint(tarpits),
					"--memory", fmt.Sprint(memory), "--read-timeout", "60s", "--session-timeout", "120s", "--per24", "0")
				cmd.Env = append(os.Environ(), "SMTPSCAN_TEST_MAIN=1")
				var out, errb bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &errb
				if err := cmd.Run(); err != nil {
					b.Fatalf("smtpscan: %v\n%s", err, errb.String())
				}
				// Every tarpit got its session and its reply, capped.
				if !strings.Contains(out.String(), fmt.Sprintf("%d addresses recorded", tarpits)) ||
					!strings.Contains(out.String(), fmt.Sprintf("%8d greeted", tarpits)) {
					b.Fatalf("summary:\n%s", out.String())
				}
				ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
				peak = max(peak, ru.Maxrss<<10)
			}
			limit := scan.MemoryLimit(memory, tarpits) + idleRSS
			b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
			b.ReportMetric(float64(idleRSS)/(1<<20), "idle-MB")
			b.ReportMetric(float64(memory)/(1<<20), "budget-MB")
			b.ReportMetric(float64(peak-memory)/(1<<20), "over-budget-MB")
			if peak > limit {
				b.Errorf("peak RSS %d MiB passes the budget plus overhead (stacks, %d MiB, an idle smtpscan), %d MiB",
					peak>>20, scan.MemoryOverhead>>20, limit>>20)
			}
		})
	}
}
