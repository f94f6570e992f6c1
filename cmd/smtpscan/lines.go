package main

import (
	"bufio"
	"io"
)

// lineWriter buffers lines and keeps the first error.
type lineWriter struct {
	bw  *bufio.Writer
	err error
}

func newLineWriter(w io.Writer) *lineWriter { return &lineWriter{bw: bufio.NewWriterSize(w, 64<<10)} }

func (w *lineWriter) line(s string) {
	if w.err == nil {
		_, w.err = w.bw.WriteString(s + "\n")
	}
}

func (w *lineWriter) flush() error {
	if w.err == nil {
		w.err = w.bw.Flush()
	}
	return w.err
}
