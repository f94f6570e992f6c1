#!/bin/sh
# hadoop-local.sh: runs doc/pipeline.md's Hadoop Streaming recipe in Hadoop's
# local mode (mapreduce.framework.name=local, file:// paths, the mappers in
# one JVM) on a test archive and compares the job's output, its part files
# concatenated in split order, with one run of
# `smtpfp classify --json --all --rules smtp.fpc -j 1` over the whole archive.
# Two inputs: the plain archive cut into 2 MB splits, and the .gz archive
# (one split). Map-only output through TextOutputFormat ends each line with a
# tab (the line is the key, the value empty): the script says whether it
# did, and compares the lines without it.
#
# Needs Java and the Hadoop jars: HADOOP_CLASSPATH, or Maven (apt-get install
# maven), which resolves org.apache.hadoop:hadoop-streaming and hadoop-client
# of HADOOP_VERSION (default 3.3.6) from Maven Central. Exits 77 when it
# cannot have them.
#
# Usage: doc/recipes/hadoop-local.sh   (W=/var/tmp/smtpfp-recipes N=20000)
. "$(dirname "$0")/common.sh"

command -v java >/dev/null || { echo "hadoop-local: no java (apt-get install default-jre-headless)"; exit 77; }
V=${HADOOP_VERSION:-3.3.6}
CP=${HADOOP_CLASSPATH:-}
if [ -z "$CP" ]; then
	command -v mvn >/dev/null || { echo "hadoop-local: no HADOOP_CLASSPATH and no mvn (apt-get install maven)"; exit 77; }
	mkdir -p "$W/hadoop-deps"
	cat >"$W/hadoop-deps/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>smtpfp-hadoop-recipe</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.hadoop</groupId><artifactId>hadoop-streaming</artifactId><version>$V</version></dependency>
    <dependency><groupId>org.apache.hadoop</groupId><artifactId>hadoop-client</artifactId><version>$V</version></dependency>
  </dependencies>
</project>
POM
	(cd "$W/hadoop-deps" && nice -n 19 mvn -B -q dependency:build-classpath -Dmdep.outputFile=cp.txt) >"$W/mvn.log" 2>&1 ||
		{ echo "hadoop-local: Maven could not resolve Hadoop $V: $(grep -m1 ERROR "$W/mvn.log")"; exit 77; }
	CP=$(cat "$W/hadoop-deps/cp.txt")
fi
echo "hadoop $V, $(java -version 2>&1 | head -1)"
setup

for run in "archive.jsonl" "archive.jsonl.gz"; do
	rm -rf "$W/hin" "$W/hout" "$W/hjob" && mkdir -p "$W/hin" "$W/hjob"
	ln -s "$W/$run" "$W/hin/$run"
	# From an empty folder: the local job runner links -files' files into
	# the JVM's working folder, where the streaming mapper looks first.
	(cd "$W/hjob" && nice -n 19 java ${HADOOP_JAVA_OPTS:-} -cp "$CP" org.apache.hadoop.streaming.HadoopStreaming \
		-D mapreduce.framework.name=local -D fs.defaultFS=file:/// \
		-D mapreduce.job.reduces=0 \
		-D mapreduce.input.fileinputformat.split.maxsize=2097152 \
		-files "$W/ship/smtpfp,$W/ship/smtp.fpc" \
		-input "file://$W/hin" -output "file://$W/hout" \
		-mapper 'smtpfp classify --json --all --rules smtp.fpc -j 1') >"$W/hadoop.log" 2>&1 ||
		{ echo "FAIL hadoop job on $run: $(grep -m3 -i 'error\|exception' "$W/hadoop.log")"; fail=1; continue; }
	cat "$W"/hout/part-* >"$W/hadoop.raw"
	tabs=$(grep -c "$(printf '\t')\$" "$W/hadoop.raw" || true)
	echo "     $tabs of $(wc -l <"$W/hadoop.raw") output lines end with a tab"
	sed "s/$(printf '\t')\$//" "$W/hadoop.raw" >"$W/hadoop.jsonl"
	same "Hadoop Streaming local, map-only, on $run ($(ls "$W"/hout/part-* | wc -l) splits; trailing tabs removed)" "$W/hadoop.jsonl"
done
[ $fail = 0 ] && echo "hadoop-local: all checks passed" || echo "hadoop-local: FAILED"
exit $fail
