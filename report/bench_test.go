package report

import (
	"bytes"
	"testing"
)

// BenchmarkReadArchive2001 reads the 2001 seed's archive: 1000000
// records, 958 of them greeted with full transcripts.
func BenchmarkReadArchive2001(b *testing.B) {
	var buf bytes.Buffer
	if err := archive2001(b).write(&buf); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ReadArchive("seed.jsonl", bytes.NewReader(buf.Bytes()), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteArchive2001 generates it.
func BenchmarkWriteArchive2001(b *testing.B) {
	a := archive2001(b)
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := a.write(&buf); err != nil {
			b.Fatal(err)
		}
	}
}
