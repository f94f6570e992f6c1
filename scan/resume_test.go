package scan

import (
	"bytes"
	"compress/gzip"
	"errors"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/pipeline"
)

const resumeArchive = `{"survey":{"format":1,"population":"list","population_size":3}}
{"addr":"192.0.2.1","time":"2001-10-01T00:00:00Z","outcome":"timeout"}
{"addr":"192.0.2.2","outcome":
{"addr":"192.0.2.3","port":587,"time":"2001-10-01T00:00:00Z","outcome":"refused"}
`

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestReadDoneGzip: the done set is read through the pipeline, so a
// gzip archive is read by its content, and a malformed middle line is
// skipped and named by its line number as in a plain one.
func TestReadDoneGzip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.jsonl.gz")
	os.WriteFile(path, gzipped(t, resumeArchive), 0o644)
	in, err := pipeline.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	done, err := ReadDone(in)
	if err != nil {
		t.Fatal(err)
	}
	if done.Len() != 2 || !done.Has(netip.MustParseAddrPort("192.0.2.1:25")) || !done.Has(netip.MustParseAddrPort("192.0.2.3:587")) || done.Has(netip.MustParseAddrPort("192.0.2.3:25")) {
		t.Errorf("done has %d targets, want 192.0.2.1:25 and 192.0.2.3:587", done.Len())
	}
	if len(done.Bad) != 1 || !strings.HasPrefix(done.Bad[0].Error(), path+": record 3: invalid JSON") {
		t.Errorf("bad %v, want record 3", done.Bad)
	}
}

// TestResumeRefusesCompressedContent: an archive whose content is gzip,
// whatever its name, is refused for resuming (records appended to it
// would be unreadable) and left as it was: cutting it at its last
// newline byte, as a torn plain line is cut, would destroy it.
func TestResumeRefusesCompressedContent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.jsonl")
	z := gzipped(t, resumeArchive)
	os.WriteFile(path, z, 0o644)
	_, _, err := OpenArchive(path, true)
	var ce *CompressedError
	if !errors.As(err, &ce) || err.Error() != path+" is compressed (gzip, by its content)" {
		t.Fatalf("err %v, want a CompressedError", err)
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, z) {
		t.Errorf("the file changed: %d bytes, was %d", len(b), len(z))
	}
}

// TestResumeRefusesNmapXML: Nmap's XML reads as records, but appending
// archive lines to it would leave a file nothing reads: it is refused
// and left as it was.
func TestResumeRefusesNmapXML(t *testing.T) {
	xml, err := os.ReadFile("../testdata/formats/nmap-loopback.xml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "a.jsonl")
	os.WriteFile(path, xml, 0o644)
	_, _, err = OpenArchive(path, true)
	if err == nil || err.Error() != path+" is Nmap XML (by its content), not an archive a survey can append to" {
		t.Fatalf("err %v", err)
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, xml) {
		t.Errorf("the file changed: %d bytes, was %d", len(b), len(xml))
	}
}
