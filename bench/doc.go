// Package bench owns smtpfp's speed measurements: the Go benchmarks of
// the matcher (go test -bench) and, in bench/cmp, the end-to-end
// comparison that `make bench` prints: smtpfp classify against gawk
// running the seed's awk script and against Go regexps tried in rule
// order, on the same generated corpus, interleaved, reported as ratios.
package bench
