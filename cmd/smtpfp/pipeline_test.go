package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"

	"github.com/smtpfp/smtpfp/corpus"
	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/transcript"
)

// TestBinaryInputIsCapped: a binary file given as an archive (issue 15
// item 6: 495 error lines) gives five messages, then one count, in
// every command that reads records.
func TestBinaryInputIsCapped(t *testing.T) {
	bin := make([]byte, 64<<10)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range bin {
		bin[i] = byte(rng.IntN(256))
	}
	path := filepath.Join(t.TempDir(), "ls.jsonl")
	if err := os.WriteFile(path, bin, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"classify", path},
		{"explain", path},
		{"diff", "../../rules/djb2001.fp", "../../rules/djb2001.fp", path},
	} {
		_, errs, code := runArgs(t, "", args...)
		lines := strings.Split(strings.TrimSpace(errs), "\n")
		if code != exitProblems || len(lines) != pipeline.DefaultMax+2 || !strings.Contains(lines[0], path+": record ") ||
			!strings.Contains(lines[pipeline.DefaultMax], "more malformed records") {
			t.Errorf("%v: exit %d, %d stderr lines:\n%s", args, code, len(lines), errs)
		}
	}
}

// TestCompressedInputs: gzip and zstd are read by content, from a file
// of any name and from stdin, and give what the plain archive gives.
func TestCompressedInputs(t *testing.T) {
	plain := archive(t, corpus.Generate(9, 300))
	want, _, code := runArgs(t, plain, "classify", "--json")
	if code != 0 || strings.Count(want, "\n") != 300 {
		t.Fatalf("plain: exit %d", code)
	}
	var gz, zs bytes.Buffer
	gw := gzip.NewWriter(&gz)
	gw.Write([]byte(plain))
	gw.Close()
	zw, _ := zstd.NewWriter(&zs)
	zw.Write([]byte(plain))
	zw.Close()
	dir := t.TempDir()
	for name, b := range map[string][]byte{"gzip": gz.Bytes(), "zstd": zs.Bytes()} {
		path := filepath.Join(dir, name+".jsonl") // the name says nothing
		os.WriteFile(path, b, 0o644)
		for _, args := range [][]string{{"classify", "--json", path}, {"classify", "--json", "-"}} {
			got, errs, code := runArgs(t, string(b), args...)
			if code != 0 || got != want {
				t.Errorf("%s %v: exit %d, output differs (%d bytes, want %d): %s", name, args, code, len(got), len(want), errs)
			}
		}
	}
}

// TestCompressedOutput: pipeline.Create compresses by the file's name,
// and what it writes reads back by content.
func TestCompressedOutput(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.jsonl.gz", "a.jsonl.zst", "a.jsonl"} {
		path := filepath.Join(dir, name)
		w, err := pipeline.Create(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(`{"addr":"192.0.2.1","outcome":"timeout"}` + "\n"))
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		raw, _ := os.ReadFile(path)
		if compressed := !bytes.HasPrefix(raw, []byte("{")); compressed != (name != "a.jsonl") {
			t.Errorf("%s: compressed %v", name, compressed)
		}
		in, err := pipeline.Open(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		err = pipeline.Run(in, pipeline.Options{}, func(b *pipeline.Batch) error { n += len(b.Items); return nil })
		in.Close()
		if err != nil || n != 1 {
			t.Errorf("%s: read back %d records, %v", name, n, err)
		}
	}
}

// TestSplitInvariance: any split of an archive into chunks, classified
// separately and concatenated, is one run's output, in every output
// form: classification is a filter a distributed engine can run.
func TestSplitInvariance(t *testing.T) {
	recs := corpus.Generate(21, 1500)
	for i := range recs {
		if i%7 == 0 {
			recs[i].Outcome, recs[i].Steps = transcript.TimedOut, nil
		}
	}
	whole := `{"survey":{"format":1,"population":"ipv4"}}` + "\n" + archive(t, recs)
	lines := strings.SplitAfter(whole, "\n")
	rng := rand.New(rand.NewPCG(5, 6))
	for _, form := range [][]string{{}, {"--json", "--all"}, {"--csv"}, {"--rules", "../../rules/djb2001.fp", "--json"}} {
		args := append([]string{"classify", "-j", "2"}, form...)
		want, _, code := runArgs(t, whole, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d", form, code)
		}
		for trial := 0; trial < 4; trial++ {
			var got strings.Builder
			for rest := lines; len(rest) > 0; {
				k := 1 + rng.IntN(min(len(rest), 400))
				out, errs, code := runArgs(t, strings.Join(rest[:k], ""), args...)
				if code != 0 {
					t.Fatalf("%v chunk: exit %d: %s", form, code, errs)
				}
				if len(form) > 0 && form[0] == "--csv" && got.Len() > 0 {
					out = out[strings.IndexByte(out, '\n')+1:] // each chunk has the header row
				}
				got.WriteString(out)
				rest = rest[k:]
			}
			if got.String() != want {
				t.Fatalf("%v: chunks classified apart differ from one run", form)
			}
		}
	}
}

