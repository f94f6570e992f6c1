package scan

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// The progress line ends with the final count: done/total, the rate and
// the outcomes, rewritten in place with a carriage return.
func TestProgress(t *testing.T) {
	w := DJB2001(3)
	var out lockedBuffer
	s := &Scanner{Dialer: w, Resolver: w, RequirePTR: true, Progress: &Progress{W: &out, Every: time.Hour}}
	if _, err := s.Run(context.Background(), &Random{N: 5000, Seed: 2}, &collect{}); err != nil {
		t.Fatal(err)
	}
	got := out.b.String()
	if !strings.HasPrefix(got, "\r5000/5000 (100.0%) ") || !strings.HasSuffix(got, "\n") ||
		!strings.Contains(got, " skipped:") || !strings.Contains(got, " timeout:") {
		t.Errorf("progress %q", got)
	}
}
