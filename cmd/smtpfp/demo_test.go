package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/corpus"
)

// TestDemo: smtpfp with no arguments prints the 2001 post's tally, row for
// row, in its order.
func TestDemo(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(nil, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var want strings.Builder
	for _, r := range corpus.Tally2001 {
		fmt.Fprintf(&want, "%8d %s\n", r.Count, r.Name)
	}
	if !strings.HasSuffix(out.String(), "\n\n"+want.String()) {
		t.Errorf("demo output does not end with the seed's tally:\n%s", out.String())
	}
}
