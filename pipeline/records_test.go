package pipeline

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/transcript"
)

const badRecords = `{"survey":{"format":1,"population":"ipv4"}}
{"addr":"192.0.2.1","time":"2001-10-01T00:00:00Z","outcome":"timeout"}
{"addr":"192.0.2.2","outcome":

{"time":"2001-10-01T00:00:00Z","outcome":"timeout"}
{"addr":"192.0.2.3","outcome":"lost"}
{"addr":"192.0.2.4","outcome":"greeted","steps":[{"cmd":"","reply":"a","reply_b64":"YQ=="}]}
{"addr":"192.0.2.5","outcome":"greeted","steps":[{"cmd":"","reply_b64":"!!"}]}
{"addr":"192.0.2.6","outcome":"refused"}`

// TestBadRecordMessages: a malformed line names its record number (its
// line number, blank lines counted) and why, and the run goes on with
// the next line.
func TestBadRecordMessages(t *testing.T) {
	var got []string
	err := Run(&Input{Name: "a.jsonl", R: strings.NewReader(badRecords)}, Options{}, func(b *Batch) error {
		for _, it := range b.Items {
			var re *transcript.RecordError
			switch {
			case errors.As(it.Err, &re):
				got = append(got, re.Error())
			case it.Err != nil:
				t.Fatalf("record %d: %T %v, want a *transcript.RecordError", it.N, it.Err, it.Err)
			case it.Rec != nil:
				got = append(got, fmt.Sprintf("%d ok %s", it.N, it.Rec.Addr))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"2 ok 192.0.2.1",
		"a.jsonl: record 3: invalid JSON at byte 30: unexpected end of JSON input",
		`a.jsonl: record 5: missing "addr"`,
		`a.jsonl: record 6: unknown outcome "lost"`,
		`a.jsonl: record 7: step has both "reply" and "reply_b64"`,
		"a.jsonl: record 8: reply_b64: illegal base64 data at input byte 0",
		"9 ok 192.0.2.6",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestEach: Each hands on every record, header skipped, with its line
// number, and stops at the first malformed one with its error, after
// the records before it.
func TestEach(t *testing.T) {
	var got []string
	err := Each(&Input{Name: "a.jsonl", R: strings.NewReader(badRecords)}, func(n int, rec *transcript.Record) error {
		got = append(got, fmt.Sprintf("%d %s", n, rec.Addr))
		return nil
	})
	var re *transcript.RecordError
	if !errors.As(err, &re) || re.N != 3 || strings.Join(got, ",") != "2 192.0.2.1" {
		t.Errorf("got %q, err %v; want record 2, then record 3's error", got, err)
	}
	stop := errors.New("stop")
	n := 0
	err = Each(&Input{Name: "a.jsonl", R: strings.NewReader(badRecords)}, func(int, *transcript.Record) error {
		n++
		return stop
	})
	if err != stop || n != 1 {
		t.Errorf("fn's error: got %v after %d records, want stop after 1", err, n)
	}
}
