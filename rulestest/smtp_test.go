package rulestest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/sebdah/goldie/v2"

	"github.com/smtpfp/smtpfp/compiler"
	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/transcript"
)

const smtpRules = "../rules/smtp.fp"

// transcriptDirs hold the transcripts rules/smtp.fp is tested against:
// real holds what servers run on loopback sent (recorded by e2e/), and
// documented what products that cannot run here are documented to send.
var transcriptDirs = []string{"../testdata/transcripts/real", "../testdata/transcripts/documented"}

// bareGreeting stands in for a greeting in the banner-hidden check: a
// host name that is nobody's and no product name.
const bareGreeting = "220 mail.example.com ESMTP\r\n"

// sidecar is the .json beside each transcript: what the server was.
type sidecar struct {
	Product string `json:"product"` // product name: the label ID less its dashes
	Version string `json:"version"` // the product's version ("" when unknown)
	Banner  string `json:"banner"`  // "default", or how the banner was changed
	Source  string `json:"source"`  // documented transcripts: what they rest on
}

// label is the label rules/smtp.fp should give: the product name without
// dashes, since a label ID is an identifier ("go-smtp" is gosmtp).
func (s sidecar) label() string { return strings.ReplaceAll(s.Product, "-", "") }

// hidden reports whether the server ran with its banner changed or hidden.
func (s sidecar) hidden() bool { return s.Banner != "" && s.Banner != "default" }

// documented reports whether the transcript was written, not recorded.
func (s sidecar) documented() bool { return strings.HasPrefix(s.Source, "documented:") }

type recording struct {
	name string // file name without .jsonl
	dir  string
	side sidecar
	recs []transcript.Record
}

func loadSMTP(t *testing.T) *rulebase.Rulebase {
	t.Helper()
	rb, err := rulebase.Load(smtpRules)
	if err != nil {
		t.Fatal(err)
	}
	return rb
}

func loadRecordings(t *testing.T) []recording {
	t.Helper()
	var out []recording
	seen := map[string]string{}
	for _, dir := range transcriptDirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			name := strings.TrimSuffix(filepath.Base(f), ".jsonl")
			if prev, ok := seen[name]; ok {
				t.Fatalf("%s: name also used in %s (goldens are per name)", f, prev)
			}
			seen[name] = dir
			r := recording{name: name, dir: filepath.Base(dir)}
			b, err := os.ReadFile(strings.TrimSuffix(f, ".jsonl") + ".json")
			if err != nil {
				t.Fatalf("%s: sidecar: %v", f, err)
			}
			if err := json.Unmarshal(b, &r.side); err != nil {
				t.Fatalf("%s: sidecar: %v", f, err)
			}
			if r.dir == "documented" && !r.side.documented() {
				t.Errorf("%s: sidecar source %q does not start with \"documented:\"", f, r.side.Source)
			}
			r.recs = readArchive(t, f)
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		t.Fatal("no transcripts")
	}
	return out
}

