#!/usr/bin/env bash
# Benchmark P1, before/after in alternation (docs/performance.md, "Results after the changes of 2026-12-06"): the same
# bench jar and file with secperf-core built from an older commit and from the working tree, alternating old/new for
# ROUNDS rounds of MODES, every run in a fresh JVM. On a shared machine whose load changes by the minute this is a
# fairer comparison than two separate runs of bench/p1-ingest.sh.
#
#   bench/p1-paired.sh 30e03b1              # 5 rounds of readline, secperf, secperf-2t on the 5M-row file
#   ROUNDS=3 MODES="secperf" bench/p1-paired.sh HEAD~3
#
# Needs the file that bench/p1-ingest.sh generates (ROWS, WORK as there). The old core is built with
# `git archive REV | tar -x` under WORK/paired-REV (package only, offline, never installed).
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=${1:?usage: bench/p1-paired.sh OLD_COMMIT}
ROWS=${ROWS:-5000000}
ROUNDS=${ROUNDS:-5}
MODES=${MODES:-readline secperf secperf-2t}
JVM_OPTS=${JVM_OPTS:--Xmx1g}
WORK=${WORK:-secperf-bench/target/p1}
JAVA=${JAVA:-java}
JTL="$WORK/p1-$ROWS.jtl"
[ -s "$JTL" ] || { echo "$JTL missing: run ROWS=$ROWS bench/p1-ingest.sh once first" >&2; exit 4; }

mvn -B -q -o -Pbench -pl secperf-bench -am package -DskipTests
OLD_DIR="$WORK/paired-$OLD"
if [ ! -s "$OLD_DIR/secperf-core/target/secperf-core-0.1.0-SNAPSHOT.jar" ]; then
  mkdir -p "$OLD_DIR"
  git archive "$OLD" | tar -x -C "$OLD_DIR"
  (cd "$OLD_DIR" && mvn -B -q -o -pl secperf-core package -DskipTests)
fi
LIB=$(ls secperf-bench/target/lib/*.jar | grep -v '/secperf-core-' | tr '\n' ':')
BENCH=secperf-bench/target/secperf-bench-0.1.0-SNAPSHOT.jar
declare -A CORE=([old]="$OLD_DIR/secperf-core/target/secperf-core-0.1.0-SNAPSHOT.jar"
                 [new]="secperf-core/target/secperf-core-0.1.0-SNAPSHOT.jar")
echo "# P1 paired $(date -u +%FT%TZ) old=$OLD new=working tree rows=$ROWS load: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
  for which in old new; do
    for mode in $MODES; do
      load=$(cut -d' ' -f1 /proc/loadavg)
      # shellcheck disable=SC2086
      echo "$which $($JAVA $JVM_OPTS -cp "$BENCH:${CORE[$which]}:$LIB" io.secperf.bench.P1Bench "$mode" "$JTL" \
        2>/dev/null | cut -d' ' -f2-5) load1=$load"
    done
  done
done
echo "# load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
