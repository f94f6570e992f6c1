# smtpfp. `make check` is what CI runs (.ci/run): it installs what the
# tests need on a Debian machine, then runs every test.

GO ?= go
BIN := bin
APT := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

.PHONY: all build test check deps vet fmt golden bench demo e2e fuzz lint-rules clean

all: build

build:
	$(GO) build -o $(BIN)/ ./cmd/...

# demo: the two no-argument jobs: classify the bundled 2001 sample, and a
# simulated 1,000,000-address survey (no network is touched).
demo: build
	$(BIN)/smtpfp
	$(BIN)/smtpscan --simulate djb2001 -n 1000000

# deps installs what the tests need: gawk (the reference awk of the
# differential tests), chromium (the HTML report is checked in a real
# browser) and nftables (the scanner's ICMP outcome tests in a network
# namespace; they skip without it).
deps:
	@missing=""; \
	command -v gawk >/dev/null || missing="$$missing gawk"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v nft >/dev/null || missing="$$missing nftables"; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && $(APT) $$missing; \
	fi

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1; }

test:
	$(GO) test -timeout 20m ./...

# check is the one command that installs and runs everything CI runs.
check: deps vet test lint-rules fuzz e2e

# lint-rules: the shipped rulebases compile, are formatted, lint clean
# (dead and shadowed rules, slow patterns...) and pass their golden cases.
lint-rules:
	$(GO) run ./cmd/smtpfp check rules/*.fp
	$(GO) run ./cmd/smtpfp fmt -l rules/*.fp
	$(GO) run ./cmd/smtpfp lint --fail-on-warnings rules/*.fp
	$(GO) run ./cmd/smtpfp test rules/djb2001.fp
	$(GO) run ./cmd/smtpfp test rules/smtp.fp

# fuzz runs each fuzz target briefly from its checked-in seed corpus.
fuzz:
	$(GO) test ./lang -run '^$$' -fuzz '^FuzzParse$$' -fuzztime 10s
	$(GO) test ./compiler -run '^$$' -fuzz '^FuzzMatch$$' -fuzztime 10s
	$(GO) test ./transcript -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime 10s

# e2e installs the real MTAs (Debian, npm, go-smtp) into private roots,
# starts them on loopback in a network namespace with no other interface,
# surveys them with smtpscan and checks every label and version; it stops
# all it started. Needs root (namespaces), as CI has.
e2e:
	e2e/survey.sh

fmt:
	gofmt -w $$(git ls-files '*.go')
	$(GO) run ./cmd/smtpfp fmt -w rules/*.fp

# golden rewrites every golden file; read `git diff testdata` after.
golden:
	GOLDIE_UPDATE=1 $(GO) test ./...

# bench prints the end-to-end comparison with gawk and the regexp loop
# (single-threaded), the archive path against the seed view on the same
# transcripts, the -j scaling, the JSON decoders side by side
# (bench/decoders, a module of its own so that the candidates stay out of
# go.mod), the matcher's Go benchmarks, then the scanner's
# (which need both cores: client and fake servers share them).
bench: deps
	$(GO) run ./bench/cmp
	cd bench/decoders && $(GO) run .
	GOMAXPROCS=1 $(GO) test -run '^$$' -bench . ./bench/
	$(GO) test -run '^$$' -bench . -benchtime 20000x ./scan/

clean:
	rm -rf $(BIN)
