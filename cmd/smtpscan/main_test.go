package main

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/smtpfp/smtpfp/corpus"
	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/transcript"
)

// TestMain lets a test run this binary as smtpscan itself (for the
// kill-and-resume test): SMTPSCAN_TEST_MAIN=1 makes it main.
func TestMain(m *testing.M) {
	if os.Getenv("SMTPSCAN_TEST_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// eachRecord calls fn with every record of the archive at path, read
// through the pipeline as every command reads one (compressed too); a
// malformed record fails the test. rec is valid until fn returns.
func eachRecord(t *testing.T, path string, fn func(n int, rec *transcript.Record)) {
	t.Helper()
	in, err := pipeline.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if err := pipeline.Each(in, func(n int, rec *transcript.Record) error { fn(n, rec); return nil }); err != nil {
		t.Fatal(err)
	}
}

func runCmd(stdin string, args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, strings.NewReader(stdin), &o, &e)
	return code, o.String(), e.String()
}

func TestUsageErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--seed", "2"}, "smtpscan: give exactly one of -n N (or --all), --from-list FILE, --targets FILE\n"},
		{[]string{"-n", "5", "--targets", "x"}, "smtpscan: give exactly one of -n N (or --all), --from-list FILE, --targets FILE\n"},
		{[]string{"-n", "5", "--shard", "2/2"}, "smtpscan: shard \"2/2\": expected I/N with 0 <= I < N\n"},
		{[]string{"--from-list", "x"}, "smtpscan: --from-list needs --sample N\n"},
		{[]string{"-n", "5", "--max-reply", "20000000"}, "smtpscan: --max-reply 20000000: want 1 to 4194304 bytes\n"},
		{[]string{"--simulate", "mars"}, "smtpscan: unknown world \"mars\" (known: djb1996, djb2001)\n"},
		{[]string{"--simulate", "djb2001", "--resume"}, "smtpscan: --resume needs -o FILE\n"},
		{[]string{"stray"}, "smtpscan: unexpected argument \"stray\" (targets come from -n, --from-list or --targets)\n"},
		{[]string{"-n", "1", "--no-ptr", "--require-ptr", "--dry-run=false"}, "smtpscan: --require-ptr needs PTR lookups: drop --no-ptr\n"},
	} {
		code, _, stderr := runCmd("", tt.args...)
		if code != exitUsage || stderr != tt.want {
			t.Errorf("%v: exit %d, stderr %q; want exit 2, %q", tt.args, code, stderr, tt.want)
		}
	}
}

func TestDryRun(t *testing.T) {
	code, out, stderr := runCmd("", "-n", "5", "--seed", "3", "--dry-run")
	lines := strings.Fields(out)
	if code != 0 || len(lines) != 5 || stderr != "" {
		t.Fatalf("exit %d, %d lines, stderr %q", code, len(lines), stderr)
	}
	_, again, _ := runCmd("", "-n", "5", "--seed", "3", "--dry-run")
	if again != out {
		t.Error("same seed, different targets")
	}
	// Two shards make up the run.
	_, s0, _ := runCmd("", "-n", "5", "--seed", "3", "--dry-run", "--shard", "0/2")
	_, s1, _ := runCmd("", "-n", "5", "--seed", "3", "--dry-run", "--shard", "1/2")
	if got := len(strings.Fields(s0 + s1)); got != 5 {
		t.Errorf("shards have %d targets", got)
	}
	// Explicit targets from stdin; excluded ones are named, not contacted,
	// and make the run finish with problems (#15).
	code, out, stderr = runCmd("127.0.0.1\n192.0.2.1:2525\n", "--targets", "-", "--dry-run", "--allow-private")
	if code != exitFail || out != "127.0.0.1\n" || stderr != "smtpscan: not contacting 192.0.2.1: documentation (TEST-NET-1) (RFC 5737)\n" {
		t.Errorf("exit %d, out %q, stderr %q", code, out, stderr)
	}
}

