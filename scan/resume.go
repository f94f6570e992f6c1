package scan

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/transcript"
)

// Resuming a killed survey.
//
// A survey's targets come in a fixed order from its Source, so resuming
// is: read the archive, note every target it has a record of, and walk
// the same Source again skipping those. No address is recorded twice and
// none is lost, whatever was in flight at the kill: a session whose record
// had not reached the file is scanned again, and a record cut in the
// middle of its line (the only damage a kill can do to an append-only
// file written a line per write) is truncated away and scanned again.
//
// What reaches the disk when (Archive): each record is one write of one
// whole line into a 256 KiB buffer; the buffer is written to the file
// when it fills and at least every FlushEvery (1s), so a killed process
// loses at most the last second of records, which resuming scans again.
// The file is fsynced every SyncEvery (30s) and on Close, so a machine
// that loses power loses at most the last 30 seconds.

// DoneSet is the set of targets an archive already has: 8 bytes per IPv4
// record, sorted for binary search.
type DoneSet struct {
	v4    []uint64 // addr<<16 | port
	other map[netip.AddrPort]struct{}
	// Bad are the malformed lines skipped, as classify and report skip
	// them: the targets they held, if any, are scanned again.
	Bad []*transcript.RecordError
}

// Has reports whether t is in the set; a nil set has nothing.
func (d *DoneSet) Has(t netip.AddrPort) bool {
	if d == nil {
		return false
	}
	if t.Addr().Is4() {
		_, ok := slices.BinarySearch(d.v4, uint64(v4uint(t.Addr()))<<16|uint64(t.Port()))
		return ok
	}
	_, ok := d.other[t]
	return ok
}

// Len is the number of targets in the set.
func (d *DoneSet) Len() int {
	if d == nil {
		return 0
	}
	return len(d.v4) + len(d.other)
}

func (d *DoneSet) add(rec *transcript.Record) error {
	a, err := netip.ParseAddr(rec.Addr)
	if err != nil {
		return err
	}
	port := uint16(25)
	if rec.Port != 0 {
		port = uint16(rec.Port)
	}
	a = a.Unmap()
	if a.Is4() {
		d.v4 = append(d.v4, uint64(v4uint(a))<<16|uint64(port))
		return nil
	}
	if d.other == nil {
		d.other = map[netip.AddrPort]struct{}{}
	}
	d.other[netip.AddrPortFrom(a, port)] = struct{}{}
	return nil
}

