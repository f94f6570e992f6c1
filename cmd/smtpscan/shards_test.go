package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/smtpfp/smtpfp/report"
	"github.com/smtpfp/smtpfp/scan"
)

// mergeShards reads the archives as `smtpfp report` does and merges them.
func mergeShards(t *testing.T, paths ...string) *report.Summary {
	t.Helper()
	var ss []*report.Summary
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		s, err := report.ReadArchive(p, f, report.Options{})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		ss = append(ss, s)
	}
	m, err := report.Merge(ss...)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestShardsWithGNUParallel: the shards of a survey run as GNU parallel
// jobs (this test binary standing in for smtpscan) add up to the survey
// run whole; a shard left out is named.
func TestShardsWithGNUParallel(t *testing.T) {
	if _, err := exec.LookPath("parallel"); err != nil {
		t.Skip("GNU parallel is not installed (make deps installs it)")
	}
	dir := t.TempDir()
	survey := []string{"--simulate", "djb2001", "-n", "3000", "--seed", "5"}
	cmd := exec.Command("parallel", append(append([]string{"--will-cite", "--halt", "now,fail=1", "-j", "3", os.Args[0]}, survey...),
		"--shard", "{}/3", "-o", filepath.Join(dir, "shard-{}.jsonl"), ":::", "0", "1", "2")...)
	cmd.Env = append(os.Environ(), "SMTPSCAN_TEST_MAIN=1")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("parallel: %v\n%s", err, errb.String())
	}
	whole := filepath.Join(dir, "whole.jsonl")
	if code, _, stderr := runCmd("", append(survey, "-o", whole)...); code != 0 {
		t.Fatal(stderr)
	}
	shards := []string{filepath.Join(dir, "shard-0.jsonl"), filepath.Join(dir, "shard-1.jsonl"), filepath.Join(dir, "shard-2.jsonl")}
	m, w := mergeShards(t, shards...), mergeShards(t, whole)
	if m.Sample != 3000 || fmt.Sprint(m.Shards) != "[1 2 3]" || len(m.MissingShards()) != 0 {
		t.Errorf("merged: %d records, shards %v, missing %v", m.Sample, m.Shards, m.MissingShards())
	}
	if fmt.Sprint(m.Outcomes) != fmt.Sprint(w.Outcomes) || fmt.Sprint(m.Labels) != fmt.Sprint(w.Labels) {
		t.Errorf("shards merged differ from the survey whole:\n%v\n%v", m.Outcomes, w.Outcomes)
	}
	if part := mergeShards(t, shards[0], shards[2]); fmt.Sprint(part.MissingShards()) != "[2]" {
		t.Errorf("a shard left out: missing %v", part.MissingShards())
	}
}

