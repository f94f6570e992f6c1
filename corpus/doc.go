// Package corpus owns the transcripts that realize the seeds and the
// generators built on them: one recorded dialogue for every rule of
// rules/djb2001.fp (embedded from djb2001/*.jsonl and returned by DJB2001),
// the 2001 survey's tally (Tally2001), the 1996 survey's outcome list and
// tally (Outcomes1996, Tally1996) with reconstructed dialogues for each of
// its rows (Cases1996: the 1996 post published none), and
// Generate/NewGenerator, which
// turn those cases into any number of fresh, mutated, spliced, truncated
// and unknown transcripts. Golden tests, the differential test against
// gawk, benchmarks and the simulated Internet take their inputs from here.
//
// It does not classify and it does not hold the rules: rules/ holds the
// rulebase, testdata/djb2001.awk the seed's script, and the compiler and vm
// decide labels. The published patterns are copied here only to aim the
// generator's near misses (see nearmiss.go); a test keeps the copy equal to
// the rulebase.
package corpus