// The demo: the simulated 2001 Internet, a million addresses, classified
// by the embedded rulebase, lands within sampling error of the post.
func TestSimulateDJB2001Tally(t *testing.T) {
	out := filepath.Join(t.TempDir(), "sim.jsonl")
	code, stdout, stderr := runCmd("", "--simulate", "djb2001", "-n", "1000000", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	counts := map[string]int{}
	re := regexp.MustCompile(`(?m)^ +(\d+) (.*)$`)
	for _, m := range re.FindAllStringSubmatch(stdout, -1) {
		n, _ := strconv.Atoi(m[1])
		counts[m[2]] = n
	}
	post := map[string]float64{"timed out": 34036, "connection refused": 4057, "immediate disconnect": 81,
		"rejected with code 572": 31, "rejected with code 421": 23, "reset": 20, "greeted": 958}
	for _, r := range corpus.Tally2001 {
		post[r.Name] = float64(r.Count)
	}
	for name, want := range post {
		// 4 standard deviations of a Poisson count, plus one.
		if got := float64(counts[name]); math.Abs(got-want) > 4*math.Sqrt(want)+1 {
			t.Errorf("%s: %v, the post has %v", name, got, want)
		}
	}
	// Every greeted record is classified with the rulebase's identity and
	// names its dialogue.
	n := 0
	eachRecord(t, out, func(_ int, rec *transcript.Record) {
		n++
		if rec.Outcome == transcript.Greeted {
			if rec.Class == nil || rec.Class.Rulebase == "" || rec.Class.Hash == "" || rec.Dialogue != "smtpfp/1" {
				t.Fatalf("record %d: class %+v dialogue %q", n, rec.Class, rec.Dialogue)
			}
		}
	})
	if n != 1000000 {
		t.Errorf("%d records, want 1000000", n)
	}
}

// A real survey of loopback fake servers, targets on stdin, PTR from a
// loopback DNS server, appended to -o.
func TestSurveyLoopback(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				c.Write([]byte("220 fake.test ESMTP Sendmail 8.12.1; now\r\n"))
				br := bufio.NewReader(c)
				for {
					line, err := br.ReadString('\n')
					if err != nil {
						return
					}
					switch strings.ToUpper(strings.Fields(line)[0]) {
					case "HELP":
						c.Write([]byte("214-This is Sendmail version 8.12.1\r\n214 End of HELP info\r\n"))
					case "QUIT":
						c.Write([]byte("221 bye\r\n"))
						return
					default:
						c.Write([]byte("250 ok\r\n"))
					}
				}
			}()
		}
	}()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &dns.Server{PacketConn: pc, Handler: dns.HandlerFunc(func(w dns.ResponseWriter, q *dns.Msg) {
		m := new(dns.Msg)
		m.SetReply(q)
		m.Answer = append(m.Answer, &dns.PTR{Hdr: dns.RR_Header{Name: q.Question[0].Name, Rrtype: dns.TypePTR, Class: dns.ClassINET, Ttl: 60}, Ptr: "fake.test."})
		w.WriteMsg(m)
	})}
	go srv.ActivateAndServe()
	defer srv.Shutdown()

	out := filepath.Join(t.TempDir(), "s.jsonl")
	port := ln.Addr().(*net.TCPAddr).Port
	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	closedPort := closed.Addr().(*net.TCPAddr).Port
	closed.Close()
	// 127.0.0.2 has nothing listening: refused too.
	stdin := fmt.Sprintf("127.0.0.1:%d\n127.0.0.2:%d\n127.0.0.1:%d\n", port, port, closedPort)
	code, stdout, stderr := runCmd(stdin, "--targets", "-", "--allow-private", "--resolver", pc.LocalAddr().String(),
		"--ehlo-name", "scanner.test", "--read-timeout", "2s", "--connect-timeout", "2s", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"3 of the 3 addresses looked up had PTR records", "(3 of 3 sampled addresses;", "       1 greeted\n", "       2 connection refused\n", "       1 UNIX Sendmail\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	b, _ := os.ReadFile(out)
	if n := bytes.Count(b, []byte("\n")); n != 4 || !bytes.Contains(b, []byte(`"cmd":"EHLO scanner.test"`)) || !bytes.Contains(b, []byte(`"ptr":"fake.test"`)) {
		t.Errorf("archive has %d lines, want the survey header and 3 records:\n%s", n, b)
	}
	if !bytes.HasPrefix(b, []byte(`{"survey":{"format":1,`)) || !bytes.Contains(b, []byte(`"population":"list","population_size":0,"list":"stdin","streamed":true,`)) {
		t.Errorf("archive does not start with the survey header:\n%s", b)
	}
}

// Kill -9 in the middle of a survey, resume, and every target is in the
// archive exactly once.
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a child process")
	}
	out := filepath.Join(t.TempDir(), "k.jsonl")
	// --rate slows the simulated survey to about 4s, so the kill lands
	// in the middle; the test waits on the file, not on the clock.
	args := []string{"--simulate", "djb2001", "--require-ptr=false", "-n", "200000", "--seed", "9", "--rate", "50000", "-o", out}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "SMTPSCAN_TEST_MAIN=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		st, err := os.Stat(out)
		if err == nil && st.Size() > 1<<20 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the child wrote nothing")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	before := countLines(t, out)
	if before >= 200000 {
		t.Skipf("the child finished (%d records) before the kill", before)
	}
	code, stdout, stderr := runCmd("", append(args[:len(args)-4], "-o", out, "--resume")...)
	if code != 0 {
		t.Fatalf("resume: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "already in the archive") {
		t.Errorf("summary does not mention the resumed records:\n%s", stdout)
	}
	seen := map[string]int{}
	eachRecord(t, out, func(_ int, rec *transcript.Record) { seen[rec.Addr]++ })
	dups := 0
	for _, n := range seen {
		if n != 1 {
			dups++
		}
	}
	if len(seen) != 200000 || dups != 0 {
		t.Errorf("%d addresses, %d recorded more than once (killed after %d records)", len(seen), dups, before)
	}
	_, dry, _ := runCmd("", "-n", "200000", "--seed", "9", "--dry-run")
	for _, a := range strings.Fields(dry) {
		if seen[a] != 1 {
			t.Fatalf("target %s recorded %d times", a, seen[a])
		}
	}
}

func countLines(t *testing.T, path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Count(b, []byte("\n"))
}

func TestResumeRefusesOtherTargets(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.jsonl")
	if code, _, stderr := runCmd("", "--simulate", "djb2001", "-n", "100", "--seed", "1", "-o", out); code != 0 {
		t.Fatal(stderr)
	}
	code, _, stderr := runCmd("", "--simulate", "djb2001", "-n", "100", "--seed", "2", "-o", out, "--resume")
	if code != exitUsage || !strings.Contains(stderr, "was started with other flags:\n  --seed: then 1, now 2\n") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	code, stdout, stderr := runCmd("", "--simulate", "djb2001", "-n", "100", "--seed", "1", "-o", out, "--resume")
	if code != 0 || !strings.Contains(stdout, "0 addresses recorded") || !strings.Contains(stdout, "100 already in the archive") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// TestNoArgumentsDemo: smtpscan with no arguments surveys the simulated
// Internet, not the real one.
func TestNoArgumentsDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("a million simulated addresses")
	}
	code, stdout, stderr := runCmd("")
	if code != 0 || !strings.Contains(stderr, "simulated 2001 Internet") || !strings.Contains(stdout, "1000000 addresses recorded") {
		t.Errorf("exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
}