// ReadDone reads an archive into a DoneSet, through the pipeline (the
// one record reader: compressed by content, ZGrab2's lines too). A
// malformed line is skipped and kept in Bad; only a failed read is an
// error.
func ReadDone(in *pipeline.Input) (*DoneSet, error) {
	d := &DoneSet{}
	err := pipeline.Run(in, pipeline.Options{}, func(b *pipeline.Batch) error {
		for i := range b.Items {
			it := &b.Items[i]
			var re *transcript.RecordError
			switch {
			case errors.As(it.Err, &re):
				d.Bad = append(d.Bad, re)
			case it.Err != nil:
				d.Bad = append(d.Bad, &transcript.RecordError{File: in.Name, N: it.N, Err: it.Err})
			case it.Rec != nil:
				if err := d.add(it.Rec); err != nil {
					d.Bad = append(d.Bad, &transcript.RecordError{File: in.Name, N: it.N, Err: err})
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(d.v4)
	return d, nil
}

// CompressedError is OpenArchive's answer, with resume, for an archive
// whose content is gzip or zstd: such a stream cannot be appended to.
type CompressedError struct {
	Path        string
	Compression string // "gzip" or "zstd"
}

func (e *CompressedError) Error() string {
	return fmt.Sprintf("%s is compressed (%s, by its content)", e.Path, e.Compression)
}

// Archive is the survey's output file: append-only JSON lines, buffered,
// flushed and fsynced as the comment above says. It is a Sink.
type Archive struct {
	FlushEvery time.Duration
	SyncEvery  time.Duration
	Empty      bool // the file had no records when opened: a new survey writes its header first

	mu       sync.Mutex
	f        *os.File
	bw       *bufio.Writer
	w        *transcript.Writer
	lastSync time.Time
	err      error
	quit     chan struct{}
	wg       sync.WaitGroup
}

// OpenArchive opens path for appending, creating it if needed. With
// resume, it first truncates a torn last line and returns the set of
// targets the file already has.
func OpenArchive(path string, resume bool) (*Archive, *DoneSet, error) {
	var done *DoneSet
	if resume {
		var err error
		if done, err = readDone(path); err != nil {
			return nil, nil, err
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, nil, err
	}
	a := &Archive{FlushEvery: time.Second, SyncEvery: 30 * time.Second, f: f, lastSync: time.Now(), quit: make(chan struct{})}
	if st, err := f.Stat(); err == nil {
		a.Empty = st.Size() == 0
	}
	a.bw = bufio.NewWriterSize(f, 256<<10)
	a.w = transcript.NewWriter(a.bw)
	a.wg.Add(1)
	go a.flusher()
	return a, done, nil
}

// readDone is what the archive at path already has, after its torn last
// line is cut away; nothing when there is no file yet.
func readDone(path string) (*DoneSet, error) {
	// Told by content before anything is cut: truncating a compressed
	// file at its last newline byte would destroy it.
	in, err := pipeline.Open(path, nil)
	if errors.Is(err, os.ErrNotExist) {
		return &DoneSet{}, nil
	}
	if err != nil {
		return nil, err
	}
	compression, nmap := in.Compression, in.Nmap
	in.Close()
	if compression != "" {
		return nil, &CompressedError{path, compression}
	}
	if nmap {
		// Records appended to XML would make a file neither Nmap nor
		// smtpfp could read.
		return nil, fmt.Errorf("%s is Nmap XML (by its content), not an archive a survey can append to", path)
	}
	if err := truncateTorn(path); err != nil {
		return nil, err
	}
	if in, err = pipeline.Open(path, nil); err != nil {
		return nil, err
	}
	defer in.Close()
	return ReadDone(in)
}

// truncateTorn cuts the file after its last newline: a line without one
// is a record whose write was cut short.
func truncateTorn(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	size := st.Size()
	buf := make([]byte, 64<<10)
	end := size
	for end > 0 {
		n := int64(len(buf))
		if n > end {
			n = end
		}
		if _, err := f.ReadAt(buf[:n], end-n); err != nil {
			return err
		}
		if i := bytes.LastIndexByte(buf[:n], '\n'); i >= 0 {
			keep := end - n + int64(i) + 1
			if keep == size {
				return nil
			}
			return f.Truncate(keep)
		}
		end -= n
	}
	if size > 0 {
		return f.Truncate(0)
	}
	return nil
}

func (a *Archive) flusher() {
	defer a.wg.Done()
	every := a.FlushEvery
	if every <= 0 {
		every = time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-a.quit:
			return
		case <-t.C:
			a.mu.Lock()
			if a.err == nil {
				a.err = a.bw.Flush()
			}
			if a.err == nil && a.SyncEvery > 0 && time.Since(a.lastSync) >= a.SyncEvery {
				a.err = a.f.Sync()
				a.lastSync = time.Now()
			}
			a.mu.Unlock()
		}
	}
}

// Write appends one record.
func (a *Archive) Write(rec *transcript.Record) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.err != nil {
		return a.err
	}
	a.err = a.w.Write(rec)
	return a.err
}

// Close flushes, fsyncs and closes the file.
func (a *Archive) Close() error {
	close(a.quit)
	a.wg.Wait()
	a.mu.Lock()
	defer a.mu.Unlock()
	err := a.err
	if err == nil {
		err = a.bw.Flush()
	}
	if err == nil {
		err = a.f.Sync()
	}
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("archive: %v", err)
	}
	return nil
}

// WriteHeader writes the survey header line (transcript.Header). Call it
// before any record, and only on an Empty archive.
func (a *Archive) WriteHeader(h *transcript.Header) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.w.WriteHeader(h)
}
