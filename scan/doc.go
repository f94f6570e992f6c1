// Package scan is the survey scanner: it owns choosing targets (a seeded
// full-cycle permutation of the IPv4 space with shards, samples of
// address lists, explicit lists, targets from DNS zone files), the
// addresses never contacted (IANA special-purpose ranges and
// blocklists), PTR lookups, connecting and mapping the system's errors to
// the seeds' outcomes, the SMTP dialogue with its deadlines and size
// caps, rate limits, resuming a killed survey, progress and the summary,
// and a simulated Internet (World) for tests and demos.
//
// It leaves the archive format to package transcript (a survey's result is
// a transcript.Record), and classification to whatever implements
// Classifier (package rulebase). Flags, files and exit codes belong to
// cmd/smtpscan.
//
// Files, one concept each: perm.go (the permutation), targets.go
// (sources), exclude.go, zone.go, dns.go, outcome.go (error mapping),
// dialogue.go, scanner.go (the pipeline), ratelimit.go, resume.go
// (the archive file and the done set), world.go (the simulation),
// progress.go, summary.go, tls.go (STARTTLS, implicit TLS and
// certificate verification; tlsfleet/ is a loopback TLS fleet for tests).
package scan
