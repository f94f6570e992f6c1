# smtpfp. `make check` is the one command CI runs (.ci/run): it installs
# what the tests need, then runs every test.

GO ?= go
BIN := bin
export LC_ALL := C

.PHONY: all build test check deps vet fmt golden bench e2e clean demo

all: build

build:
	$(GO) build -o $(BIN)/ ./cmd/...

demo: build
	$(BIN)/smtpfp

# deps installs what the tests need on a Debian machine: gawk for the
# differential tests. Other targets add their own (e2e: the MTAs).
deps:
	@if ! command -v gawk >/dev/null; then \
		(apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gawk; \
	fi

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1; }

test:
	$(GO) test -timeout 20m ./...

check: deps vet test
	$(GO) run ./cmd/smtpfp check rules/*.fp

fmt:
	gofmt -w $$(git ls-files '*.go')
	$(GO) run ./cmd/smtpfp fmt -w rules/*.fp

# golden rewrites every golden file; read `git diff testdata/golden` after.
golden:
	GOLDIE_UPDATE=1 $(GO) test ./...

# bench prints the end-to-end comparison with gawk and the regexp loop,
# then the matcher's Go benchmarks.
bench: deps
	$(GO) run ./bench/cmp
	GOMAXPROCS=1 $(GO) test -run '^$$' -bench . ./bench/

clean:
	rm -rf $(BIN)
