package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"
)

// TestReadArchive: the archive is read through the pipeline, so a gzip
// one reads as well as a plain one; records are kept past their batch,
// keyed by ADDRESS:PORT; a malformed record is an error naming its line.
func TestReadArchive(t *testing.T) {
	const good = `{"survey":{"format":1,"population":"list","population_size":2}}
{"addr":"127.0.0.1","port":2525,"time":"2026-01-01T00:00:00Z","outcome":"greeted","steps":[{"cmd":"","reply":"220 mox ready\r\n"}]}
{"addr":"127.0.0.2","port":25,"time":"2026-01-01T00:00:00Z","outcome":"refused"}
`
	dir := t.TempDir()
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write([]byte(good))
	zw.Close()
	path := filepath.Join(dir, "a.jsonl.gz")
	os.WriteFile(path, z.Bytes(), 0o644)
	recs, err := readArchive(path)
	if err != nil {
		t.Fatal(err)
	}
	rec, ok := recs["127.0.0.1:2525"]
	if len(recs) != 2 || !ok || len(rec.Steps) != 1 || string(rec.Steps[0].Reply) != "220 mox ready\r\n" {
		t.Errorf("records %+v", recs)
	}
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(good[:len(good)-40]+"\n"+`{"addr":"127.0.0.3","port":25,"time":"2026-01-01T00:00:00Z","outcome":"refused"}`+"\n"), 0o644)
	_, err = readArchive(bad)
	if want := bad + ": record 3: invalid JSON"; err == nil || !bytes.HasPrefix([]byte(err.Error()), []byte(want)) {
		t.Errorf("err %v, want %q...", err, want)
	}
}
