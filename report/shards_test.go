package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/smtpfp/smtpfp/transcript"
)

// TestMissingAndDoubledShards: a report of a sharded survey names the
// shards it lacks; a shard given twice is refused, named.
func TestMissingAndDoubledShards(t *testing.T) {
	shard := func(i int) *Summary {
		h := fmt.Sprintf(`{"survey":{"format":1,"id":"s","population":"ipv4","sample_size":30,"shard":%d,"shards":3}}`, i)
		return read(t, fmt.Sprintf("s%d.jsonl", i), archive(h, rec(fmt.Sprintf("192.0.2.%d", i), transcript.TimedOut, nil)), Options{})
	}
	m, err := Merge(shard(1), shard(3))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(m.MissingShards()) != "[2]" {
		t.Errorf("missing %v", m.MissingShards())
	}
	var b strings.Builder
	if err := New(m, Config{}).WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(strings.Fields(b.String()), " "), "Shard 2 of the survey's 3 shards is missing: this report covers the other 2.") {
		t.Errorf("report does not name the missing shard:\n%s", b.String())
	}
	all, _ := Merge(shard(1), shard(2), shard(3))
	if len(all.MissingShards()) != 0 {
		t.Errorf("missing %v of a whole survey", all.MissingShards())
	}
	if _, err := Merge(shard(1), shard(2), shard(2)); err == nil || err.Error() != "shard 2 given twice: in s2.jsonl and in s2.jsonl" {
		t.Errorf("doubled shard: %v", err)
	}
}

// TestStreamedShards: the shards of a list surveyed from a pipe each know
// only their own records; merged, the list is all of them.
func TestStreamedShards(t *testing.T) {
	shard := func(i, n int) *Summary {
		h := fmt.Sprintf(`{"survey":{"format":1,"id":"list-stdin","population":"list","population_size":0,"list":"stdin","streamed":true,"shard":%d,"shards":2}}`, i)
		var recs []*transcript.Record
		for k := range n {
			recs = append(recs, rec(fmt.Sprintf("192.0.2.%d", 10*i+k), transcript.Greeted, class("sendmail", "UNIX Sendmail", "h")))
		}
		return read(t, fmt.Sprintf("s%d.jsonl", i), archive(h, recs...), Options{})
	}
	a, b := shard(1, 3), shard(2, 4)
	if a.Population.Size != 3 || b.Population.Size != 4 {
		t.Fatalf("shard populations %d, %d", a.Population.Size, b.Population.Size)
	}
	m, err := Merge(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if m.Population.Size != 7 || m.Sample != 7 || !m.Population.Streamed {
		t.Errorf("merged population %+v, sample %d", m.Population, m.Sample)
	}
}
