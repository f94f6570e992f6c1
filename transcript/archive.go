package transcript

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// RecordError is a malformed archive line. N counts lines from 1, so it
// is the record number a user sees with `sed -n Np`.
type RecordError struct {
	File string
	N    int
	Err  error
}

func (e *RecordError) Error() string {
	return fmt.Sprintf("%s: record %d: %v", e.File, e.N, e.Err)
}

func (e *RecordError) Unwrap() error { return e.Err }

// MaxLine caps one archive line. Scanner replies are capped well below it;
// a reader (package pipeline) reports a longer line as malformed rather
// than read it into memory whole.
const MaxLine = 64 << 20

// Writer writes records as JSON lines.
type Writer struct {
	w   io.Writer
	buf bytes.Buffer
	enc *json.Encoder
}

// NewWriter writes an archive to w. Each Write is one w.Write call of one
// whole line, so a line is never interleaved or half-written by Writer.
func NewWriter(w io.Writer) *Writer {
	wr := &Writer{w: w}
	wr.enc = json.NewEncoder(&wr.buf)
	wr.enc.SetEscapeHTML(false)
	return wr
}

// Write appends one record.
func (w *Writer) Write(rec *Record) error {
	w.buf.Reset()
	if err := w.enc.Encode(rec); err != nil {
		return err
	}
	_, err := w.w.Write(w.buf.Bytes())
	return err
}

// WriteHeader writes the survey header line (Header). Call it before any
// record.
func (w *Writer) WriteHeader(h *Header) error {
	b, err := json.Marshal(struct {
		Survey *Header `json:"survey"`
	}{h})
	if err != nil {
		return err
	}
	_, err = w.w.Write(append(b, '\n'))
	return err
}

// IsHeader reports whether an archive line is the survey header (a JSON
// object whose only key is "survey"; see report.Header) rather than a
// record. Readers of records skip it.
func IsHeader(line []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(line, " \t"), []byte(`{"survey"`))
}