func readArchive(t *testing.T, path string) []transcript.Record {
	t.Helper()
	in, err := pipeline.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	var recs []transcript.Record
	if err := pipeline.Each(in, func(_ int, rec *transcript.Record) error {
		recs = append(recs, rec.Clone())
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 {
		t.Fatalf("%s: no records", path)
	}
	return recs
}

// replies is every byte the server sent.
func replies(rec *transcript.Record) []byte {
	var b []byte
	for _, s := range rec.Steps {
		b = append(b, s.Reply...)
	}
	return b
}

// wantVersion is the version a classification should carry: the
// product's version when the server showed it anywhere in the dialogue,
// otherwise none.
func wantVersion(rec *transcript.Record, v string) string {
	if v != "" && bytes.Contains(replies(rec), []byte(v)) {
		return v
	}
	return ""
}

// withoutBanner is rec with its greeting replaced by bareGreeting.
func withoutBanner(rec transcript.Record) transcript.Record {
	steps := append([]transcript.Step(nil), rec.Steps...)
	for i := range steps {
		if steps[i].Cmd == "" {
			steps[i].Reply = []byte(bareGreeting)
		}
	}
	rec.Steps = steps
	rec.Class = nil
	return rec
}

func classify(rb *rulebase.Rulebase, rec transcript.Record) *transcript.Class {
	rec.Class = nil
	pipeline.Classify(rb, &rec)
	if rec.Class == nil {
		return &transcript.Class{Rule: -1}
	}
	return rec.Class
}

// describe prints a classification with the rule that gave it, as
// written (not its line, so goldens hold still when rules are added).
func describe(rb *rulebase.Rulebase, c *transcript.Class) string {
	s := c.Label
	if c.Label == "" {
		s = "(none)"
	}
	if c.Version != "" {
		s += " version " + c.Version
	}
	if c.Rule >= 0 {
		s += " by " + rb.Prog.Rules[c.Rule].Source
	} else {
		s += " by default"
	}
	return s
}

// TestSMTPCheck is `smtpfp check rules/smtp.fp` and `smtpfp lint
// rules/smtp.fp`: no errors, no warnings, no findings (dead, shadowed or
// slow rules) and none silenced.
func TestSMTPCheck(t *testing.T) {
	src, err := os.ReadFile(smtpRules)
	if err != nil {
		t.Fatal(err)
	}
	p, f, diags := compiler.CompileSource(smtpRules, string(src))
	for _, d := range diags {
		t.Errorf("%s", strings.TrimRight(f.Source.Render(d), "\n"))
	}
	_, f, diags, suppressed := compiler.LintSource(smtpRules, string(src), compiler.LintOptions{})
	for _, d := range diags {
		t.Errorf("lint: %s", strings.TrimRight(f.Source.Render(d), "\n"))
	}
	if suppressed > 0 {
		t.Errorf("lint: %d findings silenced by fp:ignore", suppressed)
	}
	if p == nil {
		t.Fatal("rules/smtp.fp does not compile")
	}
	if n := len(p.Rules); n > 400 {
		t.Errorf("%d rules; keep the automaton under about 400", n)
	}
}

// TestSMTPTranscripts classifies every real and documented transcript and
// checks its label and version against the sidecar, then again with the
// greeting replaced by a bare "220 mail.example.com ESMTP": a real server
// must still be labelled by the rest of its dialogue. Each is pinned by
// testdata/golden/classify/smtp/<name>.golden (GOLDIE_UPDATE=1 refreshes).
func TestSMTPTranscripts(t *testing.T) {
	rb := loadSMTP(t)
	g := goldie.New(t, goldie.WithFixtureDir("../testdata/golden/classify/smtp"), goldie.WithNameSuffix(".golden"))
	for _, r := range loadRecordings(t) {
		t.Run(r.dir+"/"+r.name, func(t *testing.T) {
			var golden strings.Builder
			fmt.Fprintf(&golden, "%s/%s: product %s", r.dir, r.name, r.side.Product)
			if r.side.Version != "" {
				fmt.Fprintf(&golden, " %s", r.side.Version)
			}
			if r.side.hidden() {
				golden.WriteString(", banner changed\n")
			} else {
				golden.WriteString(", banner as shipped\n")
			}
			for i, rec := range r.recs {
				if rec.Outcome != transcript.Greeted {
					t.Fatalf("record %d: outcome %s, want greeted", i, rec.Outcome)
				}
				c := classify(rb, rec)
				want := wantVersion(&rec, r.side.Version)
				if c.Label != r.side.label() || c.Version != want {
					t.Errorf("record %d: got %s, want %s version %q", i, describe(rb, c), r.side.label(), want)
				}
				bare := withoutBanner(rec)
				cb := classify(rb, bare)
				if r.dir == "real" {
					wantBare := wantVersion(&bare, r.side.Version)
					if cb.Label != r.side.label() || cb.Version != wantBare {
						t.Errorf("record %d without banner: got %s, want %s version %q", i, describe(rb, cb), r.side.label(), wantBare)
					}
				}
				fmt.Fprintf(&golden, "record %d: %s\n  %s\n", i, c.Name, describe(rb, c))
				fmt.Fprintf(&golden, "record %d without banner:\n  %s\n", i, describe(rb, cb))
			}
			g.Assert(t, r.name, []byte(golden.String()))
		})
	}
}

// notRecognized stands in for a reply in TestSMTPOneReplyChanged.
const notRecognized = "502 5.5.1 Command not recognized\r\n"

// builtOn names the servers that are another product's library with
// other defaults, and the one reply where those defaults show: with that
// reply changed too, the server is the library it runs, and must be
// labelled so.
var builtOn = map[string]struct{ cmd, label, why string }{
	"maddy":   {"EHLO", "gosmtp", "maddy answers in go-smtp's words; its defaults (SIZE 33554432, RCPTMAX=20000) show only in EHLO"},
	"maildev": {"EHLO", "smtpserver", "MailDev runs nodemailer's smtp-server; its options (no AUTH, no STARTTLS, SIZE 52428800) show only in EHLO"},
}

// TestSMTPOneReplyChanged: a real server is still labelled with its
// banner hidden and, besides, any one other reply replaced by a bare
// "502 5.5.1 Command not recognized" (as when an operator disables HELP or
// VRFY, or a proxy answers EHLO): no label rests on one reply alone, but
// for builtOn.
func TestSMTPOneReplyChanged(t *testing.T) {
	rb := loadSMTP(t)
	for _, r := range loadRecordings(t) {
		if r.dir != "real" {
			continue
		}
		for i, rec := range r.recs {
			bare := withoutBanner(rec)
			for j, s := range bare.Steps {
				if s.Cmd == "" {
					continue
				}
				changed := bare
				changed.Steps = append([]transcript.Step(nil), bare.Steps...)
				changed.Steps[j].Reply = []byte(notRecognized)
				want := r.side.label()
				if b, ok := builtOn[want]; ok && strings.HasPrefix(s.Cmd, b.cmd+" ") {
					want = b.label
				}
				if c := classify(rb, changed); c.Label != want {
					t.Errorf("%s record %d without banner, %s answered %q: got %s, want %s",
						r.name, i, s.Cmd, notRecognized, describe(rb, c), want)
				}
			}
		}
	}
}

// TestSMTPChangedBanners: every real server that ran with its banner
// changed or hidden was recorded, and is labelled right.
func TestSMTPChangedBanners(t *testing.T) {
	rb := loadSMTP(t)
	n := 0
	for _, r := range loadRecordings(t) {
		if r.dir != "real" || !r.side.hidden() {
			continue
		}
		n++
		for i, rec := range r.recs {
			if c := classify(rb, rec); c.Label != r.side.label() {
				t.Errorf("%s record %d (banner %q): got %s, want %s", r.name, i, r.side.Banner, describe(rb, c), r.side.label())
			}
		}
	}
	if n == 0 {
		t.Skip("no real recording with a changed banner yet")
	}
}

// TestSMTPLabelsCovered: every label but the default has a transcript
// that should get it, so no rule goes untested.
func TestSMTPLabelsCovered(t *testing.T) {
	if _, err := os.Stat(transcriptDirs[0]); err != nil {
		t.Skip("no real recordings yet: make e2e records them")
	}
	rb := loadSMTP(t)
	have := map[string]bool{}
	for _, r := range loadRecordings(t) {
		have[r.side.label()] = true
	}
	var missing []string
	def := ""
	if rb.Prog.Default >= 0 {
		def = rb.Prog.Labels[rb.Prog.Default].ID
	}
	for _, l := range rb.Prog.Labels {
		if l.ID != def && !have[l.ID] {
			missing = append(missing, l.ID)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("labels with no transcript: %s", strings.Join(missing, ", "))
	}
}
