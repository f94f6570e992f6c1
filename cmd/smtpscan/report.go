package main

import (
	"io"

	"github.com/smtpfp/smtpfp/pipeline"
	"github.com/smtpfp/smtpfp/report"
	"github.com/smtpfp/smtpfp/rulebase"
)

// printReport writes the seed-style report of the archive at path, as
// `smtpfp report FILE` prints it.
func printReport(path string, rb *rulebase.Rulebase, w io.Writer) error {
	in, err := pipeline.Open(path, nil)
	if err != nil {
		return err
	}
	defer in.Close()
	sum, err := report.ReadArchive(path, in.R, report.Options{Rulebase: rb})
	if err != nil {
		return err
	}
	var cfg report.Config
	for _, a := range rb.Advisories() {
		cfg.Advisories = append(cfg.Advisories, report.Advisory(a))
	}
	return report.New(sum, cfg).WriteText(w)
}
