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
	sum, err := report.ReadArchive(path, f, report.Options{Rulebase: rb})
	if err != nil {
		return err
	}
	return report.New(sum, report.Config{}).WriteText(w)
}
