package main

import (
	"bytes"
	"fmt"
	"io"

	"github.com/smtpfp/smtpfp/corpus"
	"github.com/smtpfp/smtpfp/rulebase"
	"github.com/smtpfp/smtpfp/transcript"
)

// demoRules is the rulebase of the demo: the sample is the 2001 survey's,
// so it is classified with the 2001 patterns, embedded in the binary.
const demoRules = seedRules

// runDemo is smtpfp with no arguments: it classifies the bundled sample
// archive (the 958 greeted hosts of the 2001 survey, re-created from its
// transcripts) with the embedded seed rulebase and prints the tally, which
// is the post's table.
func runDemo(stdout, stderr io.Writer) int {
	var archive bytes.Buffer
	w := transcript.NewWriter(&archive)
	recs := corpus.Sample2001()
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			errorf(stderr, "%v", err)
			return exitUsage
		}
	}
	rb, err := rulebase.Load(demoRules)
	if err != nil {
		errorf(stderr, "%v", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "Classifying the bundled sample: %d greeted hosts of the 2001 survey, re-created from\n", len(recs))
	fmt.Fprintf(stdout, "their transcripts, with the embedded rulebase %s %s (%s).\n", rb.Name(), rb.Version(), rb.Hash())
	fmt.Fprintf(stdout, "Here are the software tallies (smtpfp help lists the commands):\n\n")
	return runClassify([]string{"--rules", demoRules, "--tally"}, &archive, stdout, stderr)
}