// TestKubernetesIndexedJob: the manifest in deploy/kubernetes is a valid
// Indexed Job whose pods survey disjoint shards of one survey with
// smtpscan's own flags, each into its own archive.
func TestKubernetesIndexedJob(t *testing.T) {
	b, err := os.ReadFile("../../deploy/kubernetes/smtpscan-job.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var job struct {
		APIVersion string `yaml:"apiVersion"`
		Kind       string `yaml:"kind"`
		Spec       struct {
			CompletionMode string `yaml:"completionMode"`
			Completions    int    `yaml:"completions"`
			Parallelism    int    `yaml:"parallelism"`
			Template       struct {
				Spec struct {
					RestartPolicy string `yaml:"restartPolicy"`
					Containers    []struct {
						Command []string `yaml:"command"`
						Args    []string `yaml:"args"`
						Env     []struct {
							Name      string `yaml:"name"`
							ValueFrom struct {
								FieldRef struct {
									FieldPath string `yaml:"fieldPath"`
								} `yaml:"fieldRef"`
							} `yaml:"valueFrom"`
						} `yaml:"env"`
					} `yaml:"containers"`
				} `yaml:"spec"`
			} `yaml:"template"`
		} `yaml:"spec"`
	}
	if err := yaml.Unmarshal(b, &job); err != nil {
		t.Fatal(err)
	}
	sp := job.Spec
	if job.APIVersion != "batch/v1" || job.Kind != "Job" || sp.CompletionMode != "Indexed" || sp.Completions < 2 ||
		sp.Parallelism != sp.Completions || sp.Template.Spec.RestartPolicy != "OnFailure" || len(sp.Template.Spec.Containers) != 1 {
		t.Fatalf("not an Indexed Job of shards: %+v", sp)
	}
	c := sp.Template.Spec.Containers[0]
	if len(c.Command) != 1 || c.Command[0] != "smtpscan" {
		t.Errorf("command %q", c.Command)
	}
	if len(c.Env) != 1 || c.Env[0].Name != "JOB_COMPLETION_INDEX" ||
		c.Env[0].ValueFrom.FieldRef.FieldPath != "metadata.annotations['batch.kubernetes.io/job-completion-index']" {
		t.Errorf("env %+v", c.Env)
	}
	args := strings.Join(c.Args, " ")
	want := fmt.Sprintf("--shard $(JOB_COMPLETION_INDEX)/%d", sp.Completions)
	if !strings.Contains(args, want) || !strings.Contains(args, "--resume") || !strings.Contains(args, "-o /data/shard-$(JOB_COMPLETION_INDEX).jsonl") {
		t.Errorf("args %q: want %q, --resume and an archive per index", args, want)
	}
	// Every pod's arguments are smtpscan's: a dry run of each index takes
	// them (and contacts nothing).
	for i := range sp.Completions {
		var a []string
		for _, s := range c.Args {
			a = append(a, strings.ReplaceAll(s, "$(JOB_COMPLETION_INDEX)", fmt.Sprint(i)))
		}
		if code, _, stderr := runCmd("", append(a, "--dry-run", "-n", "16")...); code != 0 {
			t.Errorf("index %d: exit %d: %s", i, code, stderr)
		}
	}
}

// TestEligiblePopulation: a random IPv4 survey's header gives as its
// population the addresses the exclusions allow, and says so; a simulated
// world's stays 2^32, as its seed sampled; the report scales by it.
func TestEligiblePopulation(t *testing.T) {
	ex := &scan.Exclusions{}
	ex.Build()
	o := &options{n: 1000, seed: 1}
	h := surveyHeader(o, &scan.Random{N: 1000, Seed: 1, Exclude: ex})
	if !h.Eligible || h.Size != ex.Eligible4() || h.Size >= 1<<32 || h.Size < 3_600_000_000 {
		t.Errorf("real survey: eligible %v, population %d", h.Eligible, h.Size)
	}
	o.simulate = "djb2001"
	if h := surveyHeader(o, &scan.Random{N: 1000, Seed: 1, Exclude: ex}); h.Eligible || h.Size != 1<<32 {
		t.Errorf("simulated: eligible %v, population %d", h.Eligible, h.Size)
	}
	hdr := fmt.Sprintf(`{"survey":{"format":1,"population":"ipv4","population_size":%d,"eligible":true}}`, ex.Eligible4())
	s, err := report.ReadArchive("e.jsonl", strings.NewReader(hdr+"\n"+`{"addr":"1.2.3.4","outcome":"greeted"}`+"\n"+`{"addr":"1.2.3.5","outcome":"timeout"}`+"\n"), report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Population.Size != ex.Eligible4() {
		t.Errorf("report population %d, want %d", s.Population.Size, ex.Eligible4())
	}
	var b strings.Builder
	report.New(s, report.Config{}).WriteText(&b)
	if want := fmt.Sprintf("(of the %d a survey may contact)", ex.Eligible4()); !strings.Contains(strings.Join(strings.Fields(b.String()), " "), want) {
		t.Errorf("report does not say the population is the eligible addresses:\n%s", b.String())
	}
}
