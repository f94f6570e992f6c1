package scan

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLockArchive: a second writer is refused at once, told who holds the
// archive; once the first lets go, the next may take it.
func TestLockArchive(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.jsonl")
	first, err := LockArchive(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = LockArchive(path)
	var le *LockedError
	if !errors.As(err, &le) || !strings.HasPrefix(le.Holder, fmt.Sprintf("pid %d on ", os.Getpid())) || !strings.Contains(le.Holder, " since 20") {
		t.Fatalf("second lock: %v", err)
	}
	if !strings.Contains(err.Error(), path+" is in use by pid ") {
		t.Errorf("message %q", err)
	}
	if err := first.Unlock(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".lock"); !os.IsNotExist(err) {
		t.Errorf("lock file left behind: %v", err)
	}
	again, err := LockArchive(path)
	if err != nil {
		t.Fatalf("after unlock: %v", err)
	}
	again.Unlock()
}

// TestResumeSkipsMalformedLine: a malformed line in the middle of an
// archive is skipped and named by its line number, as the readers do; the
// records around it count as done.
func TestResumeSkipsMalformedLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.jsonl")
	os.WriteFile(path, []byte(`{"survey":{"format":1,"population":"list","population_size":3}}
{"addr":"192.0.2.1","time":"2001-10-01T00:00:00Z","outcome":"timeout"}
{"addr":"192.0.2.2","outcome":
{"addr":"192.0.2.3","time":"2001-10-01T00:00:00Z","outcome":"refused"}
{"addr":"192.0.2.4","time":"2001-10-01T00:00:00Z","outc`), 0o644)
	a, done, err := OpenArchive(path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if done.Len() != 2 || len(done.Bad) != 1 || done.Bad[0].N != 3 || !strings.Contains(done.Bad[0].Error(), "a.jsonl: record 3: invalid JSON") {
		t.Errorf("done %d, bad %v", done.Len(), done.Bad)
	}
	b, _ := os.ReadFile(path)
	if strings.Contains(string(b), "192.0.2.4") {
		t.Error("the torn last line was not cut")
	}
}
