#!/usr/bin/env bash
# Benchmark P1 (docs/performance.md, "P1: JTL aggregation"): aggregate a generated 5-million-row JMeter CSV JTL with
# secperf's ingest and with JMeter 5.6.3's own ReportGenerator (what `jmeter -g file.jtl -o dir` runs), same file,
# same JVM options, each measurement in a fresh JVM; plus a raw line scan of the same file as the speed reference.
#
#   bench/p1-ingest.sh                      # everything, defaults below
#   ROWS=500000 REPEAT=1 bench/p1-ingest.sh # quick look
#
# Environment: ROWS (5000000), REPEAT runs per cheap mode (3; medians are reported), JVM_OPTS for every measurement
# (-Xmx1g), SMALL_HEAP for the extra run of ours (-Xmx256m), WORK directory for the generated file and JMeter's
# report (secperf-bench/target/p1; never committed), JAVA (java), MVN_ARGS (-o), LIVE_MS how often our live-set runs
# force a full GC (100: our runs take about a second; ReportGenerator's run keeps 2000 over its two minutes),
# JMETER=0 skips the two ReportGenerator runs (several minutes) when only our side changed.
# Every result line ends with the 1-minute load average when its run started (load1=): the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-5000000}
REPEAT=${REPEAT:-3}
JVM_OPTS=${JVM_OPTS:--Xmx1g}
SMALL_HEAP=${SMALL_HEAP:--Xmx256m}
WORK=${WORK:-secperf-bench/target/p1}
JAVA=${JAVA:-java}
MVN_ARGS=${MVN_ARGS:--o}
LIVE_MS=${LIVE_MS:-100}
JMETER=${JMETER:-1}

mvn -B -q $MVN_ARGS -Pbench -pl secperf-bench -am package -DskipTests
CP="secperf-bench/target/secperf-bench-0.1.0-SNAPSHOT.jar:secperf-bench/target/lib/*"
mkdir -p "$WORK"
JTL="$WORK/p1-$ROWS.jtl"
if [ ! -s "$JTL" ]; then
  $JAVA -cp "$CP" io.secperf.bench.JtlGenerator "$JTL" "$ROWS" 1
fi
RESULTS="$WORK/results-$(date +%Y%m%d-%H%M%S).txt"
{
  echo "# P1 $(date -u +%FT%TZ) rows=$ROWS file=$JTL bytes=$(wc -c <"$JTL")"
  echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB RAM"
  echo "# java: $($JAVA -version 2>&1 | sed -n 1p); JVM_OPTS=$JVM_OPTS"
  echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$RESULTS"

# the file format must be JMeter's, or the comparison means nothing
$JAVA -cp "$CP" io.secperf.bench.JMeterFormatCheck "$WORK" 2>>"$WORK/stderr.log" | tee -a "$RESULTS"
cat "$JTL" >/dev/null   # page cache warm for everyone
run() {  # run OPTS MODE
  local opts=$1 mode=$2
  # shellcheck disable=SC2086
  $JAVA $opts -cp "$CP" io.secperf.bench.P1Bench "$mode" "$JTL" "$WORK" 2>>"$WORK/stderr.log" \
    | sed "s/\$/ load1=$(cut -d' ' -f1 /proc/loadavg)/" | tee -a "$RESULTS"
}
for i in $(seq "$REPEAT"); do
  for mode in readline bytescan secperf-read secperf secperf-2t; do
    run "$JVM_OPTS" "$mode"
  done
done
if [ "$JMETER" != 0 ]; then
  run "$JVM_OPTS" jmeter-report
fi
for i in $(seq "$REPEAT"); do
  run "$SMALL_HEAP" secperf-2t
done
# steady state: two untimed runs first in the same JVM (JIT done), then the timed one
for mode in readline secperf-read secperf secperf-2t; do
  run "$JVM_OPTS -Dp1.warmups=2" "$mode"
done
# live set over time: forced full GC every LIVE_MS / 2 s (perturbs timing, so these runs are reported separately)
run "$JVM_OPTS -Dp1.liveSampleMs=$LIVE_MS" secperf
run "$JVM_OPTS -Dp1.liveSampleMs=$LIVE_MS" secperf-2t
if [ "$JMETER" != 0 ]; then
  run "$JVM_OPTS -Dp1.liveSampleMs=2000" jmeter-report
fi
echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS"
echo
$JAVA -cp "$CP" io.secperf.bench.P1Report "$RESULTS"
echo
echo "raw results: $RESULTS"
