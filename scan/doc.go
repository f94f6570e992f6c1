// Package scan is the survey scanner: it owns choosing targets (a seeded
// full-cycle permutation of the IPv4 space with shards, samples of
// address lists, explicit lists and streams in the formats of ZMap,
// masscan and Nmap, targets from DNS zone files), the addresses never
// contacted (IANA special-purpose ranges, with their NAT64, 6to4 and
// IPv4-mapped forms, and blocklists), PTR lookups, connecting and mapping
// the system's errors to the seeds' outcomes, the SMTP dialogue with its
// deadlines and size caps (every byte filed under the step it came in),
// the survey's memory budget, rate limits, the archive's lock, resuming a
// killed survey, progress and the summary. Simulated worlds are package
// world's.
//
// It leaves the archive format to package transcript (a survey's result is
// a transcript.Record), reading an archive back (--resume) to package
// pipeline, the one record reader, and classification to whatever
// implements Classifier (package pipeline). Flags, files and exit codes belong to
// cmd/smtpscan.
//
// Files, one concept each: perm.go (the permutation), targets.go
// (sources), targetfmt.go (target file formats), exclude.go, zone.go,
// dns.go, outcome.go (error mapping), dialogue.go, budget.go (memory),
// scanner.go (the pipeline), ratelimit.go, resume.go (the archive file
// and the done set), lock.go, progress.go, summary.go, tls.go (STARTTLS,
// implicit TLS and certificate verification; tlsfleet/ is a loopback TLS
// fleet for tests).
package scan