// TestStreaming: reading a pipe, classify writes a record's line as soon
// as the record is classified, not when the input ends.
func TestStreaming(t *testing.T) {
	inR, inW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan int, 1)
	var errb bytes.Buffer
	go func() {
		done <- run([]string{"classify", "--rules", "../../rules/djb2001.fp"}, inR, outW, &errb)
		outW.Close()
	}()
	lines := strings.Split(strings.TrimSpace(archive(t, corpus.Generate(4, 3))), "\n")
	br := bufio.NewReader(outR)
	for i, l := range lines {
		if _, err := inW.Write([]byte(l + "\n")); err != nil {
			t.Fatal(err)
		}
		got := make(chan string, 1)
		go func() { s, _ := br.ReadString('\n'); got <- s }()
		select {
		case s := <-got:
			if !strings.HasPrefix(s, strings.Split(strings.SplitN(l, `"addr":"`, 2)[1], `"`)[0]+"\t") {
				t.Errorf("record %d: line %q", i+1, s)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("record %d: no output while the input stays open", i+1)
		}
	}
	inW.Close()
	if code := <-done; code != 0 {
		t.Errorf("exit %d: %s", code, errb.String())
	}
}

// TestTallyUsesTheArchivesRulebase (issue 15 item 2): without --rules,
// `classify --tally` on an archive classified by a shipped rulebase
// uses that rulebase, as the archive's report counts it, and says so.
func TestTallyUsesTheArchivesRulebase(t *testing.T) {
	rb, err := rulebase.Load("embedded:djb2001.fp")
	if err != nil {
		t.Fatal(err)
	}
	var recs []transcript.Record
	for _, c := range corpus.DJB2001() {
		r := c.Record
		pipeline.Classify(rb, &r)
		recs = append(recs, r)
	}
	in := archive(t, recs)
	got, errs, code := runArgs(t, in, "classify", "--tally")
	want, _, _ := runArgs(t, in, "classify", "--tally", "--rules", "embedded:djb2001.fp")
	if code != 0 || got != want || !strings.Contains(errs, "using rulebase djb2001") {
		t.Errorf("exit %d; tally:\n%s\nwant (djb2001's):\n%s\nstderr: %s", code, got, want, errs)
	}
	// Records of a rulebase that is not shipped: the default, said loudly.
	for i := range recs {
		recs[i].Class.Rulebase = "homegrown"
	}
	_, errs, code = runArgs(t, archive(t, recs), "classify", "--tally")
	if code != 0 || !strings.Contains(errs, `"homegrown", which is not shipped: using the default smtp`) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	// Unclassified records: the default, silently.
	if _, errs, _ := runArgs(t, archive(t, corpus.Generate(1, 10)), "classify", "--tally"); errs != "" {
		t.Errorf("unclassified archive: stderr %q", errs)
	}
}

// TestOtherScannersEverywhere: ZGrab2's and Nmap's output read by every
// command that reads records, not only classify.
func TestOtherScannersEverywhere(t *testing.T) {
	for _, f := range []string{"../../testdata/formats/zgrab2-loopback.jsonl", "../../testdata/formats/nmap-loopback.xml"} {
		for _, args := range [][]string{
			{"report", f},
			{"explain", f},
			{"diff", "../../rules/smtp.fp", "../../rules/smtp.fp", f},
			{"classify", "--tally", f},
		} {
			out, errs, code := runArgs(t, "", args...)
			if code != 0 || !strings.Contains(out, "Postfix") && args[0] != "diff" || errs != "" && args[0] != "classify" {
				t.Errorf("%v: exit %d\n%s\n%s", args, code, out, errs)
			}
		}
	}
}

// TestStrictOnAStream: --strict ends the run at a bad record even while
// the pipe it reads stays open.
func TestStrictOnAStream(t *testing.T) {
	inR, inW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer inW.Close()
	done := make(chan int, 1)
	var out, errb bytes.Buffer
	go func() {
		done <- run([]string{"classify", "--strict", "-j", "2", "--rules", "../../rules/djb2001.fp"}, inR, &out, &errb)
	}()
	good := strings.TrimSpace(archive(t, corpus.Generate(4, 1)))
	inW.Write([]byte(good + "\n"))
	time.Sleep(200 * time.Millisecond)
	inW.Write([]byte("{not json\n"))
	select {
	case code := <-done:
		if code != exitProblems || !strings.Contains(errb.String(), "<stdin>: record 2: ") {
			t.Errorf("exit %d, stderr %q", code, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("--strict waited for the pipe to close")
	}
}
