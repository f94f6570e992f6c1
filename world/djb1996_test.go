package world

import (
	"context"
	"testing"
	"time"
)

func TestBuildList1996Quick(t *testing.T) {
	t0 := time.Now()
	l, err := BuildList1996(context.Background(), 1996, ListSize1996)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s in %v", l.Summary(), time.Since(t0))
}
