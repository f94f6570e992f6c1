// Package report owns what a survey says once it is over: reading
// archives (JSON lines, one transcript.Record per address, optionally led
// by a survey header) into a Summary of counts, merging the summaries of a
// survey's shards, and deriving from a Summary the report the seeds
// publish: the outcome tally in the seeds' words, the software tally
// (count and display name, most frequent first, as `sort -rn` printed it),
// the OS split, population estimates with 95% confidence intervals,
// comparisons with earlier surveys, advisory exposure and relay share. It
// renders the report as text (the seeds' wording), JSON (which reads back
// as a previous survey), CSV and one self-contained HTML page with SVG
// charts.
//
// It does not scan, and it does not decode or classify records itself:
// archives are read through the pipeline package, and a Summary counts
// the Class each record carries; a caller that wants records classified
// anew passes a rulebase, which the pipeline applies. Version
// ranges of advisories are compared here (CompareVersions), because only
// the report needs them.
//
// A Summary holds counts only, never records, so a report over millions
// of addresses streams them and merging shards is addition.
package report
