package transcript_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/smtpfp/smtpfp/corpus"
	"github.com/smtpfp/smtpfp/transcript"
)

func lines(b *testing.B) [][]byte {
	recs := corpus.Generate(1, 5000)
	var buf bytes.Buffer
	w := transcript.NewWriter(&buf)
	for i := range recs {
		w.Write(&recs[i])
	}
	return bytes.Split(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), []byte("\n"))
}

func BenchmarkDecodeFast(b *testing.B) {
	ls := lines(b)
	d := &transcript.Decoder{}
	var r transcript.Record
	b.SetBytes(int64(len(bytes.Join(ls, nil)) / len(ls)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%1000 == 0 {
			d.Reset()
		}
		if err := d.Decode(ls[i%len(ls)], &r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeStd(b *testing.B) {
	ls := lines(b)
	var r transcript.Record
	b.SetBytes(int64(len(bytes.Join(ls, nil)) / len(ls)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r = transcript.Record{}
		if err := json.Unmarshal(ls[i%len(ls)], &r); err != nil {
			b.Fatal(err)
		}
	}
}
