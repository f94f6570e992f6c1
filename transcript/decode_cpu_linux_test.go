package transcript_test

import (
	"runtime"
	"syscall"
	"testing"

	"github.com/smtpfp/smtpfp/transcript"
)

// threadCPU is the CPU time of the calling OS thread (RUSAGE_THREAD, 1 on
// Linux; the syscall package has no name for it).
func threadCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkDecodeCPU is BenchmarkDecodeFast also timed in the CPU time of
// its thread (cpu-ns/op): on a machine shared with other work the wall
// time counts theirs too, this mostly does not, so builds compared side by
// side on a loaded machine stay comparable.
func BenchmarkDecodeCPU(b *testing.B) {
	ls := lines(b)
	d := &transcript.Decoder{}
	var r transcript.Record
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ResetTimer()
	t0 := threadCPU()
	for i := 0; i < b.N; i++ {
		if i%1000 == 0 {
			d.Reset()
		}
		if err := d.Decode(ls[i%len(ls)], &r); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(threadCPU()-t0)/float64(b.N), "cpu-ns/op")
}
