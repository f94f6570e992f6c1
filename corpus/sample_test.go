package corpus

import "testing"

func TestSample2001(t *testing.T) {
	recs := Sample2001()
	if len(recs) != 958 {
		t.Fatalf("got %d records, want 958", len(recs))
	}
	seen := map[string]bool{}
	for _, r := range recs {
		if seen[r.Addr] {
			t.Fatalf("address %s twice", r.Addr)
		}
		seen[r.Addr] = true
	}
}
