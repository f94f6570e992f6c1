package pipeline

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// Input is one file of records.
type Input struct {
	Name string    // in messages: the path, or "<stdin>"
	R    io.Reader // the records, decompressed
	// Stream is set when R is a pipe or terminal, not a file: batches
	// then end with whatever one read returns, so a record's result
	// leaves as soon as it is classified when records arrive slowly.
	Stream bool
	// Compression is "gzip" or "zstd" when Open found R compressed (by
	// content), "" when it is as read: a file that is appended to
	// (smtpscan --resume) must be plain.
	Compression string
	// Nmap is set when Open found Nmap's XML, which R turns into
	// archive lines: such a file is no archive to append to either.
	Nmap  bool
	close []func() error
}

// Close releases the file and the decompressor.
func (in *Input) Close() error {
	var first error
	for i := len(in.close) - 1; i >= 0; i-- {
		if err := in.close[i](); err != nil && first == nil {
			first = err
		}
	}
	in.close = nil
	return first
}

// Open opens path ("-" is stdin) for reading records, decompressing it
// when its first bytes are gzip's or zstd's magic number, whatever its
// name (OpenData): a compressed archive on stdin reads as well as a file.
// Nmap's XML (a first byte '<') is turned into archive records
// (DialogueNmap); ZGrab2's JSON lines are recognised line by line
// (DialogueZGrab2).
func Open(path string, stdin io.Reader) (*Input, error) {
	in, err := OpenData(path, stdin)
	if err != nil {
		return nil, err
	}
	// Nmap's XML becomes archive lines. One byte decides, so a slow
	// stream of records is not held up waiting for more.
	pb := bufio.NewReaderSize(in.R, 1<<16)
	if first, err := pb.Peek(1); err == nil && (first[0] == '<' || first[0] == 0xef) {
		in.R, in.Nmap = nmapRecords(in.Name, pb), true
		return in, nil
	}
	in.R = pb
	return in, nil
}

// OpenData opens any input ("-" is stdin: records, target lists,
// rulebases, zone files) decompressed by content: gzip or zstd when its
// first bytes are their magic number, as is otherwise. Every input of
// both commands is opened here or by Open, so a compressed file reads
// wherever a plain one does.
func OpenData(path string, stdin io.Reader) (*Input, error) {
	in := &Input{Name: path}
	var r io.Reader
	if path == "-" {
		in.Name = "<stdin>"
		r = stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		in.close = append(in.close, f.Close)
		r = f
	}
	if f, ok := r.(*os.File); ok {
		if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
			in.Stream = true
		}
	}
	br := bufio.NewReaderSize(r, 1<<16)
	head, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(head, gzipMagic):
		zr, err := gzip.NewReader(br)
		if err != nil {
			in.Close()
			return nil, fmt.Errorf("%s: %v", in.Name, err)
		}
		in.close = append(in.close, zr.Close)
		in.R, in.Stream, in.Compression = zr, false, "gzip"
	case bytes.HasPrefix(head, zstdMagic):
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1))
		if err != nil {
			in.Close()
			return nil, fmt.Errorf("%s: %v", in.Name, err)
		}
		in.close = append(in.close, func() error { zr.Close(); return nil })
		in.R, in.Stream, in.Compression = zr, false, "zstd"
	default:
		in.R = br
	}
	return in, nil
}

// Read reads the input's (decompressed) bytes.
func (in *Input) Read(b []byte) (int, error) { return in.R.Read(b) }

var (
	gzipMagic = []byte{0x1f, 0x8b}
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
)

// Create opens path for writing, compressed by its name: gzip for
// *.gz, zstd for *.zst, as is otherwise. "-" is stdout (never
// compressed). Every command that writes a file creates it here
// (archives, classify -o, compile -o, smtpscan targets -o), so one name
// means one thing everywhere. Close flushes the compressor, then closes
// the file; an error from either is the caller's to report, as is one
// from Write (a compressor writes to the file only when its buffer fills).
func Create(path string, stdout io.Writer) (io.WriteCloser, error) {
	if path == "-" {
		return nopCloser{stdout}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	switch {
	case strings.HasSuffix(path, ".gz"):
		return &stacked{gzip.NewWriter(f), f}, nil
	case strings.HasSuffix(path, ".zst"):
		zw, err := zstd.NewWriter(f)
		if err != nil {
			f.Close()
			return nil, err
		}
		return &stacked{zw, f}, nil
	}
	return f, nil
}

// Compressed reports whether Create compresses a file of this name.
func Compressed(path string) bool {
	return strings.HasSuffix(path, ".gz") || strings.HasSuffix(path, ".zst")
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// stacked is a compressor over a file: closing it closes both, in order.
type stacked struct {
	w io.WriteCloser
	f *os.File
}

func (s *stacked) Write(b []byte) (int, error) { return s.w.Write(b) }

func (s *stacked) Close() error {
	err := s.w.Close()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return err
}
