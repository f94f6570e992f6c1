#!/usr/bin/env bash
# e2e/record.sh: record every e2e server into testdata/transcripts/real/.
#
#   e2e/record.sh [OUTDIR]
#
# Starts the servers with run.sh and runs the survey dialogue against each
# (e2e/record/main.go, a stand-in for smtpscan), writing
# OUTDIR/<product>-<variant>.jsonl (one archive record) and a sidecar
# OUTDIR/<product>-<variant>.json saying what ran there (product, version,
# package, how the banner was changed). OUTDIR defaults to
# testdata/transcripts/real. E2E_SERVERS limits it to some servers.
set -euo pipefail
E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$E2E_DIR/lib.sh"

if [[ ${1-} == --inside ]]; then
	out=$2
	rc=0
	while read -r line; do
		addr=$(sed -n 's/.*"addr":"\([^"]*\)".*/\1/p' <<<"$line")
		product=$(sed -n 's/.*"product":"\([^"]*\)".*/\1/p' <<<"$line")
		variant=$(sed -n 's/.*"variant":"\([^"]*\)".*/\1/p' <<<"$line")
		name=$out/$product-$variant
		if "$E2E_WORK/bin/record" "$addr" >"$name.jsonl.tmp"; then
			mv "$name.jsonl.tmp" "$name.jsonl"
			# The sidecar is the server's line without its run-time address.
			sed 's/"addr":"[^"]*",//' <<<"$line" >"$name.json"
			log "recorded $name.jsonl"
		else
			rm -f "$name.jsonl.tmp"
			log "recording $addr failed"
			rc=1
		fi
	done <"$E2E_SERVERS_JSON"
	exit "$rc"
fi

out=$(realpath -m "${1:-$E2E_REPO/testdata/transcripts/real}")
mkdir -p "$out" "$E2E_WORK/bin"
(cd "$E2E_REPO" && go build -o "$E2E_WORK/bin/record" e2e/record/main.go)
exec "$E2E_DIR/run.sh" "$E2E_DIR/record.sh" --inside "$out"
