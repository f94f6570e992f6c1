#!/bin/sh
# spark-local.sh: runs doc/pipeline.md's Spark recipe (PySpark, RDD.pipe) in
# local[2] mode on a test archive and compares the job's output, its part
# files concatenated in partition order, with one run of
# `smtpfp classify --json --all --rules smtp.fpc -j 1` over the whole archive,
# byte for byte. Two inputs: the .gz archive (one partition: gzip does not
# split) and the plain archive in 7 partitions.
#
# Needs Java (Debian: apt-get install default-jre-headless) and pyspark:
# PYTHON names a python that imports it, or the script makes a venv in
# $W/venv and pip-installs pyspark (PYSPARK_VERSION, default the newest).
# Exits 77 when it cannot have either.
#
# What local mode does not show: how addFile ships the files to executors.
# In local mode the one executor is the driver, addFile puts the files in a
# temporary folder, and ./smtpfp resolves against the driver's working
# folder; so the job runs from the folder that holds smtpfp and smtp.fpc.
# On a cluster, executors fetch addFile's files into their working folder.
#
# Usage: doc/recipes/spark-local.sh   (W=/var/tmp/smtpfp-recipes N=20000)
. "$(dirname "$0")/common.sh"

command -v java >/dev/null || { echo "spark-local: no java (apt-get install default-jre-headless)"; exit 77; }
PY=${PYTHON:-}
if [ -z "$PY" ]; then
	PY=$W/venv/bin/python
	if ! "$PY" -c 'import pyspark' 2>/dev/null; then
		python3 -m venv "$W/venv" || { echo "spark-local: no venv (apt-get install python3-venv)"; exit 77; }
		"$W/venv/bin/pip" install -q "pyspark${PYSPARK_VERSION:+==$PYSPARK_VERSION}" ||
			{ echo "spark-local: pip could not install pyspark"; exit 77; }
	fi
fi
"$PY" -c 'import pyspark' || { echo "spark-local: $PY does not import pyspark"; exit 77; }
echo "pyspark $("$PY" -c 'import pyspark; print(pyspark.__version__)'), $(java -version 2>&1 | head -1)"
setup

cat >"$W/spark-job.py" <<'PYEOF'
import sys
from pyspark import SparkContext

src, out, parts = sys.argv[1], sys.argv[2], int(sys.argv[3])
sc = SparkContext("local[2]", "smtpfp-recipe")
sc.setLogLevel("WARN")
# The recipe of doc/pipeline.md, with file:// paths in place of s3://.
sc.addFile("smtpfp"); sc.addFile("smtp.fpc")
lines = sc.textFile(src, parts)
classified = lines.pipe("./smtpfp classify --json --all --rules smtp.fpc -j 1", checkCode=True)
classified.saveAsTextFile(out)
print("partitions:", lines.getNumPartitions())
sc.stop()
PYEOF

for run in "archive.jsonl.gz 2" "archive.jsonl 7"; do
	set -- $run
	rm -rf "$W/spark-out"
	(cd "$W/ship" && nice -n 19 "$PY" "$W/spark-job.py" "file://$W/$1" "file://$W/spark-out" "$2") 2>"$W/spark.err" ||
		{ echo "FAIL spark job on $1: $(tail -5 "$W/spark.err")"; fail=1; continue; }
	cat "$W"/spark-out/part-* >"$W/spark.jsonl"
	same "Spark local[2], RDD.pipe on $1 ($(ls "$W"/spark-out/part-* | wc -l) partitions)" "$W/spark.jsonl"
done
[ $fail = 0 ] && echo "spark-local: all checks passed" || echo "spark-local: FAILED"
exit $fail
