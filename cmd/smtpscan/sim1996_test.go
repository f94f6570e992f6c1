package main

import (
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
