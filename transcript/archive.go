package transcript

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
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
// a longer line is reported as malformed, not read into memory whole.
const MaxLine = 64 << 20

// Reader reads a JSON-lines archive one record at a time.
type Reader struct {
	name string
	br   *bufio.Reader
	n    int
	line []byte
	dec  Decoder
}

// NewReader reads an archive; name is used in errors.
func NewReader(name string, r io.Reader) *Reader {
	return &Reader{name: name, br: bufio.NewReaderSize(r, 1<<16)}
}

// Line returns the number of the last line read.
func (r *Reader) Line() int { return r.n }

// ReadLine returns the next non-blank line, without its newline, and its
// number. The slice is valid until the next call. It returns io.EOF at the
// end.
func (r *Reader) ReadLine() ([]byte, int, error) {
	for {
		r.line = r.line[:0]
		tooLong := false
		for {
			chunk, err := r.br.ReadSlice('\n')
			if len(r.line)+len(chunk) > MaxLine {
				tooLong = true
			} else {
				r.line = append(r.line, chunk...)
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			if err != nil && err != io.EOF {
				return nil, r.n, err
			}
			if err == io.EOF && len(r.line) == 0 && !tooLong {
				return nil, r.n, io.EOF
			}
			break
		}
		r.n++
		if tooLong {
			return nil, r.n, &RecordError{r.name, r.n, fmt.Errorf("line longer than %d bytes", MaxLine)}
		}
		line := bytes.TrimSuffix(r.line, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		return line, r.n, nil
	}
}

// Read decodes the next record. A malformed line gives a *RecordError and
// the reader stays usable: the next call reads the next line.
func (r *Reader) Read(rec *Record) error {
	line, n, err := r.ReadLine()
	if err != nil {
		return err
	}
	if IsHeader(line) {
		return r.Read(rec)
	}
	// The records a Reader returns stay valid: their replies live in
	// arenas that are let go, never reused.
	if len(r.dec.arena) > 1<<20 || len(r.dec.steps) > 1<<14 {
		r.dec.arena, r.dec.steps = nil, nil
	}
	if err := r.dec.Decode(line, rec); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			err = fmt.Errorf("invalid JSON at byte %d: %v", se.Offset, se)
		}
		return &RecordError{r.name, n, err}
	}
	if err := rec.Validate(); err != nil {
		return &RecordError{r.name, n, err}
	}
	return nil
}

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
