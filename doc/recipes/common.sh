# Sourced by the recipe checks in this folder: builds smtpfp, makes a test
# archive and the reference output that every engine's output is compared
# with. Not part of `make check` or CI: the checks are slow, and the engine
# ones need Spark or Hadoop, which CI does not have.
#
# Environment: W (work folder, default /var/tmp/smtpfp-recipes), N (records,
# default 20000). Everything heavy runs under nice: the machine is shared.

set -eu
REPO=$(cd "$(dirname "$0")/../.." && pwd)
W=${W:-/var/tmp/smtpfp-recipes}
N=${N:-20000}
# The mapper command exactly as doc/pipeline.md gives it (Spark's form with
# ./, which also works under Hadoop Streaming). Files are relative: each task
# runs where the engine put the shipped files.
CMD='./smtpfp classify --json --all --rules smtp.fpc -j 1'

setup() {
	mkdir -p "$W"
	(cd "$REPO" && nice -n 19 go build -o "$W/bin/" ./cmd/...)
	if [ ! -s "$W/corpus/archive.jsonl" ] || [ "$(cat "$W/corpus/n" 2>/dev/null)" != "$N" ]; then
		mkdir -p "$W/corpus"
		(cd "$REPO" && nice -n 19 go run ./bench/cmp -corpus "$W/corpus" -n "$N")
		echo "$N" >"$W/corpus/n"
	fi
	# A survey header first, as smtpscan writes it: under an engine it lands
	# in one split only, and must classify to nothing there.
	{ echo '{"survey":{"format":1,"population":"ipv4"}}'; cat "$W/corpus/archive.jsonl"; } >"$W/archive.jsonl"
	nice -n 19 gzip -9 -c "$W/archive.jsonl" >"$W/archive.jsonl.gz"
	# The two files a job ships (-files, addFile), in a folder of their own.
	rm -rf "$W/ship" && mkdir -p "$W/ship"
	cp "$W/bin/smtpfp" "$W/ship/smtpfp"
	"$W/bin/smtpfp" compile -o "$W/ship/smtp.fpc" "$REPO/rules/smtp.fp"
	# The reference: one run over the whole archive.
	(cd "$W/ship" && nice -n 19 $CMD <"$W/archive.jsonl" >"$W/ref.jsonl")
	echo "reference: $(wc -l <"$W/ref.jsonl") lines from $(wc -l <"$W/archive.jsonl") input lines (one is the header)"
}

# same NAME FILE: FILE equals the reference byte for byte, or the check fails.
same() {
	if cmp -s "$2" "$W/ref.jsonl"; then
		echo "ok   $1: $(wc -l <"$2") lines, identical to one run, in order"
	else
		echo "FAIL $1: differs from one run (diff $2 $W/ref.jsonl)"
		fail=1
	fi
}
fail=0
