#!/usr/bin/env bash
# The shard merge of docs/performance.md "Distributed": 100 result documents, as 100 agents or controllers write them,
# merged exactly (histograms added) the way `secperf gate --result 'shards/*/secperf-result.json'` and secPerfGate do.
# Times read + merge in one JVM (ShardMerge, medians of REPEAT rounds), then the whole `secperf gate` command once.
#
#   bench/shard-merge.sh                   # 100 shards x 10 labels x 200000 samples over 600 s
#   SHARDS=20 SAMPLES=50000 bench/shard-merge.sh
#
# Environment: SHARDS (100), LABELS (10), SAMPLES per shard (200000), SPAN seconds per shard (600), REPEAT (5),
# WORK (secperf-bench/target/shards; never committed), JAVA (java), JVM_OPTS (-Xmx512m), MVN_ARGS (-o).
# Every result line ends with the load average when it started: the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARDS=${SHARDS:-100}
LABELS=${LABELS:-10}
SAMPLES=${SAMPLES:-200000}
SECONDS_PER_SHARD=${SPAN:-600}
REPEAT=${REPEAT:-5}
WORK=${WORK:-secperf-bench/target/shards}
JAVA=${JAVA:-java}
JVM_OPTS=${JVM_OPTS:--Xmx512m}
MVN_ARGS=${MVN_ARGS:--o}

mvn -B -q $MVN_ARGS -Pbench -pl secperf-bench -am package -DskipTests
CP="secperf-bench/target/secperf-bench-0.1.0-SNAPSHOT.jar:secperf-bench/target/lib/*"
DIR="$WORK/$SHARDS-$LABELS-$SAMPLES-$SECONDS_PER_SHARD"
if [ ! -d "$DIR" ]; then
  $JAVA $JVM_OPTS -cp "$CP" io.secperf.bench.ShardMerge generate "$DIR" "$SHARDS" "$LABELS" "$SAMPLES" "$SECONDS_PER_SHARD"
fi
echo "# shard merge $(date -u +%FT%TZ): $SHARDS shards, $LABELS labels, $SAMPLES samples over $SECONDS_PER_SHARD s each"
echo "# machine: $(nproc) cores; java: $($JAVA -version 2>&1 | sed -n 1p); JVM_OPTS=$JVM_OPTS"
echo "# in one JVM (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
$JAVA $JVM_OPTS -cp "$CP" io.secperf.bench.ShardMerge merge "$DIR" "$REPEAT"
CLI_JAR=$(ls secperf-cli/target/secperf-cli-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1 || true)
if [ -n "$CLI_JAR" ] && [ -d secperf-cli/target/lib ]; then
  echo "# secperf gate, whole command incl. JVM start, report and charts (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
  start=$(date +%s%N)
  $JAVA $JVM_OPTS -cp "$CLI_JAR:secperf-cli/target/lib/*" io.secperf.cli.Secperf gate \
      --result "$DIR/*/secperf-result.json" --gates 'p95 < 1s; errors < 1%' --out "$WORK/merged" >"$WORK/gate.out" 2>&1 || true
  echo "secperf gate: $(( ($(date +%s%N) - start) / 1000000 )) ms ($(grep -m1 -o 'verdict: [A-Z]*' "$WORK/gate.out" || echo 'see gate.out'))"
else
  echo "# (no secperf-cli/target/lib: mvn -o -pl secperf-cli -am package -DskipTests to time the whole secperf gate command)"
fi
