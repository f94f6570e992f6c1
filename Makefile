# smtpfp. `make check` is what CI runs (.ci/run): it installs what the
# tests need on a Debian machine, then runs every test.

GO ?= go
BIN := bin
# staticcheck, pinned: go run fetches and builds it through the module
# proxy, so nothing is installed by hand.
STATICCHECK := $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: all build test race check deps vet staticcheck fmt golden bench demo e2e fuzz lint-rules clean

all: build

build:
	$(GO) build -o $(BIN)/ ./cmd/...

# demo: the two no-argument jobs: classify the bundled 2001 sample, and a
# simulated 1,000,000-address survey (no network is touched).
demo: build
	$(BIN)/smtpfp
	$(BIN)/smtpscan --simulate djb2001 -n 1000000

# deps installs what the tests need on a Debian machine with only Go:
# gawk (the reference awk of the differential tests), chromium (the HTML
# report is checked in a real browser), nftables (the scanner's ICMP
# outcome tests in a network namespace) and Node.js 20 with npm (e2e's
# Haraka; from the npm registry when Debian's is too old), waiting for
# the dpkg lock when another installer holds it. See .ci/deps.
deps:
	bash .ci/deps

# gofiles lists the Go files gofmt checks: those git tracks. Outside a git
# checkout it fails rather than check nothing.
GOFILES = git ls-files '*.go' 2>/dev/null | grep . || { echo "make: cannot list the Go files: not a git checkout (gofmt checks what git tracks)" >&2; exit 1; }

vet:
	$(GO) vet ./...
	@files=$$($(GOFILES)) || exit 1; \
	bad=$$(gofmt -l $$files) || exit 1; \
	test -z "$$bad" || { echo "$$bad"; echo "gofmt needed: make fmt" >&2; exit 1; }

# staticcheck: the analyzers beyond go vet (unused code, dead stores such
# as a shadowed err, deprecated calls), clean on the whole tree.
staticcheck:
	$(STATICCHECK) ./...

test:
	$(GO) test -timeout 20m ./...

# race runs the tests of what runs on several goroutines at once under the
# race detector: machines sharing one DFA cache (resets included) and the
# pipeline's -j workers, and the width check counting states on GOMAXPROCS
# goroutines (compiling djb2001.fp).
race:
	$(GO) test -race -run 'TestSharedCache|TestLintDJB2001$$' ./compiler
	$(GO) test -race ./pipeline
	$(GO) test -race ./vm

# check is the one command that installs and runs everything CI runs.
check: deps vet staticcheck test race lint-rules fuzz e2e

# lint-rules: the shipped rulebases compile, are formatted, lint clean
# (dead and shadowed rules, slow patterns...) and pass their golden cases.
lint-rules:
	$(GO) run ./cmd/smtpfp check rules/*.fp
	$(GO) run ./cmd/smtpfp fmt -l rules/*.fp
	$(GO) run ./cmd/smtpfp lint --fail-on-warnings rules/*.fp
	$(GO) run ./cmd/smtpfp test rules/djb2001.fp
	$(GO) run ./cmd/smtpfp test rules/djb1996.fp
	$(GO) run ./cmd/smtpfp test rules/smtp.fp

# fuzz runs each fuzz target briefly from its checked-in seed corpus. A new
# input is minimized for 2 s at most (the default, a minute, spent most of
# the 10 s minimizing one input, not fuzzing).
fuzz:
	$(GO) test ./lang -run '^$$' -fuzz '^FuzzParse$$' -fuzztime 10s -fuzzminimizetime 2s
	$(GO) test ./compiler -run '^$$' -fuzz '^FuzzMatch$$' -fuzztime 10s -fuzzminimizetime 2s
	$(GO) test ./compiler -run '^$$' -fuzz '^FuzzNesting$$' -fuzztime 10s -fuzzminimizetime 2s
	$(GO) test ./transcript -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime 10s -fuzzminimizetime 2s

# e2e installs the real MTAs (Debian, npm, go-smtp) into private roots,
# starts them on loopback in a network namespace with no other interface,
# surveys them with smtpscan and checks every label and version; it stops
# all it started. Needs root (namespaces), as CI has.
e2e:
	e2e/survey.sh

fmt:
	@files=$$($(GOFILES)) || exit 1; gofmt -w $$files
	$(GO) run ./cmd/smtpfp fmt -w rules/*.fp

# golden rewrites every golden file; read `git diff testdata` after.
golden:
	GOLDIE_UPDATE=1 $(GO) test ./...

# bench prints the end-to-end comparison with gawk and the regexp loop
# (single-threaded), the archive path against the seed view on the same
# transcripts, the -j scaling, the JSON decoders side by side
# (bench/decoders, a module of its own so that the candidates stay out of
# go.mod), the matcher's and lint's Go benchmarks, then the scanner's
# (which need both cores: client and fake servers share them), side by
# side with ZGrab2's SMTP module (built from bench/zgrab2, a module of its
# own too), and smtpscan's peak memory with 1,000 tarpits.
bench: deps
	$(GO) run ./bench/cmp
	$(GO) run ./bench/cmp -jobs -n 400000 -rounds 4
	cd bench/decoders && $(GO) run .
	GOMAXPROCS=1 $(GO) test -run '^$$' -bench . ./bench/
	$(GO) test -run '^$$' -bench Load ./rulebase/
	cd bench/zgrab2 && $(GO) build -o $(CURDIR)/$(BIN)/zgrab2 github.com/zmap/zgrab2/cmd/zgrab2
	ZGRAB2=$(CURDIR)/$(BIN)/zgrab2 $(GO) test -run '^$$' -bench . -benchtime 20000x ./scan/
	$(GO) test -run '^$$' -bench Tarpits -benchtime 3x ./cmd/smtpscan/

clean:
	rm -rf $(BIN)
