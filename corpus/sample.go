package corpus

import (
	"fmt"
	"time"

	"github.com/smtpfp/smtpfp/transcript"
)

// Sample2001 re-creates the greeted hosts of the 2001 survey: for every
// row of Tally2001, Count records taken in turn from the row's cases, each
// with its own address (from 198.18.0.0/15, the benchmarking range, which
// no survey contacts). Classified with rules/djb2001.fp they give the
// post's tally exactly; smtpfp's no-argument demo prints it.
func Sample2001() []transcript.Record {
	var out []transcript.Record
	when := time.Date(2001, 9, 27, 0, 0, 0, 0, time.UTC)
	n := 0
	for _, row := range Tally2001 {
		cases := ForName(row.Name)
		for i := 0; i < row.Count; i++ {
			rec := cases[i%len(cases)].Record.Clone()
			rec.Addr = fmt.Sprintf("198.18.%d.%d", n/250, 1+n%250)
			rec.Time = when.Add(time.Duration(n) * 9 * time.Minute)
			rec.Class = nil
			out = append(out, rec)
			n++
		}
	}
	return out
}
