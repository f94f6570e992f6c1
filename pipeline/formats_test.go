package pipeline

import (
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/transcript"
)

// readAll runs the pipeline over a file with rb and returns the records
// (copied) and the labels of the matched ones ("-" when not matched).
func readAll(t *testing.T, path string, rb *rulebase.Rulebase) ([]transcript.Record, []string) {
	t.Helper()
	in, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	var recs []transcript.Record
	var labels []string
	err = Run(in, Options{Rulebases: []*rulebase.Rulebase{rb}, Strict: true}, func(b *Batch) error {
		for _, it := range b.Items {
			if it.Rec == nil {
				continue
			}
			recs = append(recs, it.Rec.Clone())
			l := "-"
			if it.Matched() {
				l = rb.Prog.Labels[it.Res[0].Label].ID
				if v := it.Res[0].Version; v != "" {
					l += " " + v
				}
			}
			labels = append(labels, l)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return recs, labels
}

func cmds(r *transcript.Record) string {
	var c []string
	for _, s := range r.Steps {
		c = append(c, s.Cmd)
	}
	return strings.Join(c, ",")
}

// TestZGrab2: ZGrab2's real SMTP output (testdata/formats, captured
// against loopback servers replaying recorded transcripts) is mapped
// onto the dialogue's steps, marked as ZGrab2's, and classified.
func TestZGrab2(t *testing.T) {
	recs, labels := readAll(t, "../testdata/formats/zgrab2-loopback.jsonl", rulebase.Default())
	if len(recs) != 4 {
		t.Fatalf("%d records", len(recs))
	}
	want := []struct {
		outcome transcript.Outcome
		cmds    string
		label   string
	}{
		{transcript.Greeted, ",EHLO,HELP,QUIT", "postfix"},
		{transcript.Refused, "", "-"},
		{transcript.Greeted, ",EHLO,HELP,QUIT", "exim 4.96"},
		{transcript.Greeted, ",EHLO,HELP,QUIT", ""},
	}
	for i, w := range want {
		r := &recs[i]
		if r.Outcome != w.outcome || cmds(r) != w.cmds || r.Dialogue != DialogueZGrab2 || r.Addr != "127.0.0.1" ||
			r.Time.IsZero() || (w.label != "" && labels[i] != w.label) {
			t.Errorf("record %d: %s %q %s %s, label %s; want %s %q %s", i+1, r.Outcome, cmds(r), r.Dialogue, r.Time, labels[i], w.outcome, w.cmds, w.label)
		}
	}
	// Lossy: the server sent 0xe9; ZGrab2 wrote U+FFFD.
	if g := string(recs[3].Steps[0].Reply); !strings.Contains(g, "caf\ufffd \x00 ESMTP") {
		t.Errorf("banner %q", g)
	}
}

// TestMissingStepsDoNotHold: a rule that needs a reply ZGrab2 never
// asks for (MAIL) holds for the smtpfp record of a server and not for
// ZGrab2's record of the same server.
func TestMissingStepsDoNotHold(t *testing.T) {
	rb, err := rulebase.Compile("t.fp", `rulebase "t" version "1"
view raw
label needsmail "needs MAIL"
label other "other"
mail ~ /^250 2\.1\.0 Ok/ -> needsmail
default -> other
`)
	if err != nil {
		t.Fatal(err)
	}
	_, own := readAll(t, "../testdata/transcripts/real/postfix-default.jsonl", rb)
	_, zg := readAll(t, "../testdata/formats/zgrab2-loopback.jsonl", rb)
	if own[0] != "needsmail" || zg[0] != "other" {
		t.Errorf("smtpfp's record: %s, ZGrab2's: %s", own[0], zg[0])
	}
}

// TestNmapXML: Nmap's real -oX output (-sV, banner and smtp-commands
// scripts) gives one partial record per TCP port.
func TestNmapXML(t *testing.T) {
	recs, labels := readAll(t, "../testdata/formats/nmap-loopback.xml", rulebase.Default())
	got := []string{}
	for i := range recs {
		r := &recs[i]
		got = append(got, strings.Join([]string{r.Addr, string(r.Outcome), cmds(r), labels[i], r.Dialogue}, " "))
		if r.Time.IsZero() || r.Port < 2525 {
			t.Errorf("record %d: time %s port %d", i+1, r.Time, r.Port)
		}
	}
	want := []string{
		"127.0.0.1 greeted ,EHLO postfix " + DialogueNmap,
		"127.0.0.1 refused  - " + DialogueNmap,
		"127.0.0.1 greeted ,EHLO,HELP exim 4.96 " + DialogueNmap,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if e := string(recs[0].Steps[1].Reply); !strings.HasPrefix(e, "250-mx.smtpfp.example\r\n250-PIPELINING\r\n") || !strings.HasSuffix(e, "250 CHUNKING\r\n") {
		t.Errorf("rebuilt EHLO reply %q", e)
	}
}
