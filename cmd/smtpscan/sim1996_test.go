package main

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/corpus"
	"github.com/smtpfp/smtpfp/report"
	"github.com/smtpfp/smtpfp/world"
)

// The simulated 1996 survey: a sample of 500000 of its 12795635-address
// list, classified by rules/djb1996.fp, lands within sampling error of
// the post's outcome list and of its tally, row by row; the archive is
// dated by the post and says what it sampled.
func TestSimulateDJB1996(t *testing.T) {
	out := filepath.Join(t.TempDir(), "s.jsonl")
	code, stdout, stderr := runCmd("", "--simulate", "djb1996", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "simulated djb1996 target list: 12795635 addresses") {
		t.Errorf("stderr does not describe the list: %s", stderr)
	}
	summary, _, _ := strings.Cut(stdout, "\nReport (")
	counts := map[string]float64{}
	for _, m := range regexp.MustCompile(`(?m)^ +(\d+) (.*)$`).FindAllStringSubmatch(summary, -1) {
		n, _ := strconv.Atoi(m[1])
		counts[m[2]] = float64(n)
	}
	post := map[string]float64{"greeted": 26070}
	for _, o := range corpus.Outcomes1996 {
		post[o.Outcome.Words(0)] = float64(o.Count)
	}
	for _, r := range corpus.Tally1996 {
		post[r.Name] = float64(r.Count)
	}
	const n, N = 500000.0, 12795635.0
	for name, want := range post {
		// The list holds the post's mix exactly, so a row of the sample
		// is hypergeometric: 4 standard deviations, plus one.
		p := want / n
		sd := math.Sqrt(n * p * (1 - p) * (N - n) / (N - 1))
		if got := counts[name]; math.Abs(got-want) > 4*sd+1 {
			t.Errorf("%s: %v, the post has %v (sd %.1f)", name, got, want, sd)
		}
	}
	if len(counts) != len(post) {
		t.Errorf("the summary has %d rows, the post %d:\n%s", len(counts), len(post), summary)
	}
	// The report that follows states the post's conclusions, computed;
	// which words a bound gets depends on the sample, so the numbers
	// are matched loosely.
	_, rep, _ := strings.Cut(stdout, "\nReport (")
	flat := strings.Join(strings.Fields(rep), " ")
	for _, want := range []string{
		`This survey was carried out on 1996-11-27\.`,
		`The survey selected a random sample of 500000 addresses from a list of 12795635 IP addresses`,
		`47[34]\d\d\d connection attempts did not lead to a greeting message:`,
		`Almost all of them responded to HELP \(\d+ of the 26\d\d\d asked, 99%\)`,                                         // HELP
		`Evidently there are (more than|about) 6[5-7]0000 SMTP servers among the listed addresses`,                        // 2
		`multihomed hosts are counted multiple times`,                                                                     // 2
		`At least 2\.1 million of the listed IP addresses were in use for hosts reachable`,                                // 1
		`\d+ addresses \(80%\) are running Sendmail: more than half a million IP addresses`,                               // 3
		`No SMTP package other than Sendmail is running on more than 2% of the reachable SMTP servers, about 13000 hosts`, // 4
		`There are more than half a million SMTP servers with the security holes of CA-95\.05, CA-95\.08 or CA-96\.20`,    // 6
		`Almost all SMTP servers allow uncontrolled mail relaying`,                                                        // 7
	} {
		if !regexp.MustCompile(want).MatchString(flat) {
			t.Errorf("report does not say /%s/", want)
		}
	}

	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := report.ReadArchive(out, f, report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Sample != world.Sample1996 || s.Population.Kind != report.List || s.Population.Size != world.ListSize1996 {
		t.Errorf("archive: %d sampled of %+v", s.Sample, s.Population)
	}
	if a, z := s.Start.Format("2006-01-02 15"), s.End.Format("2006-01-02 15"); a != "1996-11-27 08" || z != "1996-11-27 11" {
		t.Errorf("survey dated %s to %s, want the early morning of 1996-11-27", a, z)
	}
	if !s.RelayProbe || s.PTRLookedUp != 0 {
		t.Errorf("relay probe %v, %d PTR lookups: the 1996 survey looked up none", s.RelayProbe, s.PTRLookedUp)
	}
}

// The zone part of the 1996 list is what `smtpscan targets --zone` makes
// of the simulated InterNIC zone, with the seed's exclusion of 1.* given
// as a blocklist (0.*, 10.* and 127.* are never contacted anyway), its
// MX/A lookups answered by the zone's DNS server on loopback.
func TestTargetsZone1996(t *testing.T) {
	dir := t.TempDir()
	z := world.NewZone1996(2001)
	zone, bl, list := filepath.Join(dir, "com.zone"), filepath.Join(dir, "seed.blocklist"), filepath.Join(dir, "list.txt")
	if err := os.WriteFile(zone, []byte(z.Text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bl, []byte("1.0.0.0/8 # the 1996 survey excluded {0,1,10,127}.*\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	server, stop, err := z.Serve()
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	code, _, stderr := runCmd("", "targets", "--zone", zone, "--resolver", server, "--blocklist", bl, "-o", list)
	if code != 0 || !strings.Contains(stderr, "from 2000 glue records and 4000 domains") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got, err := os.ReadFile(list)
	if err != nil {
		t.Fatal(err)
	}
	want, _, _, err := z.Addresses(context.Background(), server)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, a := range want {
		b.WriteString(a.String() + "\n")
	}
	if string(got) != b.String() || len(want) < 8000 {
		t.Errorf("targets --zone gave %d bytes, the world's list took %d addresses (%d bytes)", len(got), len(want), b.Len())
	}
	for _, l := range strings.Fields(string(got)) {
		for _, p := range []string{"0.", "1.", "10.", "127."} {
			if strings.HasPrefix(l, p) {
				t.Fatalf("%s is in {0,1,10,127}.*", l)
			}
		}
	}
}
