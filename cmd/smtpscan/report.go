package main

import (
	"io"
	"os"

	"github.com/smtpfp/smtpfp/report"
	"github.com/smtpfp/smtpfp/rulebase"
)

// printReport writes the seed-style report of the archive at path, as
// `smtpfp report FILE` prints it.
func printReport(path string, rb *rulebase.Rulebase, w io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sum, err := report.ReadArchive(path, f, report.Options{Unclassified: rb})
	if err != nil {
		return err
	}
	var cfg report.Config
	for _, a := range rb.Advisories() {
		cfg.Advisories = append(cfg.Advisories, report.Advisory(a))
	}
	return report.New(sum, cfg).WriteText(w)
}
