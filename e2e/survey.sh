#!/usr/bin/env bash
# e2e/survey.sh: `make e2e`. Builds smtpscan and the checker, starts every
# real server on loopback (e2e/run.sh), surveys them with smtpscan using the
# default rulebase, and checks each is labelled as the product and version
# it is (e2e/check); then surveys them again with --starttls and checks the
# labels and each server's TLS (check --tls), and chasquid's SMTPS ports
# with --smtps (check --smtps). run.sh stops everything it started,
# whatever happens.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${E2E_BIN:-$repo/bin/e2e}
mkdir -p "$bin"
# Build outside: run.sh's namespace has no network.
(cd "$repo" && go build -o "$bin/" ./cmd/smtpscan ./e2e/check)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$repo/e2e/run.sh" bash -c '
	set -euo pipefail
	# Courier delays its error replies on purpose: allow 15 s a reply.
	cut -d" " -f1 "$E2E_TARGETS" | "$0/smtpscan" --targets - --allow-private --no-ptr \
		--ehlo-name survey.example --read-timeout 15s --session-timeout 60s \
		--concurrency 20 -o "$1/e2e.jsonl" > "$1/summary.txt"
	"$0/check" "$E2E_SERVERS_JSON" "$1/e2e.jsonl"
	# Again with --starttls: the same labels, and a handshake, a chain and
	# a verdict from every server that offers STARTTLS.
	cut -d" " -f1 "$E2E_TARGETS" | "$0/smtpscan" --targets - --allow-private --no-ptr \
		--ehlo-name survey.example --read-timeout 15s --session-timeout 60s \
		--concurrency 20 --starttls -o "$1/e2e-tls.jsonl" > "$1/summary-tls.txt"
	"$0/check" --tls "$E2E_SERVERS_JSON" "$1/e2e-tls.jsonl"
	# --smtps at the submission-over-TLS ports of chasquid (200 above its SMTP ports).
	awk '"'"'$2 == "chasquid" { split($1, a, ":"); print a[1] ":" a[2] + 200 }'"'"' "$E2E_TARGETS" |
		"$0/smtpscan" --targets - --allow-private --no-ptr --ehlo-name survey.example \
		--read-timeout 15s --session-timeout 60s --smtps -o "$1/e2e-smtps.jsonl" > "$1/summary-smtps.txt"
	"$0/check" --smtps "$E2E_SERVERS_JSON" "$1/e2e-smtps.jsonl"
' "$bin" "$out"
