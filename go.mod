module github.com/smtpfp/smtpfp

go 1.26.8

// The four named in the design card, and two more:
//   - participle: the grammar of the rule language (lang);
//   - miekg/dns: PTR lookups, zone files and the in-process test DNS server (scan);
//   - pflag: command-line flags (cmd/...);
//   - goldie: golden-file tests;
//   - x/term: whether stderr is a terminal, so smtpscan shows progress only
//     there (the Go team's module; the standard library has no isatty);
//   - x/sys (already needed by x/term): a pseudo-terminal in the commands'
//     tests (cmd/internal/clitest), which the standard library cannot open.
//   - go.yaml.in/yaml: tests only, to check the Kubernetes manifest in
//     deploy/ (the YAML organisation's maintained yaml.v3; the standard
//     library reads no YAML).
require (
	github.com/alecthomas/participle/v2 v2.1.4
	github.com/miekg/dns v1.1.73
	github.com/sebdah/goldie/v2 v2.8.0
	github.com/spf13/pflag v1.1.0
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/sys v0.49.0
	golang.org/x/term v0.47.0
)

// klauspost/compress: gzip and zstd for archives, read by content and
// written by name (pipeline); the standard library has no zstd.
//
// No JSON library: archive records are decoded by transcript.Decoder, a
// decoder for this one schema that hands every corner case to
// encoding/json (FuzzDecode proves the two agree). `make bench` compares
// the candidates (bench/decoders, a module of its own, so that they stay
// out of this file): it is 7-15x encoding/json; goccy/go-json and
// bytedance/sonic are exact but at most 1.5x (Step's own UnmarshalJSON, which
// reply_b64 needs, sends them back through reflection for every step);
// go-json-experiment/json (v2) is 1.5x and rejects duplicate keys and
// invalid UTF-8 that encoding/json accepts; minio/simdjson-go parses
// fast, but binding its tape to the Record costs, 3.4-3.7x, and it differs
// on 17 of the 84 corner cases.
require github.com/klauspost/compress v1.20.4

require (
	github.com/pmezard/go-difflib v1.0.0 // indirect
	github.com/sergi/go-diff v1.0.0 // indirect
	golang.org/x/net v0.57.0 // indirect
)
