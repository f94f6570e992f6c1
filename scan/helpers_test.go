package scan

import (
	"bytes"
	"testing"

	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/transcript"
)

// classifierFunc is a Classifier that calls f.
type classifierFunc func()

func (f classifierFunc) Classify(*transcript.Record) { f() }

// roundTrip writes rec as an archive line and reads it back through the
// pipeline, as every command reads an archive.
func roundTrip(t *testing.T, rec *transcript.Record) transcript.Record {
	t.Helper()
	var buf bytes.Buffer
	if err := transcript.NewWriter(&buf).Write(rec); err != nil {
		t.Fatal(err)
	}
	var back []transcript.Record
	if err := pipeline.Each(&pipeline.Input{Name: "mem", R: &buf}, func(_ int, r *transcript.Record) error {
		back = append(back, r.Clone())
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(back) != 1 {
		t.Fatalf("%d records read back, want 1", len(back))
	}
	return back[0]
}
