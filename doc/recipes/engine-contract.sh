#!/bin/sh
# engine-contract.sh: checks, without Spark or Hadoop, what both engines rely
# on when they run `smtpfp classify` as a filter (doc/pipeline.md):
#
#  1. line splits: the archive is cut into byte-sized splits at line ends
#     (`split -C`, as Hadoop's TextInputFormat and Spark's textFile cut a
#     plain file), each split is classified by its own process, in a folder
#     that holds only the shipped files (smtpfp, smtp.fpc) and with an empty
#     environment (PySpark's pipe passes none by default), and the outputs
#     concatenated in split order must equal one run over the whole archive,
#     byte for byte;
#  2. gzip: the .gz archive on stdin gives the same output (engines decompress
#     .gz before the mapper; smtpfp also reads it by content);
#  3. an empty split (engines run the command on empty partitions too) gives
#     no output and exit status 0;
#  4. --csv: each split writes its header row; dropping all but the first
#     gives one run's CSV;
#  5. a malformed record: skipped, the other records' lines unchanged, exit
#     status 1, which Hadoop Streaming and Scala/Java RDD.pipe treat as a
#     failed task; the wrapper doc/pipeline.md gives for skipping exits 0.
#
# Usage: doc/recipes/engine-contract.sh   (W=/var/tmp/smtpfp-recipes N=20000)
. "$(dirname "$0")/common.sh"
setup

# task DIR < INPUT > OUTPUT: run the mapper command as an engine's task would:
# a fresh working folder with the shipped files, no environment.
task() {
	rm -rf "$1" && mkdir -p "$1" && cp "$W/ship/smtpfp" "$W/ship/smtp.fpc" "$1/"
	(cd "$1" && env -i nice -n 19 $CMD)
}

for size in 64K 1M 4M; do
	rm -rf "$W/splits" && mkdir -p "$W/splits"
	(cd "$W/splits" && split -C "$size" -a 4 "$W/archive.jsonl" s.)
	: >"$W/joined.jsonl"
	n=0
	for s in "$W"/splits/s.*; do
		if ! task "$W/task" <"$s" >>"$W/joined.jsonl" 2>"$W/task.err"; then
			echo "FAIL split $s: exit status $?: $(cat "$W/task.err")"
			fail=1
		fi
		n=$((n + 1))
	done
	same "$n splits of at most $size" "$W/joined.jsonl"
done

task "$W/task" <"$W/archive.jsonl.gz" >"$W/gz.jsonl"
same "archive.jsonl.gz on stdin" "$W/gz.jsonl"

if out=$(task "$W/task" </dev/null) && [ -z "$out" ]; then
	echo "ok   empty split: no output, exit status 0"
else
	echo "FAIL empty split: exit status or output: $out"
	fail=1
fi

# --csv, in 1M splits.
CSV=$(echo "$CMD" | sed 's/--json/--csv/')
(cd "$W/ship" && nice -n 19 $CSV <"$W/archive.jsonl" >"$W/ref.csv")
rm -rf "$W/splits" && mkdir -p "$W/splits"
(cd "$W/splits" && split -C 1M -a 4 "$W/archive.jsonl" s.)
first=1
: >"$W/joined.csv"
for s in "$W"/splits/s.*; do
	(cd "$W/ship" && env -i $CSV <"$s") >"$W/part.csv"
	if [ $first = 1 ]; then cat "$W/part.csv"; else tail -n +2 "$W/part.csv"; fi >>"$W/joined.csv"
	first=0
done
if cmp -s "$W/joined.csv" "$W/ref.csv"; then
	echo "ok   --csv in 1M splits, header rows but the first dropped: identical to one run ($(wc -l <"$W/ref.csv") lines)"
else
	echo "FAIL --csv in splits differs from one run"
	fail=1
fi

# A malformed record in the middle of a split.
{ sed -n 1,100p "$W/archive.jsonl"; echo 'not a record'; sed -n 101,200p "$W/archive.jsonl"; } >"$W/bad.jsonl"
sed -n 1,200p "$W/archive.jsonl" >"$W/good.jsonl"
task "$W/task" <"$W/good.jsonl" >"$W/good.out"
set +e
task "$W/task" <"$W/bad.jsonl" >"$W/bad.out" 2>"$W/bad.err"
st=$?
set -e
if [ $st = 1 ] && cmp -s "$W/bad.out" "$W/good.out"; then
	echo "ok   malformed record: skipped ($(head -1 "$W/bad.err")), other lines unchanged, exit status 1"
else
	echo "FAIL malformed record: exit status $st, or other lines changed"
	fail=1
fi
# The wrapper for jobs that should skip bad records rather than fail:
# exit status 1 (records skipped) becomes 0, anything else stays.
WRAP='./smtpfp classify --json --all --rules smtp.fpc -j 1; s=$?; [ $s -le 1 ] || exit $s'
set +e
(cd "$W/task" && env -i sh -c "$WRAP" <"$W/bad.jsonl" >"$W/wrap.out" 2>/dev/null)
st=$?
(cd "$W/task" && env -i sh -c "$(echo "$WRAP" | sed 's/smtp.fpc/missing.fpc/')" </dev/null >/dev/null 2>&1)
st2=$?
set -e
if [ $st = 0 ] && [ $st2 = 2 ] && cmp -s "$W/wrap.out" "$W/good.out"; then
	echo "ok   skipping wrapper: exit status 0 with a malformed record, 2 kept for a missing rulebase"
else
	echo "FAIL skipping wrapper: exit status $st with a malformed record, $st2 with a missing rulebase"
	fail=1
fi

[ $fail = 0 ] && echo "engine-contract: all checks passed" || echo "engine-contract: FAILED"
exit $fail
